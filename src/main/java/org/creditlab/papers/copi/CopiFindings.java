package org.creditlab.papers.copi;

import static org.creditlab.notebook.Claims.need;
import static org.creditlab.notebook.Claims.percent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.creditlab.diagnostics.CorrelationListener;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.notebook.Headline;
import org.creditlab.papers.copi.CopiPresets.Setup;
import org.creditlab.notebook.Claims;
import org.creditlab.notebook.Claims.Outcome;
import org.creditlab.rules.copi.Compression;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.sweep.Summary;
import org.creditlab.train.MetricsTable;
import tech.tablesaw.api.Table;

/**
 * The COPI notebook's summary: each claim of the paper with the authors' number or statement, ours computed from the
 * notebook's runs, and a verdict by a stated rule ({@link Claims}). The thresholds are ours. The authors' numbers are
 * from CIFAR-10 and MNIST at full scale, ours from whatever the profile ran: compare trends, not values.
 */
public final class CopiFindings {
    /** The paper, as the README's headline table names it. */
    private static final String PAPER = "COPI (TMLR 2023)";
    /** The methods of the paper's Figure 2 (the bio decorrelation rule has no published numbers). */
    private static final List<Method> PAPER_METHODS = List.of(Method.BP_ADAM, Method.BP_DECORRELATION, Method.COPI_BP, Method.COPI_FA);

    private CopiFindings() {}

    /**
     * The README's headline rows: the results table's speed and peak test accuracy for Figure 2's methods at paper
     * scale (FULL: 784-500×6-10 on Fashion-MNIST), from the run records alone, beside the authors' CIFAR-10 statistics
     * (their table is for CIFAR-10, which is not on these machines). The speed is the authors' measure, the epochs of W
     * training until train accuracy first reaches 99% of its peak, with each run's own peak over its 30 epochs: a run
     * still climbing at its end reaches that sooner than it would over the paper's 100.
     */
    public static List<Headline> headlines() {
        Setup s = CopiPresets.full(DatasetName.FASHION_MNIST);
        Runner records = CopiStudy.runner();
        int rOnly = s.decorrelationOnlyEpochs();
        List<Headline> rows = new ArrayList<>();
        for (CopiReported.Cifar10Row paper : CopiReported.CIFAR10) {
            List<RunResult> recorded = Headline.recorded(records, CopiPresets.experiment(paper.method(), s), s.seeds());
            String label = paper.method().label();
            rows.add(Headline.of(PAPER, "results table, " + label + ": epochs of W training to 99% of the peak train accuracy",
                    String.format(Locale.ROOT, "%.1f (CIFAR-10)", paper.trainEpochsTo99() - 1), recorded, s.seeds().length,
                    s.epochs(), "Fashion-MNIST", 1,
                    t -> LearningSpeed.firstWEpoch(t, "train_acc", 0.99 * peak(t, "train_acc"), rOnly)));
            rows.add(Headline.of(PAPER, "results table, " + label + ": peak test accuracy %",
                    String.format(Locale.ROOT, "%.2f ± %.2f (CIFAR-10)", 100 * paper.peakTest(), 100 * paper.peakTestStd()),
                    recorded, s.seeds().length, s.epochs(), "Fashion-MNIST", 2, t -> 100 * peak(t, "test_acc")));
        }
        return rows;
    }

    private static double peak(MetricsTable t, String column) {
        return Arrays.stream(t.column(column)).max().orElse(Double.NaN);
    }

    /**
     * The findings table.
     *
     * @param runs                    every method's runs ({@link CopiStudy#runAll})
     * @param decorrelationOnlyEpochs the epochs that train only R ({@link CopiPresets.Setup#decorrelationOnlyEpochs()})
     * @param before                  each layer's input correlation in the untrained network ({@link CorrelationListener#measure})
     * @param compression             COPI (BP)'s compression curves with the authors' readout ({@link CopiStudy#compression})
     * @param leastSquares            the same with the least-squares readout
     * @param copiSweep               COPI (BP)'s learning-rate sweep over α ({@link CopiStudy#copiSweep})
     * @param adamSweep               BP (Adam)'s sweep over its learning rate ({@link CopiStudy#adamSweep})
     */
    public static Table table(Map<Method, SeedRuns> runs, int decorrelationOnlyEpochs, Map<String, Double> before,
                              List<List<Compression.Level>> compression, List<List<Compression.Level>> leastSquares,
                              SearchResult copiSweep, SearchResult adamSweep) {
        return table(runs, decorrelationOnlyEpochs, before, compression, leastSquares, byValue(copiSweep, "alpha"),
                byValue(adamSweep, "lr"));
    }

    /** The same with each sweep as its trials' runs by the swept value. */
    static Table table(Map<Method, SeedRuns> runs, int decorrelationOnlyEpochs, Map<String, Double> before,
                       List<List<Compression.Level>> compression, List<List<Compression.Level>> leastSquares,
                       Map<Double, RunResult> copiSweep, Map<Double, RunResult> adamSweep) {
        Claims c = Claims.create();
        c.add("decorrelated networks fit the training set far sooner than BP (Adam)",
                "CIFAR-10, W-epochs to 100% train read off Fig. 2: " + paperEpochsToFull(),
                "COPI (BP) and BP (decorrelation) reach 100% train accuracy in every seed, sooner on average than BP (Adam) "
                        + "(or BP (Adam) does not in every seed)",
                () -> fitFirst(runs, decorrelationOnlyEpochs, List.of(Method.COPI_BP, Method.BP_DECORRELATION), Method.BP_ADAM));
        c.add("COPI (FA) fits the training set more slowly than COPI (BP)",
                "CIFAR-10, read off Fig. 2: " + paperEpochsToFull(List.of(Method.COPI_BP, Method.COPI_FA)),
                "COPI (BP) reaches 100% train accuracy in every seed, sooner on average than COPI (FA) "
                        + "(or COPI (FA) does not in every seed)",
                () -> fitFirst(runs, decorrelationOnlyEpochs, List.of(Method.COPI_BP), Method.COPI_FA));
        c.add("COPI (BP) and BP (decorrelation) fit the training set alike",
                "their training curves nearly coincide (Fig. 2)",
                "W-epochs to 99% of the peak train accuracy differ by at most 1 and the peaks by at most 0.5 points",
                () -> alike(runs, decorrelationOnlyEpochs));
        c.add("COPI (BP) generalises at least as well as the other methods",
                "CIFAR-10 peak test %: " + paperPeakTest(),
                "COPI (BP)'s mean peak test accuracy at least every other method of Fig. 2's minus 0.5 points",
                () -> generalises(runs, decorrelationOnlyEpochs));
        c.add("the learned R decorrelates every layer's input",
                "the principle of the method; no measure over training reported",
                "each layer's mean |off-diagonal correlation| of COPI (BP)'s input, mean over seeds at the end, below its value "
                        + "before training",
                () -> decorrelates(need(runs, Method.COPI_BP, "COPI (BP)'s runs"), before));
        c.qualitative("the learned R₁ transforms images much like ZCA whitening, enhancing edges", "Fig. 3A (MNIST)",
                "decorrelation-vs-zca");
        c.qualitative("decorrelation gives linear-readout receptive fields", "Fig. 3B (MNIST)", "receptive-fields");
        c.add("top layers can be replaced by a linear readout with little loss",
                "MNIST test %, read off Fig. 3C, by layers removed: " + paperCompression(),
                String.format(Locale.ROOT, "with any number of layers removed short of the decorrelated pixels, mean test "
                        + "accuracy within %.0f points of the full network's (the paper's largest such loss: %.2f)",
                        100 * COMPRESSION_TOLERANCE, 100 * paperCompressionLoss()),
                () -> {
                    // the curves skip runs that have none: decide on every seed, or not at all
                    need(runs, Method.COPI_BP, "COPI (BP)'s runs");
                    return compresses(compression, leastSquares);
                });
        c.add("COPI learns at very high learning rates, competitive with Adam",
                "the learning-rate sweep figure; no published numbers",
                "COPI (BP) at the largest α trains without diverging, to a final train accuracy at least the best BP (Adam) "
                        + "trial's minus 1 point",
                () -> highRates(copiSweep, adamSweep));
        return c.table("Summary: the paper's claims against our runs");
    }

    /** The largest accuracy loss allowed before the last compression level (the paper's is below it). */
    static final double COMPRESSION_TOLERANCE = 0.03;

    static Outcome fitFirst(Map<Method, SeedRuns> runs, int rOnly, List<Method> fast, Method slow) {
        LearningSpeed.Stats s = train(runs, slow, rOnly);
        List<String> ours = new ArrayList<>();
        boolean holds = true;
        for (Method m : fast) {
            LearningSpeed.Stats f = train(runs, m, rOnly);
            ours.add(m.label() + ": " + LearningSpeed.reach(f));
            holds &= LearningSpeed.fitsFirst(f, s);
        }
        ours.add(slow.label() + ": " + LearningSpeed.reach(s));
        return new Outcome(String.join("; ", ours), holds);
    }

    static Outcome alike(Map<Method, SeedRuns> runs, int rOnly) {
        LearningSpeed.Stats a = train(runs, Method.COPI_BP, rOnly);
        LearningSpeed.Stats b = train(runs, Method.BP_DECORRELATION, rOnly);
        double dEpochs = need(a.epochsTo99().mean(), "COPI (BP)'s epochs to 99% of its peak")
                - need(b.epochsTo99().mean(), "BP (decorrelation)'s epochs to 99% of its peak");
        double dPeak = need(a.peak().mean(), "COPI (BP)'s peak") - need(b.peak().mean(), "BP (decorrelation)'s peak");
        return new Outcome(String.format(Locale.ROOT, "W-epochs to 99%% of peak train: %.1f vs %.1f; peak train %s vs %s",
                a.epochsTo99().mean(), b.epochsTo99().mean(), a.peak().format(true), b.peak().format(true)),
                Math.abs(dEpochs) <= 1 && Math.abs(dPeak) <= 0.005);
    }

    static Outcome generalises(Map<Method, SeedRuns> runs, int rOnly) {
        double copi = need(peakTest(runs, Method.COPI_BP, rOnly).mean(), "COPI (BP)'s peak test accuracy");
        List<String> ours = new ArrayList<>();
        boolean holds = true;
        for (Method m : PAPER_METHODS) {
            Summary p = peakTest(runs, m, rOnly);
            ours.add(m.label() + " " + p.format(true));
            holds &= m == Method.COPI_BP || p.n() == 0 || copi >= p.mean() - 0.005;
        }
        return new Outcome("peak test %: " + String.join(", ", ours), holds);
    }

    static Outcome decorrelates(SeedRuns copi, Map<String, Double> before) {
        need(before, "the correlations before training");
        List<String> ours = new ArrayList<>();
        boolean holds = true;
        for (Map.Entry<String, Double> e : before.entrySet()) {
            String layer = e.getKey().substring(CorrelationListener.PREFIX.length());
            double[] last = copi.runs().stream().filter(r -> !r.diverged() && r.metrics().epochs() > 0)
                    .mapToDouble(r -> r.metrics().column(e.getKey())[r.metrics().epochs() - 1]).toArray();
            double after = need(Summary.of(last).mean(), "the correlation of " + layer + "'s input after training");
            ours.add(String.format(Locale.ROOT, "input of %s: %.3f → %.3f", layer, e.getValue(), after));
            holds &= after < e.getValue();
        }
        if (ours.isEmpty()) {
            throw new Claims.Missing("no layer's correlation was measured");
        }
        return new Outcome(String.join("; ", ours), holds);
    }

    static Outcome compresses(List<List<Compression.Level>> diagonal, List<List<Compression.Level>> leastSquares) {
        if (diagonal == null || diagonal.isEmpty() || diagonal.get(0).size() < 2) {
            throw new Claims.Missing("no compression curve with a layer to remove (every seed diverged, or none ran)");
        }
        double[] test = levelMeans(diagonal);
        boolean holds = true;
        for (int k = 1; k < test.length - 1; k++) {
            holds &= test[0] - test[k] <= COMPRESSION_TOLERANCE;
        }
        String ours = "test % by layers removed: " + joined(test) + " (authors' readout)";
        if (leastSquares != null && !leastSquares.isEmpty()) {
            ours += "; " + joined(levelMeans(leastSquares)) + " (least-squares readout)";
        }
        return new Outcome(ours, holds);
    }

    static Outcome highRates(Map<Double, RunResult> copi, Map<Double, RunResult> adam) {
        everyTrial(copi, "COPI (BP)'s learning-rate sweep");
        everyTrial(adam, "BP (Adam)'s learning-rate sweep");
        double largest = copi.keySet().stream().mapToDouble(Double::doubleValue).max()
                .orElseThrow(() -> new Claims.Missing("COPI (BP)'s sweep has no trial"));
        double bestAdam = need(adam.values().stream().mapToDouble(r -> finalTrain(r)).filter(Double::isFinite).max()
                .orElse(Double.NaN), "a BP (Adam) trial that did not diverge");
        double fast = finalTrain(copi.get(largest));
        return new Outcome("final train %: COPI (BP) " + sweep(copi, "α") + "; BP (Adam) " + sweep(adam, "lr"),
                Double.isFinite(fast) && fast >= bestAdam - 0.01);
    }

    /** {@link Claims.Missing} naming {@code what} unless it is there and every trial of it ran. */
    private static void everyTrial(Map<Double, RunResult> trials, String what) {
        long missing = need(trials, what).values().stream().filter(RunResult::missing).count();
        if (missing > 0) {
            throw new Claims.Missing(what + " (" + missing + " of " + trials.size() + " trials not run)");
        }
    }

    private static LearningSpeed.Stats train(Map<Method, SeedRuns> runs, Method m, int rOnly) {
        return LearningSpeed.of(need(runs, m, m.label() + "'s runs"), "train_acc", rOnly);
    }

    private static Summary peakTest(Map<Method, SeedRuns> runs, Method m, int rOnly) {
        return LearningSpeed.of(need(runs, m, m.label() + "'s runs"), "test_acc", rOnly).peak();
    }

    private static double finalTrain(RunResult r) {
        return r.diverged() || r.metrics().epochs() == 0 ? Double.NaN : r.last("train_acc");
    }

    private static String sweep(Map<Double, RunResult> trials, String name) {
        List<String> out = new ArrayList<>();
        trials.forEach((v, r) -> out.add(String.format(Locale.ROOT, "%s = %s: %s", name, format(v),
                Double.isFinite(finalTrain(r)) ? percent(finalTrain(r)) : "diverged")));
        return String.join(", ", out);
    }

    private static String format(double v) {
        return v >= 1 && v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.0e", v);
    }

    /** The mean test accuracy over seeds at each compression level every seed has. */
    private static double[] levelMeans(List<List<Compression.Level>> curves) {
        int levels = curves.stream().mapToInt(List::size).min().orElse(0);
        double[] out = new double[levels];
        for (int k = 0; k < levels; k++) {
            final int level = k;
            out[k] = curves.stream().mapToDouble(c -> c.get(level).testAccuracy()).average().orElse(Double.NaN);
        }
        return out;
    }

    private static String joined(double[] fractions) {
        List<String> out = new ArrayList<>();
        for (double f : fractions) {
            out.add(percent(f));
        }
        return String.join(" → ", out);
    }

    /** Each swept value's run (the search's trials, keyed by the value of {@code key}); null for a null search. */
    static Map<Double, RunResult> byValue(SearchResult search, String key) {
        if (search == null) {
            return null;
        }
        Map<Double, RunResult> out = new LinkedHashMap<>();
        search.trials().forEach(t -> out.put(((Number) t.values().get(key)).doubleValue(), t.run()));
        return out;
    }

    private static String paperEpochsToFull() {
        return paperEpochsToFull(PAPER_METHODS);
    }

    private static String paperEpochsToFull(List<Method> methods) {
        List<String> out = new ArrayList<>();
        for (Method m : methods) {
            out.add(String.format(Locale.ROOT, "%s ≈%.1f", m.label(), CopiReported.CIFAR10_W_EPOCHS_TO_FULL_TRAIN_ACCURACY.get(m)));
        }
        return String.join(", ", out);
    }

    private static String paperPeakTest() {
        List<String> out = new ArrayList<>();
        CopiReported.CIFAR10.forEach(r -> out.add(String.format(Locale.ROOT, "%s %s ± %s", r.method().label(), percent(r.peakTest()),
                percent(r.peakTestStd()))));
        return String.join(", ", out) + " (the authors' printed statistics)";
    }

    private static String paperCompression() {
        return joined(CopiReported.MNIST_COMPRESSION_TEST);
    }

    /** The paper's largest test-accuracy loss before its last level, the decorrelated pixels. */
    static double paperCompressionLoss() {
        double[] t = CopiReported.MNIST_COMPRESSION_TEST;
        double worst = 0;
        for (int k = 1; k < t.length - 1; k++) {
            worst = Math.max(worst, t[0] - t[k]);
        }
        return worst;
    }
}
