package org.creditlab.train;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.creditlab.util.AtomicFiles;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The per-epoch metrics of a run, one row per epoch, as a Tablesaw {@link Table}. Columns appear in the order
 * they were first recorded; a metric missing from an epoch is NaN.
 */
public final class MetricsTable {
    private final String name;
    private final List<EpochRecord> rows;

    public MetricsTable(String name, List<EpochRecord> rows) {
        this.name = name;
        this.rows = List.copyOf(rows);
    }

    public String name() { return name; }
    public List<EpochRecord> rows() { return Collections.unmodifiableList(rows); }
    public int epochs() { return rows.size(); }

    /** The last epoch's record; fails on an empty table. */
    public EpochRecord last() {
        if (rows.isEmpty()) {
            throw new IllegalStateException("run '" + name + "' has no completed epochs");
        }
        return rows.get(rows.size() - 1);
    }

    /** The first {@code n} epochs. */
    public MetricsTable head(int n) {
        return new MetricsTable(name, rows.subList(0, Math.min(n, rows.size())));
    }

    public List<String> columns() {
        Set<String> cols = new LinkedHashSet<>();
        for (EpochRecord r : rows) {
            cols.addAll(r.values().keySet());
        }
        return new ArrayList<>(cols);
    }

    /** One column's values, NaN where an epoch lacks it. */
    public double[] column(String column) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).has(column) ? rows.get(i).get(column) : Double.NaN;
        }
        return out;
    }

    /**
     * The epoch (from 0) whose {@code column} is best, highest or lowest, among the epochs where it is finite; the
     * earliest of equals. -1 when no epoch has a finite value of it (an empty run, a column never recorded).
     */
    public int bestEpoch(String column, boolean maximize) {
        double[] v = column(column);
        int best = -1;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i]) && (best < 0 || (maximize ? v[i] > v[best] : v[i] < v[best]))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * {@code column} at the epoch where {@code selectBy} is best ({@link #bestEpoch}): early stopping on a validation
     * metric, e.g. the test accuracy at the epoch of the best validation accuracy. NaN when {@code selectBy} has no
     * finite value or {@code column} is missing at that epoch.
     */
    public double atBest(String column, String selectBy, boolean maximize) {
        int epoch = bestEpoch(selectBy, maximize);
        return epoch < 0 ? Double.NaN : column(column)[epoch];
    }

    /** The table as Tablesaw columns of doubles. */
    public Table table() {
        Table t = Table.create(name);
        for (String c : columns()) {
            t.addColumns(DoubleColumn.create(c, column(c)));
        }
        return t;
    }

    public String toCsv() {
        StringWriter w = new StringWriter();
        table().write().csv(w);
        return w.toString();
    }

    /** Writes the CSV atomically. */
    public void save(Path csv) {
        AtomicFiles.writeString(csv, toCsv());
    }

    public static MetricsTable load(String name, Path csv) {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metrics " + csv + ": " + e.getMessage(), e);
        }
        try {
            return fromCsv(name, text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("metrics file " + csv + " is not a valid metrics table (" + e.getMessage() + ")", e);
        }
    }

    public static MetricsTable fromCsv(String name, String csv) {
        if (csv.isBlank()) {
            return new MetricsTable(name, List.of());
        }
        Table t = Table.read().usingOptions(CsvReadOptions.builder(new StringReader(csv)).tableName(name)
                .columnTypesToDetect(List.of(ColumnType.DOUBLE)).missingValueIndicator("NaN", "").build());
        List<EpochRecord> rows = new ArrayList<>();
        for (Row r : t) {
            EpochRecord e = new EpochRecord();
            for (String c : t.columnNames()) {
                double v = r.isMissing(c) ? Double.NaN : r.getNumber(c);
                e.put(c, v);
            }
            rows.add(e);
        }
        return new MetricsTable(name, rows);
    }

    /** A text table with fixed decimals, for terminals and logs. */
    public String format() {
        List<String> cols = columns();
        StringBuilder sb = new StringBuilder();
        for (String c : cols) {
            sb.append(String.format("%14s", abbreviate(c)));
        }
        sb.append('\n');
        for (EpochRecord r : rows) {
            for (String c : cols) {
                double v = r.has(c) ? r.get(c) : Double.NaN;
                sb.append(String.format("%14s", formatValue(c, v)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String formatValue(String column, double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (column.equals("epoch")) {
            return String.valueOf((long) v);
        }
        if (Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-3)) {
            return String.format("%.3e", v);
        }
        return String.format("%.4f", v);
    }

    private static String abbreviate(String c) {
        return c.length() <= 13 ? c : c.substring(0, 12) + "…";
    }

    @Override
    public String toString() {
        return format();
    }
}
