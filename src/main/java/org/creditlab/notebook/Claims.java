package org.creditlab.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.sweep.Summary;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A findings table: one row per claim of a paper, with the paper's number or statement, ours computed from the runs,
 * and a verdict decided by a rule that the row states, so a reader can disagree with the threshold. A check that
 * lacks a number it needs gets a row saying what is missing instead of stopping the notebook.
 */
public final class Claims {
    /** A verdict's first word when a rule holds, when it does not, and when it could not be decided. */
    public static final String AGREES = "agrees";
    public static final String DISAGREES = "disagrees";
    public static final String NOT_MEASURED = "not measured";
    /** A verdict's first words when the runs are too small for the claim (fewer epochs or less data than the paper's). */
    public static final String NOT_AT_THIS_SCALE = "not shown at this scale";

    /**
     * What a check measured.
     *
     * @param ours  our numbers, as text
     * @param holds whether the rule holds on them
     */
    public record Outcome(String ours, boolean holds) {}

    /**
     * Thrown by a check when a number it needs is absent or not finite; the row then names what is missing. A check
     * over several configurations may say what the ones present give ({@code soFar}): the row shows those numbers and
     * what the rule gives on them, still without a verdict, so that a study half recorded shows its progress.
     */
    public static final class Missing extends RuntimeException {
        private final transient Outcome soFar;

        public Missing(String what) {
            this(what, null);
        }

        public Missing(String what, Outcome soFar) {
            super(what, null, false, false);
            this.soFar = soFar;
        }

        /** What the configurations present give, or null. */
        public Outcome soFar() {
            return soFar;
        }
    }

    private final List<String> claim = new ArrayList<>();
    private final List<String> paper = new ArrayList<>();
    private final List<String> ours = new ArrayList<>();
    private final List<String> verdict = new ArrayList<>();

    public static Claims create() {
        return new Claims();
    }

    /** Runs {@code check} and adds its row: "agrees" or "disagrees" by {@code rule}, or "not measured" if data are missing. */
    public Claims add(String claim, String paper, String rule, Supplier<Outcome> check) {
        return add(claim, paper, rule, null, check);
    }

    /**
     * Like {@link #add(String, String, String, Supplier)}, for a claim these runs may be too small to decide. When
     * {@code beyondScale} is null the row is decided by {@code rule}; otherwise it says why the runs cannot show the
     * claim ({@code beyondScale}, e.g. "the paper's numbers are after 100 epochs, these runs have 3"), still shows
     * ours, and says what the rule gives on these runs without calling it agreement or disagreement.
     */
    public Claims add(String claim, String paper, String rule, String beyondScale, Supplier<Outcome> check) {
        Outcome o;
        try {
            o = check.get();
        } catch (Missing m) {
            return m.soFar() == null
                    ? row(claim, paper, "—", NOT_MEASURED + ": " + m.getMessage() + " (rule: " + rule + ")")
                    : row(claim, paper, m.soFar().ours(), NOT_MEASURED + ": " + m.getMessage() + " (rule: " + rule
                            + "; on the runs present it " + (m.soFar().holds() ? "holds" : "does not hold") + ")");
        }
        if (beyondScale == null) {
            return row(claim, paper, o.ours(), (o.holds() ? AGREES : DISAGREES) + " (rule: " + rule + ")");
        }
        return row(claim, paper, o.ours(), NOT_AT_THIS_SCALE + ": " + beyondScale + " (rule: " + rule + "; on these runs it "
                + (o.holds() ? "holds" : "does not hold") + ")");
    }

    /** A claim that only a figure can show: no rule decides it, and the row says where to look. */
    public Claims qualitative(String claim, String paper, String figure) {
        return row(claim, paper, "see the figure " + figure, NOT_MEASURED + ": qualitative, judged by eye from the figure");
    }

    private Claims row(String c, String p, String o, String v) {
        claim.add(c);
        paper.add(p);
        ours.add(o);
        verdict.add(v);
        return this;
    }

    /** The table, with columns claim, paper, ours, verdict. */
    public Table table(String title) {
        return Table.create(title, StringColumn.create("claim", claim), StringColumn.create("paper", paper),
                StringColumn.create("ours", ours), StringColumn.create("verdict", verdict));
    }

    /** {@code v}, or {@link Missing} naming {@code what} when it is NaN or infinite. */
    public static double need(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new Missing(what);
        }
        return v;
    }

    /**
     * {@code v}, or {@link Missing} naming {@code what} when it is null, or when it is a seed group with runs that are
     * missing (not trained, as under {@code CREDITLAB_TRAIN=no}, or failed), or a search with trials missing: a claim is
     * decided on all of its seeds, and on all of a search's trials.
     */
    public static <T> T need(T v, String what) {
        if (v == null) {
            throw new Missing(what);
        }
        if (v instanceof SeedRuns r && r.missing() > 0) {
            throw new Missing(what + " (" + r.missing() + " of " + r.runs().size() + " not run)");
        }
        if (v instanceof SearchResult r && r.missing() > 0) {
            throw new Missing(what + " (" + r.missing() + " of " + r.trials().size() + " trials not run)");
        }
        return v;
    }

    /** {@code map.get(key)}, or {@link Missing} when the map is null or lacks the key. */
    public static <K, V> V need(Map<K, V> map, K key, String what) {
        return need(map == null ? null : map.get(key), what);
    }

    /**
     * A fraction as a percentage with two decimals, e.g. 0.8318 → "83.18", or more where two would show a fraction short
     * of 1 as "100.00" ({@link Summary#percentDecimals}).
     */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%." + Summary.percentDecimals(fraction) + "f", 100 * fraction);
    }
}
