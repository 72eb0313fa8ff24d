package org.creditlab.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.creditlab.benchmark.BenchmarkTable.Row;
import org.creditlab.charts.Curves;
import org.creditlab.charts.Scatter;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.RunResult;
import org.creditlab.sweep.Summary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The benchmark's charts and its table beside BioTorch's, from {@link BenchmarkTable}'s rows. */
public final class BenchmarkFigures {
    private BenchmarkFigures() {}

    /**
     * Test accuracy against time per epoch relative to backprop (log scale), one point per rule; {@code network} (e.g.
     * {@link BenchmarkScale#network()}) names the task in the title.
     */
    public static Scatter accuracyAgainstTime(String network, List<Row> rows) {
        return points(Scatter.of("Accuracy against cost: time per epoch, " + network, "time per epoch ÷ backprop's (log scale)",
                "test accuracy at the best validation epoch (%)").logX(), rows, Row::relativeTime);
    }

    /** Test accuracy against memory (state kept across steps plus one step's allocations), one point per rule. */
    public static Scatter accuracyAgainstMemory(String network, List<Row> rows) {
        return points(Scatter.of("Accuracy against cost: memory, " + network, "state + one step's allocations (MB)", "test accuracy at the best validation epoch (%)"),
                rows, r -> r.stateMB() + r.stepMB());
    }

    /** Test accuracy against the angle between the rule's update and backprop's, averaged over layers. */
    public static Scatter accuracyAgainstAlignment(String network, List<Row> rows) {
        return points(Scatter.of("Accuracy against alignment with backprop, " + network, "angle to backprop's update, mean over layers (°)",
                "test accuracy at the best validation epoch (%)"), rows, Row::angleBp);
    }

    /**
     * Validation accuracy per epoch of the chosen settings of {@code rules}, mean ± std over seeds: how far each rule
     * swings between epochs at its chosen rate, which is why the table reads accuracy at the best validation epoch. A
     * rule without final runs (not run yet, refused, every trial diverged) is named in the chart's corner; an unknown
     * name is refused.
     */
    public static Curves learningCurves(BenchmarkResult result, List<String> rules) {
        Curves chart = Curves.of("Validation accuracy of the chosen settings, " + result.scale().network(), "epoch",
                "validation accuracy (%)");
        for (String rule : rules) {
            RuleResult r = result.rule(rule).orElseThrow(() -> new IllegalArgumentException(
                    "'" + rule + "' is not in the benchmark; its rules: " + result.rules().stream().map(RuleResult::name).toList()));
            List<double[]> seeds = r.runs().map(f -> f.runs().stream().filter(RunResult::hasResult)
                    .map(run -> Arrays.stream(run.metrics().column(BenchmarkPresets.SELECTION)).map(v -> 100 * v).toArray())
                    .toList()).orElse(List.of());
            if (seeds.isEmpty()) {
                chart.notRun(rule);
            } else {
                chart.band(rule, seeds);
            }
        }
        return chart;
    }

    /** The rules with both numbers; a rule without one (not run, not applicable) is left out and named by {@link #leftOut}. */
    private static Scatter points(Scatter chart, List<Row> rows, ToDoubleFunction<Row> x) {
        chart.labelMarks();
        for (Row r : rows) {
            double xv = x.applyAsDouble(r);
            if (plotted(r, xv)) {
                chart.mark(pointLabel(r), xv, 100 * r.accuracy().mean());
            }
        }
        return chart;
    }

    /** The rule's name, with how many of its seeds the point averages where some diverged or are missing. */
    static String pointLabel(Row r) {
        Summary a = r.accuracy();
        int seeds = a.n() + a.diverged() + a.missing();
        return a.n() < seeds ? r.rule() + " (" + a.n() + " of " + seeds + " seeds)" : r.rule();
    }

    private static boolean plotted(Row r, double x) {
        return Double.isFinite(x) && r.accuracy() != null && r.accuracy().n() > 0;
    }

    /** The rules a chart of {@code x} leaves out, e.g. "dfc (not run yet)", or "none". */
    public static String leftOut(List<Row> rows, ToDoubleFunction<Row> x) {
        List<String> out = rows.stream().filter(r -> !plotted(r, x.applyAsDouble(r)))
                .map(r -> r.rule() + " (" + (r.accuracy() == null || r.accuracy().n() == 0 ? r.status() : "no value") + ")").toList();
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /**
     * Ours beside BioTorch's on the same dataset, for the rules it covers: accuracy and the gap to BP, which is the
     * comparable number (their networks are LeNet on MNIST and Fashion-MNIST, ResNet-20 on CIFAR-10).
     */
    public static Table besideBioTorch(List<Row> rows, DatasetName dataset) {
        List<Row> covered = rows.stream().filter(r -> BenchmarkReported.gap(r.rule(), dataset).isPresent()).toList();
        String network = dataset == DatasetName.CIFAR10 ? "ResNet-20" : "LeNet";
        return Table.create("Ours beside BioTorch on " + dataset.title() + " (" + BenchmarkReported.SOURCE + "; " + network
                        + ", 100 epochs: for orientation)",
                StringColumn.create("rule", covered.stream().map(Row::rule).toList()),
                StringColumn.create("ours: test acc %", covered.stream().map(Row::accuracyText).toList()),
                DoubleColumn.create("ours: gap to BP", covered.stream().mapToDouble(Row::gap).toArray()),
                DoubleColumn.create("BioTorch: acc %", covered.stream().mapToDouble(r -> 100 - BenchmarkReported.error(
                        BenchmarkReported.of(r.rule()).orElseThrow(), dataset).orElseThrow()).toArray()),
                DoubleColumn.create("BioTorch: gap to BP", covered.stream().mapToDouble(r -> BenchmarkReported.gap(r.rule(), dataset)
                        .orElseThrow()).toArray()));
    }

    /** {@link #besideBioTorch(List, DatasetName)} on Fashion-MNIST. */
    public static Table besideBioTorch(List<Row> rows) {
        return besideBioTorch(rows, DatasetName.FASHION_MNIST);
    }

    /** A timing sitting's numbers: per rule, the ratio and each round's cost beside backprop's. */
    public static Table costs(EpochCosts c) {
        List<EpochCosts.RuleCost> rules = c.rules();
        return Table.create("Time per epoch against backprop's, " + c.images() + " images, " + c.rounds() + " round(s), "
                        + c.measured() + " (" + c.machine() + ")",
                StringColumn.create("rule", rules.stream().map(EpochCosts.RuleCost::rule).toList()),
                DoubleColumn.create("time/epoch ÷ BP (median)", rules.stream().mapToDouble(EpochCosts.RuleCost::ratio).toArray()),
                StringColumn.create("rule s/epoch by round", rules.stream().map(r -> seconds(r.ruleSeconds())).toList()),
                StringColumn.create("BP s/epoch beside it", rules.stream().map(r -> seconds(r.backpropSeconds())).toList()));
    }

    private static String seconds(double[] values) {
        return Arrays.stream(values).mapToObj(v -> num(v, 3)).collect(Collectors.joining(", "));
    }

    /** {@link #markdown(List, DatasetName)} on Fashion-MNIST. */
    public static String markdown(List<Row> rows) {
        return markdown(rows, DatasetName.FASHION_MNIST);
    }

    /** A Markdown table of the rows, for the README and the command line, with BioTorch's gaps on {@code dataset}. */
    public static String markdown(List<Row> rows, DatasetName dataset) {
        StringBuilder s = new StringBuilder("| rule | test acc % (best val epoch) | at last epoch | gap to BP | angle to BP (°) | B–Wᵀ (°) | time/epoch ÷ BP"
                + " | state + step MB | weight transport | backward pass | two forward passes | " + BenchmarkReported.gapHeader(dataset)
                + " | status |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            Optional<Double> bio = BenchmarkReported.gap(r.rule(), dataset);
            s.append("| ").append(r.rule()).append(" | ").append(r.accuracyText()).append(" | ").append(r.lastAccuracyText())
                    .append(" | ").append(num(r.gap(), 2))
                    .append(" | ").append(num(r.angleBp(), 1)).append(" | ").append(num(r.angleBWt(), 1))
                    .append(" | ").append(num(r.relativeTime(), 2)).append(estimated(r) ? "†" : "")
                    .append(" | ").append(num(r.stateMB() + r.stepMB(), 2))
                    .append(" | ").append(String.join(" | ", BenchmarkTable.needs(r.traits())))
                    .append(" | ").append(bio.map(g -> num(g, 2)).orElse("—")).append(" | ").append(r.status()).append(" |\n");
        }
        boolean direct = rows.stream().anyMatch(r -> (r.rule().equals("dfa") || r.rule().equals("drtp")) && Double.isFinite(r.angleBWt()));
        if (direct) {
            s.append("\nB–Wᵀ: averaged over the layers whose feedback matrix stands where backprop's transport (Wᵀ) would; for "
                    + "DFA and DRTP that is the top layer alone, as their other projections carry the output past several layers. "
                    + "DRTP projects the target, of the other sign than the error at the true class, so its alignment reads above 90°.\n");
        }
        if (rows.stream().anyMatch(BenchmarkFigures::estimated)) {
            s.append("\n† estimated from the training runs' epochs, which shared the machine with other work at other times "
                    + "(off by up to a factor of two); the other ratios were timed side by side in one sitting (`benchmark time`).\n");
        }
        return s.toString();
    }

    private static boolean estimated(Row r) {
        return Double.isFinite(r.relativeTime()) && !r.timedTogether();
    }

    private static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "—";
    }
}
