package org.creditlab.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.creditlab.data.DatasetName;
import org.creditlab.notebook.Profile;

/**
 * How big the benchmark runs, and on which network: the same for every rule.
 *
 * @param architecture  the task's network: the MLP 784-hidden-10 or the small CNN
 * @param trainExamples training examples after the validation split (0: all that remain)
 * @param validation    training examples held out, stratified, to choose each rule's setting (never the test set)
 * @param testExamples  test examples (0: all)
 * @param hidden        the hidden layers' widths of the MLP 784-hidden-10 (empty for the CNN, whose layers are fixed)
 * @param epochs        epochs of every run, search trials included
 * @param batchSize     mini-batch size
 * @param trials        random-search trials per rule: the tuning budget, equal for every rule
 * @param seeds         seeds of the chosen setting's runs, all fresh ({@link #seedList}: not the search's own seed)
 * @param probe         training examples on which the update-alignment diagnostic compares a rule's step with backprop's
 * @param dataset       the task's data: Fashion-MNIST (always present here), or MNIST or CIFAR-10 where present
 * @param dataPath      a folder holding the dataset's files, or null to look where {@code Datasets} looks (data/, the
 *                      system's dataset packages)
 */
public record BenchmarkScale(Architecture architecture, int trainExamples, int validation, int testExamples,
                             List<Integer> hidden, int epochs, int batchSize, int trials, int seeds, int probe,
                             DatasetName dataset, String dataPath) {

    /** The datasets the benchmark's networks take: images of 10 classes. */
    public static final List<DatasetName> DATASETS = List.of(DatasetName.FASHION_MNIST, DatasetName.MNIST, DatasetName.CIFAR10);

    public BenchmarkScale {
        hidden = List.copyOf(hidden);
        if (!DATASETS.contains(dataset)) {
            throw new IllegalArgumentException("the benchmark's networks classify images of 10 classes: give one of "
                    + DATASETS.stream().map(DatasetName::directory).toList() + ", got " + dataset);
        }
        if (architecture == null) {
            throw new IllegalArgumentException("the benchmark needs a network: Architecture.MLP or Architecture.CNN");
        }
        if (architecture == Architecture.MLP ? hidden.isEmpty() || hidden.stream().anyMatch(h -> h <= 0) : !hidden.isEmpty()) {
            throw new IllegalArgumentException(architecture == Architecture.MLP
                    ? "the MLP needs at least one hidden layer, each of > 0 units, got " + hidden
                    : "the CNN's layers are fixed; give no hidden widths, got " + hidden);
        }
        if (validation <= 0) {
            throw new IllegalArgumentException("the benchmark chooses settings on a validation split: validation must be > 0, got " + validation);
        }
        if (trials <= 0 || seeds <= 0 || epochs <= 0 || batchSize <= 0 || probe <= 0) {
            throw new IllegalArgumentException("trials, seeds, epochs, batch size and probe must be positive, got " + this);
        }
    }

    /** The MLP task at profile {@code p}: {@link #of(Profile, Architecture)} with {@link Architecture#MLP}. */
    public static BenchmarkScale of(Profile p) {
        return of(p, Architecture.MLP);
    }

    /**
     * QUICK: a few thousand images, 2 epochs, 2 trials and 2 seeds, to exercise the whole path in minutes (the MLP
     * 784-64-64-10); FULL: all of Fashion-MNIST (50,000 training, 10,000 validation, 10,000 test), 20 epochs, 8 trials
     * and 3 seeds (the MLP 784-256-256-10). The CNN's layers are the same at both scales.
     */
    public static BenchmarkScale of(Profile p, Architecture a) {
        boolean mlp = a == Architecture.MLP;
        return p == Profile.QUICK
                ? new BenchmarkScale(a, 2000, 500, 1000, mlp ? List.of(64, 64) : List.of(), 2, 64, 2, 2, 128,
                        DatasetName.FASHION_MNIST, null)
                : new BenchmarkScale(a, 0, 10_000, 0, mlp ? List.of(256, 256) : List.of(), 20, 64, 8, 3, 256,
                        DatasetName.FASHION_MNIST, null);
    }

    /**
     * The task at profile {@code p} on another dataset, e.g. MNIST where it is present: the same budget, the MLP's
     * input the dataset's image size (784 for MNIST, 3072 for CIFAR-10's 3×32×32), the CNN's input its images.
     */
    public static BenchmarkScale of(Profile p, Architecture a, DatasetName dataset) {
        return of(p, a).toBuilder().dataset(dataset).build();
    }

    /** True for the scale's default dataset, Fashion-MNIST, whose names and tables carry no dataset label. */
    public boolean defaultDataset() {
        return dataset == DatasetName.FASHION_MNIST;
    }

    /** A builder that starts from this scale, to change some of its settings by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the scale's fields by name, so that two counts cannot be swapped unnoticed, e.g.
     * {@code BenchmarkScale.of(Profile.QUICK).toBuilder().trials(4).seeds(3).build()}; {@link #build()} checks them.
     */
    public static final class Builder {
        private Architecture architecture;
        private int trainExamples;
        private int validation;
        private int testExamples;
        private List<Integer> hidden;
        private int epochs;
        private int batchSize;
        private int trials;
        private int seeds;
        private int probe;
        private DatasetName dataset;
        private String dataPath;

        private Builder(BenchmarkScale s) {
            architecture = s.architecture;
            trainExamples = s.trainExamples;
            validation = s.validation;
            testExamples = s.testExamples;
            hidden = s.hidden;
            epochs = s.epochs;
            batchSize = s.batchSize;
            trials = s.trials;
            seeds = s.seeds;
            probe = s.probe;
            dataset = s.dataset;
            dataPath = s.dataPath;
        }

        public Builder architecture(Architecture value) { architecture = value; return this; }
        public Builder trainExamples(int value) { trainExamples = value; return this; }
        public Builder validation(int value) { validation = value; return this; }
        public Builder testExamples(int value) { testExamples = value; return this; }
        public Builder hidden(List<Integer> value) { hidden = value; return this; }
        public Builder epochs(int value) { epochs = value; return this; }
        public Builder batchSize(int value) { batchSize = value; return this; }
        public Builder trials(int value) { trials = value; return this; }
        public Builder seeds(int value) { seeds = value; return this; }
        public Builder probe(int value) { probe = value; return this; }
        public Builder dataset(DatasetName value) { dataset = value; return this; }
        public Builder dataPath(String value) { dataPath = value; return this; }

        public BenchmarkScale build() {
            return new BenchmarkScale(architecture, trainExamples, validation, testExamples, hidden, epochs, batchSize, trials,
                    seeds, probe, dataset, dataPath);
        }
    }

    /** The MLP's layer sizes, from the dataset's image size to its 10 classes (784-...-10); the CNN has none to give. */
    public int[] sizes() {
        if (architecture != Architecture.MLP) {
            throw new IllegalStateException("the " + architecture.key() + " task has no MLP layer sizes");
        }
        int[] s = new int[hidden.size() + 2];
        s[0] = (int) Arrays.stream(dataset.exampleShape()).reduce(1, (x, y) -> x * y);
        for (int i = 0; i < hidden.size(); i++) {
            s[i + 1] = hidden.get(i);
        }
        s[s.length - 1] = dataset.classes();
        return s;
    }

    /**
     * The seeds of the chosen setting's runs: the {@code seeds} after the search's own ({@link BenchmarkPresets#TRIAL_SEED}).
     * The chosen trial's run is not one of them: it was picked for its validation accuracy, and its test accuracy
     * would carry that luck of its seed into the table.
     */
    public long[] seedList() {
        return LongStream.rangeClosed(BenchmarkPresets.TRIAL_SEED + 1, BenchmarkPresets.TRIAL_SEED + seeds).toArray();
    }

    /** The network as the tables and charts name it: "MLP 784-256-256-10" or {@link Architecture#CNN_LABEL}. */
    public String network() {
        return architecture == Architecture.MLP
                ? "MLP " + String.join("-", Arrays.stream(sizes()).mapToObj(String::valueOf).toList())
                : Architecture.CNN_LABEL;
    }

    /**
     * e.g. "MLP 784-256-256-10, 20 epochs, batch 64, 8 search trials per rule, 3 seeds", with the dataset first where
     * it is not Fashion-MNIST ("MNIST, MLP 784-256-256-10, ...").
     */
    public String describe() {
        return (defaultDataset() ? "" : dataset.title() + ", ") + network() + ", " + epochs + " epochs, batch " + batchSize + ", " + trials + " search trials per rule, " + seeds
                + " seeds";
    }
}
