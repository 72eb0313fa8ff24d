package org.creditlab.papers.copi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.sweep.Summary;
import org.creditlab.train.MetricsTable;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The statistics of the COPI authors' results table, computed from our runs: peak accuracy over epochs, and how many
 * epochs of W training it took to reach 99% of the mean peak (the authors' measure) and 100% (the paper's speed
 * claim). Epochs are counted after the R-only phase, so they compare with the authors' index − 1.
 */
public final class LearningSpeed {
    /** The paper's columns for a method whose runs the authors did not publish. */
    static final String NOT_PUBLISHED = "not published";

    private LearningSpeed() {}

    /**
     * Statistics of one metric over seeds.
     *
     * @param peak        the best value over epochs, per seed
     * @param epochsTo99  epochs of W training until the value first reaches 99% of the mean peak, per seed
     * @param epochsTo100 epochs of W training until the value first reaches 1 (runs that never do are left out)
     * @param reached100  how many seeds reached 1
     * @param seeds       how many seeds there are
     */
    public record Stats(Summary peak, Summary epochsTo99, Summary epochsTo100, int reached100, int seeds) {}

    /** {@code column}'s statistics over the seeds of {@code runs}, whose first {@code decorrelationOnlyEpochs} train only R. */
    public static Stats of(SeedRuns runs, String column, int decorrelationOnlyEpochs) {
        double[] peaks = runs.best(column, true);
        double threshold = 0.99 * Arrays.stream(peaks).filter(Double::isFinite).average().orElse(Double.NaN);
        List<MetricsTable> tables = runs.metrics();
        double[] to99 = new double[tables.size()];
        double[] to100 = new double[tables.size()];
        int reached = 0;
        for (int i = 0; i < tables.size(); i++) {
            to99[i] = firstWEpoch(tables.get(i), column, threshold, decorrelationOnlyEpochs);
            to100[i] = firstWEpoch(tables.get(i), column, 1.0, decorrelationOnlyEpochs);
            reached += Double.isFinite(to100[i]) ? 1 : 0;
        }
        return new Stats(Summary.of(peaks), Summary.of(to99), Summary.of(to100), reached, tables.size());
    }

    /** Epochs of W training after which {@code column} first reaches {@code threshold}; NaN if it never does. */
    static double firstWEpoch(MetricsTable t, String column, double threshold, int decorrelationOnlyEpochs) {
        double[] v = t.column(column);
        double[] epoch = t.column("epoch");
        for (int i = 0; i < v.length; i++) {
            if (v[i] >= threshold) {
                return epoch[i] - decorrelationOnlyEpochs;
            }
        }
        return Double.NaN;
    }

    /** Our results table beside the authors' CIFAR-10 numbers (their epochs converted to epochs of W training). */
    public static Table table(String title, Map<Method, SeedRuns> runs, int decorrelationOnlyEpochs, int epochs) {
        List<String> method = new ArrayList<>();
        List<String> peakTrain = new ArrayList<>();
        List<String> to99Train = new ArrayList<>();
        List<String> to100Train = new ArrayList<>();
        List<String> peakTest = new ArrayList<>();
        List<String> to99Test = new ArrayList<>();
        List<String> paperPeakTrain = new ArrayList<>();
        List<String> paperPeakTest = new ArrayList<>();
        List<String> paperTo99Test = new ArrayList<>();
        List<String> paperTo99Train = new ArrayList<>();
        List<String> paperTo100Train = new ArrayList<>();
        int wEpochs = epochs - decorrelationOnlyEpochs;
        for (Map.Entry<Method, SeedRuns> e : runs.entrySet()) {
            Stats train = of(e.getValue(), "train_acc", decorrelationOnlyEpochs);
            Stats test = of(e.getValue(), "test_acc", decorrelationOnlyEpochs);
            method.add(e.getKey().label());
            peakTrain.add(train.peak().format(true));
            to99Train.add(epochs(train.epochsTo99()));
            to100Train.add(train.reached100() == 0 ? "not within " + wEpochs
                    : meanEpochs(train.epochsTo100()) + " (" + train.reached100() + "/" + train.seeds() + " seeds)");
            peakTest.add(test.peak().format(true));
            to99Test.add(epochs(test.epochsTo99()));
            // the bio rule's runs are not in the authors' results folder: no numbers to show
            var paper = CopiReported.CIFAR10.stream().filter(r -> r.method() == e.getKey()).findFirst();
            paperPeakTrain.add(paper.map(p -> String.format(Locale.ROOT, "%.2f ± %.2f", 100 * p.peakTrain(), 100 * p.peakTrainStd()))
                    .orElse(NOT_PUBLISHED));
            paperPeakTest.add(paper.map(p -> String.format(Locale.ROOT, "%.2f ± %.2f", 100 * p.peakTest(), 100 * p.peakTestStd()))
                    .orElse(NOT_PUBLISHED));
            paperTo99Test.add(paper.map(p -> String.format(Locale.ROOT, "%.1f", p.testEpochsTo99() - 1)).orElse(NOT_PUBLISHED));
            paperTo99Train.add(paper.map(p -> String.format(Locale.ROOT, "%.1f", p.trainEpochsTo99() - 1)).orElse(NOT_PUBLISHED));
            Double toFull = CopiReported.CIFAR10_W_EPOCHS_TO_FULL_TRAIN_ACCURACY.get(e.getKey());
            paperTo100Train.add(toFull == null ? NOT_PUBLISHED : String.format(Locale.ROOT, "≈%.1f", toFull));
        }
        return Table.create(title,
                StringColumn.create("method", method),
                StringColumn.create("peak train acc %", peakTrain),
                StringColumn.create("W-epochs to 99% of peak train", to99Train),
                StringColumn.create("W-epochs to 100% train", to100Train),
                StringColumn.create("peak test acc %", peakTest),
                StringColumn.create("W-epochs to 99% of peak test", to99Test),
                StringColumn.create("paper CIFAR-10: peak train %", paperPeakTrain),
                StringColumn.create("paper: W-epochs to 99% train", paperTo99Train),
                StringColumn.create("paper: peak test %", paperPeakTest),
                StringColumn.create("paper: W-epochs to 99% of peak test", paperTo99Test),
                StringColumn.create("paper: W-epochs to 100% train", paperTo100Train));
    }

    /** The same statistics for every setup of a profile; a dataset that is not present gets a row saying so. */
    public static Table everyDataset(Map<CopiPresets.Setup, Map<Method, SeedRuns>> results) {
        Table out = null;
        for (Map.Entry<CopiPresets.Setup, Map<Method, SeedRuns>> e : results.entrySet()) {
            CopiPresets.Setup s = e.getKey();
            Table t;
            if (e.getValue() == null) {
                t = Table.create("", StringColumn.create("method", List.of("not present")));
                Table shape = table("", Map.of(), 0, 0);
                for (String c : shape.columnNames()) {
                    if (!c.equals("method")) {
                        t.addColumns(StringColumn.create(c, List.of("not present")));
                    }
                }
            } else {
                t = table("", e.getValue(), s.decorrelationOnlyEpochs(), s.epochs());
            }
            t.insertColumn(0, StringColumn.create("dataset", Collections.nCopies(t.rowCount(),
                    s.dataset().directory() + " " + s.sizesText())));
            out = out == null ? t : out.append(t);
        }
        return out.setName("Peak accuracy and speed on every dataset of the profile");
    }

    /**
     * The paper's central speed claim checked on our runs: does COPI (BP) reach 100% train accuracy in fewer epochs
     * than BP (Adam)? A sentence that says what we measured and whether it agrees.
     */
    public static String speedClaim(Map<Method, SeedRuns> runs, int decorrelationOnlyEpochs, int epochs) {
        for (Method m : List.of(Method.COPI_BP, Method.BP_ADAM)) {
            SeedRuns r = runs.get(m);
            if (r == null || r.metrics().stream().allMatch(t -> t.epochs() == 0)) {
                // a run never trained is not a run that failed to fit: no verdict from it
                return "Not measured: " + m.label() + " has no runs here (not trained in this profile, or CREDITLAB_TRAIN=no"
                        + " without its records).";
            }
        }
        Stats copi = of(runs.get(Method.COPI_BP), "train_acc", decorrelationOnlyEpochs);
        Stats adam = of(runs.get(Method.BP_ADAM), "train_acc", decorrelationOnlyEpochs);
        int wEpochs = epochs - decorrelationOnlyEpochs;
        String c = describe("COPI (BP)", copi, wEpochs);
        String a = describe("BP (Adam)", adam, wEpochs);
        boolean copiFaster = fitsFirst(copi, adam);
        boolean adamFaster = fitsFirst(adam, copi);
        String verdict = copiFaster ? "agrees with the paper: COPI (BP) fits the training set in fewer epochs"
                : adamFaster ? "disagrees with the paper: BP (Adam) fits the training set first"
                : "disagrees with the paper as stated: neither method reached 100% train accuracy in every seed (the "
                        + "epochs to 99% of each one's peak compare their speed instead)";
        return c + "; " + a + ". This " + verdict + ".";
    }

    /**
     * Whether {@code a} fits the training set first: it reaches 100% train accuracy in every seed, and {@code b} either
     * does not or needs more epochs of W training on average.
     */
    static boolean fitsFirst(Stats a, Stats b) {
        return a.reached100() == a.seeds()
                && (b.reached100() < b.seeds() || a.epochsTo100().mean() < b.epochsTo100().mean());
    }

    /** "100% after 14.3 ± 0.6 W-epochs (3/3 seeds)", or "never 100%, peak 99.68 ± 0.13%". */
    static String reach(Stats s) {
        return s.reached100() == 0 ? "never 100%, peak " + s.peak().format(true) + "%"
                : "100% after " + meanEpochs(s.epochsTo100()) + " W-epochs (" + s.reached100() + "/" + s.seeds() + " seeds)";
    }

    private static String describe(String name, Stats s, int wEpochs) {
        if (s.reached100() == 0) {
            return String.format(Locale.ROOT, "%s never reached 100%% train accuracy within %d epochs of W training "
                    + "(peak %s%%)", name, wEpochs, s.peak().format(true));
        }
        return String.format(Locale.ROOT, "%s reached 100%% train accuracy after %s epochs of W training in %d/%d seeds",
                name, meanEpochs(s.epochsTo100()), s.reached100(), s.seeds());
    }

    /** Mean ± std of the seeds that got there, with how many did where some did not. */
    private static String epochs(Summary s) {
        return s.n() == 0 ? "never" : meanEpochs(s) + (s.diverged() > 0 ? " (" + s.n() + " seeds)" : "");
    }

    /** Mean ± std alone, for a caller that says how many seeds got there. */
    private static String meanEpochs(Summary s) {
        return s.n() == 0 ? "never" : String.format(Locale.ROOT, "%.1f ± %.1f", s.mean(), s.std());
    }
}
