package org.creditlab.papers.dfc;

import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.creditlab.rules.dfc.DfcSpec;
import org.creditlab.sweep.Summary;
import org.creditlab.train.MetricsTable;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Table 1 analogues: our results (mean ± std over seeds) next to the paper's. */
public final class DfcTables {
    private DfcTables() {}

    /**
     * The epoch Table 1 reports: the one with the best validation result (highest accuracy, or lowest loss for
     * regression), or the last epoch when there is no validation set.
     */
    public static int reportedEpoch(MetricsTable m, boolean classification) {
        String column = classification ? "val_acc" : "val_loss";
        int best = m.bestEpoch(column, classification);
        return best >= 0 ? best : m.epochs() - 1;
    }

    /** Test error in % at the reported epoch (NaN for an empty run). */
    public static double testError(MetricsTable m) {
        return m.epochs() == 0 ? Double.NaN : 100 * (1 - m.column("test_acc")[reportedEpoch(m, true)]);
    }

    /** Test loss at the reported epoch (best validation loss), NaN for an empty run. */
    public static double testLoss(MetricsTable m) {
        return m.epochs() == 0 ? Double.NaN : m.column("test_loss")[reportedEpoch(m, false)];
    }

    /** What a Table 1 column reports, in the paper's unit. */
    private enum Metric {
        TEST_ERROR("test error %"), TEST_LOSS("test loss ×10⁻²"), TRAIN_LOSS("training loss");

        final String title;

        Metric(String title) {
            this.title = title;
        }

        static Metric of(String column) {
            return switch (column) {
                case "mnist-autoencoder" -> TEST_LOSS;
                case "mnist-train" -> TRAIN_LOSS;
                default -> TEST_ERROR;
            };
        }

        double value(MetricsTable m) {
            return switch (this) {
                case TEST_ERROR -> testError(m);
                case TEST_LOSS -> 100 * testLoss(m);
                case TRAIN_LOSS -> m.epochs() == 0 ? Double.NaN : m.last().get("train_loss");
            };
        }

        String format(double mean, double std) {
            return this == TRAIN_LOSS ? String.format(Locale.ROOT, "%.3g ± %.2g", mean, std)
                    : String.format(Locale.ROOT, "%.2f ± %.2f", mean, std);
        }
    }

    /** One Table 1 value of a run, in the paper's unit for {@code column}. */
    public static double value(String column, MetricsTable m) {
        return Metric.of(column).value(m);
    }

    /**
     * One column of Table 1 next to ours: for each method with runs, our mean ± std over seeds, how many epochs its
     * runs trained, and the paper's value in the same unit (test error in %, the autoencoder's test loss in units of
     * 10⁻², or the training loss after the last epoch), and for the simulated DFC rules the share of training samples
     * whose controller converged (the others contribute no update; DFC-SSA computes its update, so it has none). Where
     * the rows trained for different lengths (the trained-feedback rows are shortened at paper scale), the test errors
     * are also given within the shortest row's epochs, so that methods can be compared at equal training.
     */
    public static Table table1(String title, String column, Map<Method, List<MetricsTable>> ours) {
        Metric metric = Metric.of(column);
        int shortest = equalTrainingEpochs(column, ours);
        boolean uneven = shortest > 0;
        StringColumn method = StringColumn.create("method");
        StringColumn ourValue = StringColumn.create("ours: " + metric.title);
        StringColumn epochs = StringColumn.create("epochs");
        StringColumn equal = StringColumn.create("ours within " + shortest + " epochs: " + metric.title);
        StringColumn seeds = StringColumn.create("seeds");
        StringColumn paper = StringColumn.create("paper: " + metric.title);
        StringColumn converged = StringColumn.create("samples converged");
        for (Map.Entry<Method, List<MetricsTable>> e : ours.entrySet()) {
            List<MetricsTable> runs = e.getValue().stream().filter(m -> m.epochs() > 0).toList();
            int notRun = e.getValue().size() - runs.size();
            method.append(e.getKey().label());
            ourValue.append(summary(metric, runs.stream().mapToDouble(metric::value).toArray(), notRun));
            equal.append(summary(metric, runs.stream().mapToDouble(m -> metric.value(m.head(shortest))).toArray(), notRun));
            IntSummaryStatistics n = runs.stream().mapToInt(MetricsTable::epochs).summaryStatistics();
            epochs.append(runs.isEmpty() ? "—" : n.getMin() == n.getMax() ? String.valueOf(n.getMax()) : n.getMin() + "-" + n.getMax());
            seeds.append(notRun == 0 ? String.valueOf(runs.size()) : runs.size() + " of " + e.getValue().size());
            DfcReported.Reported r = DfcReported.table1(column, e.getKey());
            paper.append(r.tagged(metric.format(r.mean(), r.std())));
            boolean simulated = e.getKey().isDfc() && e.getKey().variant() != DfcSpec.Variant.DFC_SSA;
            double[] fractions = e.getValue().stream().filter(m -> simulated && m.columns().contains("converged"))
                    .flatMapToDouble(m -> Arrays.stream(m.column("converged"))).toArray();
            converged.append(fractions.length == 0 ? "—"
                    : String.format(Locale.ROOT, "%.0f %%", 100 * Arrays.stream(fractions).average().orElse(Double.NaN)));
        }
        return uneven ? Table.create(title, method, ourValue, epochs, equal, seeds, paper, converged)
                : Table.create(title, method, ourValue, epochs, seeds, paper, converged);
    }

    /**
     * The epochs within which a test-error column's rows are also compared, the shortest row's, where the rows trained
     * for different lengths; 0 where they trained alike or the column is not a test error. A seed without epochs has not
     * run yet (a load-only notebook, or a study still training), and a diverged seed's few epochs are no length to
     * compare the others at: neither sets it.
     */
    public static int equalTrainingEpochs(String column, Map<Method, List<MetricsTable>> runs) {
        Metric metric = Metric.of(column);
        int[] lengths = runs.values().stream().flatMap(List::stream).filter(m -> m.epochs() > 0 && Double.isFinite(metric.value(m)))
                .mapToInt(MetricsTable::epochs).toArray();
        int shortest = Arrays.stream(lengths).min().orElse(0);
        return metric == Metric.TEST_ERROR && Arrays.stream(lengths).anyMatch(n -> n > shortest) ? shortest : 0;
    }

    /** Mean ± std of a row's values, or what it lacks: no run yet, or every run diverged. */
    private static String summary(Metric metric, double[] values, int notRun) {
        Summary s = Summary.of(values);
        return (values.length == 0 ? "not run yet"
                : (s.n() == 0 ? "diverged" : metric.format(s.mean(), s.std())
                + (s.diverged() > 0 ? " (" + s.diverged() + " diverged)" : ""))
                + (notRun > 0 ? " (" + notRun + " not run yet)" : ""));
    }
}
