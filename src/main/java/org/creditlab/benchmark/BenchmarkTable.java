package org.creditlab.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.RuleTraits;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.Summary;
import org.creditlab.train.MetricsTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The benchmark's table, one row per rule, computed from its runs (stored, recorded or just trained):
 *
 * <ul>
 *   <li>test accuracy at each seed's epoch of best validation accuracy (early stopping on the validation split held
 *   out of the training set, {@link BenchmarkPresets#SELECTION}), mean ± sample std over seeds, and the gap to
 *   backprop's mean, in points; and the test accuracy at the last epoch beside it, whose spread shows a rule that
 *   swings from epoch to epoch at its chosen learning rate;</li>
 *   <li>the angle between the rule's update and backprop's on the same batch ({@code angle_bp/<layer>}), averaged over
 *   the forward weight layers at the last epoch, then over seeds; likewise B–Wᵀ ({@code angle_BWt/<layer>}) for rules
 *   whose feedback matrices stand where Wᵀ would ({@code HasFeedback}; for DFA and DRTP the top layer's alone);</li>
 *   <li>time per epoch relative to backprop's: from the sitting that timed the chosen settings side by side
 *   ({@link EpochCosts}, {@link CostSitting}) where it timed the rule's present choice; otherwise estimated from the
 *   training runs (marked so): the median over every epoch of every seed of the batches' time ({@code seconds},
 *   without evaluation or diagnostics), plus the mean of the rule's own phase before each epoch ({@code phase_seconds}:
 *   DFC's sleep phase, its one-off feedback pre-training spread over the epochs), over backprop's. Those runs shared
 *   the machine with other work at other times, so the estimate can be off by a factor of two;</li>
 *   <li>memory: the arrays kept across steps and one step's allocations ({@code memory/state_bytes},
 *   {@code memory/step_bytes}, see {@code diagnostics.MemoryFootprint}), in MB of 10⁶ bytes;</li>
 *   <li>what the rule declares it needs ({@link RuleTraits}), and BioTorch's numbers for the rules it covers.</li>
 * </ul>
 */
public final class BenchmarkTable {
    /** The rule every gap and time ratio is taken against. */
    public static final String REFERENCE = "bp";

    private BenchmarkTable() {}

    /**
     * One rule's numbers. Percentages are in percent; angles in degrees; NaN where a number does not apply or its
     * runs are missing ({@code status} says which).
     */
    public record Row(String rule, String network, String setting, String trials, Summary accuracy, Summary lastAccuracy, double gap,
                      double angleBp, double angleBWt, double relativeTime, boolean timedTogether, double stateMB,
                      double stepMB, Optional<RuleTraits> traits, String status) {

        /** Test accuracy at the best validation epoch in percent, "mean ± std", with diverged or missing seeds named. */
        public String accuracyText() {
            return accuracy == null ? "—" : accuracy.format(true);
        }

        /** Test accuracy at the last epoch, as {@link #accuracyText()}. */
        public String lastAccuracyText() {
            return lastAccuracy == null ? "—" : lastAccuracy.format(true);
        }
    }

    /** The rows of {@code result}, in its order. */
    public static List<Row> rows(BenchmarkResult result) {
        Optional<RuleResult> bp = result.rule(REFERENCE).filter(r -> r.finals() != null);
        Summary bpAccuracy = bp.map(BenchmarkTable::accuracy).orElse(null);
        List<MetricsTable> bpRuns = bp.map(r -> finished(r.finals().runs())).orElse(List.of());
        // a sitting's ratios are against the backprop setting it timed: if backprop's choice has changed since, none holds
        Optional<EpochCosts> costs = result.costs().filter(c -> bp.filter(r -> r.chosen() != null)
                .flatMap(r -> c.ratio(REFERENCE, r.chosen().run().experiment().runId())).isPresent());
        List<Row> out = new ArrayList<>();
        for (RuleResult r : result.rules()) {
            out.add(row(r, bpAccuracy, bpRuns, costs));
        }
        return out;
    }

    private static Row row(RuleResult r, Summary bpAccuracy, List<MetricsTable> bpRuns, Optional<EpochCosts> costs) {
        Entrant e = r.entrant();
        String network = e.setup().network().label();
        Optional<RuleTraits> traits = e.spec().traits();
        if (r.refusal() != null) {
            return new Row(e.name(), network, "—", "—", null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, Double.NaN,
                    Double.NaN, traits, "not applicable: " + r.refusal());
        }
        String trials = trials(r.search());
        if (r.finals() == null) {
            List<RunResult> missing = r.search().trials().stream().map(t -> t.run()).filter(RunResult::missing).toList();
            return new Row(e.name(), network, "—", trials, null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, Double.NaN,
                    Double.NaN, traits, missing.isEmpty() ? "every trial diverged" : "not run yet: " + missing.size() + " of "
                    + r.search().trials().size() + " search trials missing" + reason(missing.get(0)));
        }
        List<RunResult> runs = r.finals().runs();
        List<MetricsTable> done = finished(runs);
        Summary accuracy = accuracy(r);
        List<String> forward = forwardLayers(r.chosen().run().experiment());
        Optional<Double> timed = costs.flatMap(c -> c.ratio(e.name(), r.chosen().run().experiment().runId()));
        return new Row(e.name(), network, setting(r.chosenValues()), trials, accuracy,
                r.finals().summary(BenchmarkPresets.REPORTED), gap(accuracy, bpAccuracy),
                seedMean(done, m -> layerMean(m, "angle_bp/", forward)),
                seedMean(done, m -> layerMean(m, "angle_BWt/", forward)),
                timed.orElseGet(() -> relativeTime(done, bpRuns)), timed.isPresent(),
                seedMean(done, m -> lastValue(m, "memory/state_bytes")) / 1e6,
                seedMean(done, m -> lastValue(m, "memory/step_bytes")) / 1e6,
                traits, status(r));
    }

    /** The rule's test accuracy over its seeds, each at its epoch of best validation accuracy. */
    private static Summary accuracy(RuleResult r) {
        return r.finals().summaryAtBest(BenchmarkPresets.REPORTED, BenchmarkPresets.SELECTION, true);
    }

    /**
     * What the runs behind a table cost to train: how many runs have epochs (search trials and final seeds, diverged
     * ones up to their divergence), how many more diverged before their first epoch ended (so cost next to nothing and
     * record no epoch), and the sum of the epochs' batch and phase seconds (evaluation excluded), one thread each, as
     * the runs measured them.
     */
    public record TrainingCost(int runs, int divergedAtOnce, double seconds) {
        public TrainingCost(int runs, double seconds) {
            this(runs, 0, seconds);
        }

        public double coreHours() {
            return seconds / 3600;
        }

        /** e.g. "The 187 runs behind this table trained for 7.4 core-hours (...)". */
        public String describe() {
            if (runs == 0) {
                return "No run behind this table has trained yet.";
            }
            // a small table (QUICK, a test) would read "0.0 core-hours": it gets core-minutes, or core-seconds
            String total = coreHours() >= 0.1 ? String.format(Locale.ROOT, "%.1f core-hours", coreHours())
                    : seconds >= 60 ? String.format(Locale.ROOT, "%.1f core-minutes", seconds / 60)
                    : String.format(Locale.ROOT, "%.1f core-seconds", seconds);
            String others = divergedAtOnce == 0 ? "" : String.format(Locale.ROOT, " and %d more that diverged before"
                    + " their first epoch ended", divergedAtOnce);
            return String.format(Locale.ROOT, "The %d runs behind this table with recorded epochs%s trained for %s (the"
                    + " sum of their epochs' batches and phases as each run timed them, one thread each, evaluation"
                    + " excluded).", runs, others, total);
        }
    }

    /**
     * The rules whose chosen trial has the largest or the smallest learning rate their search drew, as one sentence,
     * or "" if none: random search cannot tell how far past the drawn values a better rate lies, so a choice at the
     * edge says the rule may have been served less well by the shared range than the others. Only complete searches
     * count (a search still running has not made its choice).
     */
    public static String atSearchEdge(BenchmarkResult result) {
        List<String> edges = new ArrayList<>();
        for (RuleResult r : result.rules()) {
            if (r.search() == null || r.chosen() == null || r.search().missing() > 0) {
                continue;
            }
            double chosen = rate(r.chosen());
            double[] drawn = r.search().trials().stream().mapToDouble(BenchmarkTable::rate).filter(Double::isFinite).sorted().toArray();
            if (drawn.length < 3 || !Double.isFinite(chosen)) {
                continue;
            }
            String which = chosen == drawn[drawn.length - 1] ? "the largest" : chosen == drawn[0] ? "the smallest" : null;
            if (which != null) {
                edges.add(String.format(Locale.ROOT, "%s (%.3g, %s of %d)", r.name(), chosen, which, drawn.length));
            }
        }
        return edges.isEmpty() ? "" : "Chosen at the edge of the learning rates their search drew, so a better rate may "
                + "lie beyond: " + String.join(", ", edges) + ".";
    }

    private static double rate(SearchResult.TrialResult t) {
        return t.values().get(SearchSpace.LEARNING_RATE) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** {@link TrainingCost} of every search trial and final seed of {@code result}. */
    public static TrainingCost trainingCost(BenchmarkResult result) {
        Map<String, RunResult> runs = new LinkedHashMap<>(); // by run id: a run that is both a trial and a seed counts once
        for (RuleResult r : result.rules()) {
            if (r.search() != null) {
                r.search().trials().forEach(t -> runs.put(t.run().experiment().runId(), t.run()));
            }
            r.runs().ifPresent(f -> f.runs().forEach(run -> runs.put(run.experiment().runId(), run)));
        }
        List<MetricsTable> trained = runs.values().stream().map(RunResult::metrics).filter(m -> m.epochs() > 0).toList();
        int divergedAtOnce = (int) runs.values().stream().filter(run -> run.diverged() && run.metrics().epochs() == 0).count();
        double seconds = trained.stream().mapToDouble(m -> finiteSum(m.column("seconds")) + finiteSum(m.column("phase_seconds"))).sum();
        return new TrainingCost(trained.size(), divergedAtOnce, seconds);
    }

    private static double finiteSum(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).sum();
    }

    /** Backprop's mean minus the rule's, in percentage points; NaN if either has no finished run. */
    public static double gap(Summary rule, Summary bp) {
        if (rule == null || bp == null || rule.n() == 0 || bp.n() == 0) {
            return Double.NaN;
        }
        return 100 * (bp.mean() - rule.mean());
    }

    /** {@link #epochSeconds} of the rule's runs over backprop's. */
    public static double relativeTime(List<MetricsTable> rule, List<MetricsTable> bp) {
        return epochSeconds(rule) / epochSeconds(bp);
    }

    /**
     * The time an epoch costs, over every epoch of {@code runs}: the median of {@code seconds} plus the mean of
     * {@code phase_seconds} (0 where not recorded); NaN for no epochs.
     */
    public static double epochSeconds(List<MetricsTable> runs) {
        double[] batches = runs.stream().flatMapToDouble(m -> Arrays.stream(m.column("seconds"))).filter(Double::isFinite).toArray();
        double phase = runs.stream().flatMapToDouble(m -> Arrays.stream(m.column("phase_seconds")))
                .map(v -> Double.isFinite(v) ? v : 0).average().orElse(0);
        return median(batches) + phase;
    }

    /** The median, NaN for no values. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** The mean over {@code layers} of the last epoch's {@code prefix + layer} columns that exist; NaN if none does. */
    public static double layerMean(MetricsTable m, String prefix, List<String> layers) {
        if (m.epochs() == 0) {
            return Double.NaN;
        }
        var last = m.last();
        return layers.stream().filter(l -> last.has(prefix + l)).mapToDouble(l -> last.get(prefix + l))
                .filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** The mean over runs of a per-run number, over the runs where it is finite; NaN if none. */
    public static double seedMean(List<MetricsTable> runs, ToDoubleFunction<MetricsTable> value) {
        return runs.stream().mapToDouble(value).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    private static double lastValue(MetricsTable m, String column) {
        return m.epochs() > 0 && m.last().has(column) ? m.last().get(column) : Double.NaN;
    }

    /** The metrics of the runs that finished (not diverged, not missing). */
    private static List<MetricsTable> finished(List<RunResult> runs) {
        return runs.stream().filter(RunResult::hasResult).map(RunResult::metrics).toList();
    }

    /** The weight layers whose weights are forward parameters (not COPI's decorrelation R): the layers compared. */
    static List<String> forwardLayers(Experiment e) {
        NetworkSpec spec = e.network();
        return spec.build(e.seed()).weightLayers().stream().filter(w -> Parameter.FORWARD.equals(w.weight().group()))
                .map(WeightLayer::name).toList();
    }

    private static String trials(SearchResult s) {
        long ok = s.trials().stream().filter(t -> t.run().hasResult()).count();
        int diverged = s.diverged();
        long missing = s.trials().stream().filter(t -> t.run().missing()).count();
        return ok + " of " + s.trials().size() + (diverged > 0 ? ", " + diverged + " diverged" : "")
                + (missing > 0 ? ", " + missing + " not run" : "");
    }

    /** A missing run's reason when it failed (a crash, a refused setting), so that a failure is not read as "not yet". */
    private static String reason(RunResult missing) {
        String why = missing.message();
        return missing.notTrained() || why == null || why.isBlank() ? "" : " (first: " + why + ")";
    }

    private static String status(RuleResult r) {
        int missing = r.finals().missing();
        long diverged = r.finals().runs().stream().filter(RunResult::diverged).count();
        if (missing == 0 && diverged == 0) {
            return OK;
        }
        return (missing > 0 ? missing + " seed(s) not run" : "") + (missing > 0 && diverged > 0 ? ", " : "")
                + (diverged > 0 ? diverged + " seed(s) diverged" : "");
    }

    /** e.g. "lr 0.0123, lr_feedback 0.05". */
    static String setting(Map<String, Object> values) {
        return values.entrySet().stream().map(v -> v.getKey() + " " + (v.getValue() instanceof Number n
                ? String.format(Locale.ROOT, "%.3g", n.doubleValue()) : String.valueOf(v.getValue())))
                .collect(Collectors.joining(", "));
    }

    /** Where a row's time ratio comes from: the timing sitting, or the training runs. */
    public static final String TIMED_TOGETHER = "one sitting", TIMED_IN_RUNS = "training runs (estimate)";

    /** A row's status when every final seed finished. */
    public static final String OK = "ok";

    /** The table for notebooks and the command line. */
    public static Table table(String title, List<Row> rows) {
        return Table.create(title,
                StringColumn.create("rule", rows.stream().map(Row::rule).toList()),
                StringColumn.create("test acc %", rows.stream().map(Row::accuracyText).toList()),
                StringColumn.create("at last epoch", rows.stream().map(Row::lastAccuracyText).toList()),
                DoubleColumn.create("gap to BP (points)", rows.stream().mapToDouble(Row::gap).toArray()),
                DoubleColumn.create("angle to BP (°)", rows.stream().mapToDouble(Row::angleBp).toArray()),
                DoubleColumn.create("B–Wᵀ angle (°)", rows.stream().mapToDouble(Row::angleBWt).toArray()),
                DoubleColumn.create("time/epoch ÷ BP", rows.stream().mapToDouble(Row::relativeTime).toArray()),
                StringColumn.create("time from", rows.stream().map(r -> !Double.isFinite(r.relativeTime()) ? ""
                        : r.timedTogether() ? TIMED_TOGETHER : TIMED_IN_RUNS).toList()),
                DoubleColumn.create("state MB", rows.stream().mapToDouble(Row::stateMB).toArray()),
                DoubleColumn.create("step MB", rows.stream().mapToDouble(Row::stepMB).toArray()),
                needsColumn(0, rows.stream().map(Row::traits).toList()),
                needsColumn(1, rows.stream().map(Row::traits).toList()),
                needsColumn(2, rows.stream().map(Row::traits).toList()),
                StringColumn.create("network", rows.stream().map(Row::network).toList()),
                StringColumn.create("chosen setting", rows.stream().map(Row::setting).toList()),
                StringColumn.create("search trials finished", rows.stream().map(Row::trials).toList()),
                StringColumn.create("status", rows.stream().map(Row::status).toList()));
    }

    /**
     * Every search trial of every rule: its values, its best validation accuracy, the epoch of it (from 1; 0 for a
     * trial without a result) and the test accuracy there, its validation accuracy at the last epoch, and which one was
     * chosen.
     */
    public static Table trials(String title, BenchmarkResult result) {
        List<String> rule = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        List<Double> test = new ArrayList<>();
        List<Double> lastVal = new ArrayList<>();
        List<Integer> bestEpoch = new ArrayList<>();
        List<String> status = new ArrayList<>();
        for (RuleResult r : result.rules()) {
            if (r.search() == null) {
                continue;
            }
            for (SearchResult.TrialResult t : r.search().trials()) {
                rule.add(r.name());
                values.add(setting(t.values()));
                val.add(100 * t.best(BenchmarkPresets.SELECTION, true));
                test.add(100 * (t.run().hasResult() ? t.run().metrics().atBest(BenchmarkPresets.REPORTED, BenchmarkPresets.SELECTION, true) : Double.NaN));
                lastVal.add(100 * t.last(BenchmarkPresets.SELECTION));
                bestEpoch.add(t.run().hasResult() ? t.run().metrics().bestEpoch(BenchmarkPresets.SELECTION, true) + 1 : 0);
                status.add((t.run().missing() ? "not run" : t.run().diverged() ? "diverged" : "ok") + fell(t)
                        + (t == r.chosen() ? ", chosen" : ""));
            }
        }
        return Table.create(title, StringColumn.create("rule", rule), StringColumn.create("trial values", values),
                DoubleColumn.create("best val acc %", val), IntColumn.create("at epoch", bestEpoch.stream().mapToInt(Integer::intValue).toArray()),
                DoubleColumn.create("test acc % there", test),
                DoubleColumn.create("val acc % at last epoch", lastVal), StringColumn.create("status", status));
    }

    /**
     * How far below its best a trial's validation accuracy may end before the trials table says so: early stopping
     * reads a trial at its peak, and a finite loss keeps its status "ok", so a rate that collapses after its best
     * epoch (backprop's largest drawn rates end at chance) would otherwise show no sign of it but the last column.
     */
    static final double FELL = 0.10;

    /** ", fell N points after epoch E" for a trial that ended more than {@link #FELL} below its best; else "". */
    private static String fell(SearchResult.TrialResult t) {
        double drop = t.best(BenchmarkPresets.SELECTION, true) - t.last(BenchmarkPresets.SELECTION);
        return drop > FELL ? String.format(Locale.ROOT, ", fell %.1f points after epoch %d", 100 * drop,
                t.run().metrics().bestEpoch(BenchmarkPresets.SELECTION, true) + 1) : "";
    }

    /** What each rule declares it needs, with its note: the traits table. */
    public static Table traits(String title, List<Entrant> entrants) {
        return Table.create(title,
                StringColumn.create("rule", entrants.stream().map(Entrant::name).toList()),
                StringColumn.create("registered as", entrants.stream().map(e -> String.join(", ", e.aliases())).toList()),
                needsColumn(0, entrants.stream().map(e -> e.spec().traits()).toList()),
                needsColumn(1, entrants.stream().map(e -> e.spec().traits()).toList()),
                needsColumn(2, entrants.stream().map(e -> e.spec().traits()).toList()),
                StringColumn.create("note", entrants.stream().map(e -> e.spec().traits().map(RuleTraits::note).orElse("")).toList()),
                StringColumn.create("network", entrants.stream().map(e -> e.setup().network().label()).toList()),
                StringColumn.create("search space", entrants.stream().map(e -> e.setup().describeSpace()).toList()));
    }

    /** How a rule that declares no {@link RuleTraits} is shown. */
    public static final String NOT_DECLARED = "not declared";

    /** The headers of {@link #needs}' cells. */
    public static final List<String> NEEDS = List.of("weight transport", "backward pass", "two forward passes");

    /** What a rule needs, in {@link #NEEDS}' order: "yes", "signs" or "no" for weight transport, then yes/no twice. */
    public static List<String> needs(Optional<RuleTraits> traits) {
        return traits.map(t -> List.of(t.weightTransport().label(), yes(t.backwardPass()), yes(t.twoForwardPasses())))
                .orElse(List.of(NOT_DECLARED, NOT_DECLARED, NOT_DECLARED));
    }

    private static StringColumn needsColumn(int i, List<Optional<RuleTraits>> traits) {
        return StringColumn.create(NEEDS.get(i), traits.stream().map(t -> needs(t).get(i)).toList());
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
