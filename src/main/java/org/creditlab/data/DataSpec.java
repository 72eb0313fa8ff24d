package org.creditlab.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which data a run uses and how it is prepared. Serialisable, so that it is part of a run's identity: it describes
 * how to read or regenerate the data, never the data itself.
 *
 * @param dataset     which dataset (null for {@code synthetic} data)
 * @param path        an explicit folder holding its files, or null to search data/, system installs, then download
 * @param trainLimit  keep a stratified subset of this many training examples (0: all; loading refuses more than the
 *                    training split holds after the validation set)
 * @param validation  hold out this many training examples, stratified, as a validation set (0: none; fewer than the
 *                    training split holds)
 * @param testLimit   keep a stratified subset of this many test examples (0: all; at most the test split's size)
 * @param standardize subtract the training set's per-channel mean and divide by its std (after scaling to [0,1])
 * @param flatten     present examples as flat vectors (for MLPs) rather than images
 * @param download    whether a missing dataset may be downloaded
 * @param subsetSeed  seed of the subset and validation choices (fixed across training seeds, so all seeds see the
 *                    same data)
 * @param pool        average-pool each image over non-overlapping {@code pool}×{@code pool} blocks (after
 *                    standardising, before flattening; e.g. 4 turns 28×28 into 7×7). 0: no pooling, and then left
 *                    out of the JSON, as the next two, so that configurations written before they existed keep their
 *                    run ids
 * @param autoencoder every example's target is its own (prepared, flattened) input instead of its one-hot label
 * @param synthetic   generated data ({@link SyntheticData}, e.g. a {@link StudentTeacher} task) instead of a
 *                    dataset; the limits, standardisation and pooling do not apply to it
 */
public record DataSpec(DatasetName dataset, String path, int trainLimit, int validation, int testLimit,
                       boolean standardize, boolean flatten, boolean download, long subsetSeed,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) int pool,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean autoencoder,
                       @JsonInclude(JsonInclude.Include.NON_NULL) SyntheticData synthetic) {

    public DataSpec {
        if ((dataset == null) == (synthetic == null)) {
            throw new IllegalArgumentException("a data spec needs either a dataset or synthetic data (DataSpec.synthetic), "
                    + (dataset == null ? "got neither" : "got both"));
        }
        requireCount("train limit", "--train-limit, DataSpec.trainLimit", trainLimit, "0 for all");
        requireCount("validation", "--validation, DataSpec.validation", validation, "0 for none");
        requireCount("test limit", "--test-limit, DataSpec.testLimit", testLimit, "0 for all");
        if (pool < 0 || pool == 1) {
            throw new IllegalArgumentException("pool " + pool + " (DataSpec.pool) must be a block size >= 2, or 0 for no pooling");
        }
        if (synthetic != null && (trainLimit != 0 || validation != 0 || testLimit != 0 || standardize || pool != 0
                || autoencoder)) {
            throw new IllegalArgumentException("synthetic data (" + synthetic.describe() + ") sets its own sizes: limits,"
                    + " validation, standardisation, pooling and autoencoder targets apply to datasets only");
        }
    }

    /** Without pooling, autoencoder targets or synthetic data. */
    public DataSpec(DatasetName dataset, String path, int trainLimit, int validation, int testLimit, boolean standardize,
                    boolean flatten, boolean download, long subsetSeed) {
        this(dataset, path, trainLimit, validation, testLimit, standardize, flatten, download, subsetSeed, 0, false, null);
    }

    private static void requireCount(String what, String where, int n, String zero) {
        if (n < 0) {
            throw new IllegalArgumentException(what + " " + n + " (" + where + ") is negative; give a number of examples, or " + zero);
        }
    }

    /** All of {@code dataset}, scaled to [0,1], flattened, not standardised, downloadable. */
    public static DataSpec of(DatasetName dataset) {
        return new DataSpec(dataset, null, 0, 0, 0, false, true, true, 0);
    }

    /** Generated data, e.g. {@code DataSpec.of(StudentTeacher.reference(15, 5, 5000, 1000, 1000, 42))}. */
    public static DataSpec of(SyntheticData synthetic) {
        return new DataSpec(null, null, 0, 0, 0, false, true, false, 0, 0, false, synthetic);
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code DataSpec.of(MNIST).toBuilder().trainLimit(10000).validation(5000).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private DatasetName dataset;
        private String path;
        private int trainLimit;
        private int validation;
        private int testLimit;
        private boolean standardize;
        private boolean flatten;
        private boolean download;
        private long subsetSeed;
        private int pool;
        private boolean autoencoder;
        private SyntheticData synthetic;

        private Builder(DataSpec s) {
            dataset = s.dataset;
            path = s.path;
            trainLimit = s.trainLimit;
            validation = s.validation;
            testLimit = s.testLimit;
            standardize = s.standardize;
            flatten = s.flatten;
            download = s.download;
            subsetSeed = s.subsetSeed;
            pool = s.pool;
            autoencoder = s.autoencoder;
            synthetic = s.synthetic;
        }

        public Builder dataset(DatasetName value) { dataset = value; return this; }
        public Builder path(String value) { path = value; return this; }
        public Builder trainLimit(int value) { trainLimit = value; return this; }
        public Builder validation(int value) { validation = value; return this; }
        public Builder testLimit(int value) { testLimit = value; return this; }
        public Builder standardize(boolean value) { standardize = value; return this; }
        public Builder flatten(boolean value) { flatten = value; return this; }
        public Builder download(boolean value) { download = value; return this; }
        public Builder subsetSeed(long value) { subsetSeed = value; return this; }
        public Builder pool(int value) { pool = value; return this; }
        public Builder autoencoder(boolean value) { autoencoder = value; return this; }
        public Builder synthetic(SyntheticData value) { synthetic = value; return this; }

        public DataSpec build() {
            return new DataSpec(dataset, path, trainLimit, validation, testLimit, standardize, flatten, download,
                    subsetSeed, pool, autoencoder, synthetic);
        }
    }

    /** e.g. "fashion-mnist (train 10000, test all)". */
    public String describe() {
        if (synthetic != null) {
            return synthetic.describe();
        }
        return dataset.directory() + (pool > 0 ? " pooled " + pool + "×" + pool : "") + (autoencoder ? " autoencoder" : "")
                + " (train " + (trainLimit == 0 ? "all" : trainLimit)
                + (validation > 0 ? ", validation " + validation : "") + ", test " + (testLimit == 0 ? "all" : testLimit)
                + (standardize ? ", standardised" : "") + ")";
    }
}
