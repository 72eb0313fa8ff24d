package org.creditlab.notebook;

import tech.tablesaw.api.Table;

/** Reads a findings table built by {@link Claims}, for the papers' findings tests. */
public final class ClaimTables {
    private ClaimTables() {}

    /** The verdict of the first claim starting with {@code claimStart}; fails with the table if there is none. */
    public static String verdict(Table t, String claimStart) {
        return cell(t, claimStart, "verdict");
    }

    /** The {@code column} (claim, paper, ours, verdict) of the first claim starting with {@code claimStart}. */
    public static String cell(Table t, String claimStart, String column) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.stringColumn("claim").get(i).startsWith(claimStart)) {
                return t.stringColumn(column).get(i);
            }
        }
        throw new AssertionError("no claim starting with '" + claimStart + "' in\n" + t.printAll());
    }
}
