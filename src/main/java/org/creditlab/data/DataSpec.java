package org.creditlab.data;

/**
 * Which data a run uses and how it is prepared. Serialisable, so that it is part of a run's identity.
 *
 * @param dataset     which dataset
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
 */
public record DataSpec(DatasetName dataset, String path, int trainLimit, int validation, int testLimit,
                       boolean standardize, boolean flatten, boolean download, long subsetSeed) {

    public DataSpec {
        if (dataset == null) {
            throw new IllegalArgumentException("a data spec needs a dataset");
        }
        requireCount("train limit", "--train-limit, DataSpec.trainLimit", trainLimit, "0 for all");
        requireCount("validation", "--validation, DataSpec.validation", validation, "0 for none");
        requireCount("test limit", "--test-limit, DataSpec.testLimit", testLimit, "0 for all");
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

    public DataSpec withTrainLimit(int n) { return new DataSpec(dataset, path, n, validation, testLimit, standardize, flatten, download, subsetSeed); }
    public DataSpec withValidation(int n) { return new DataSpec(dataset, path, trainLimit, n, testLimit, standardize, flatten, download, subsetSeed); }
    public DataSpec withTestLimit(int n) { return new DataSpec(dataset, path, trainLimit, validation, n, standardize, flatten, download, subsetSeed); }
    public DataSpec withStandardize(boolean s) { return new DataSpec(dataset, path, trainLimit, validation, testLimit, s, flatten, download, subsetSeed); }
    public DataSpec withFlatten(boolean f) { return new DataSpec(dataset, path, trainLimit, validation, testLimit, standardize, f, download, subsetSeed); }
    public DataSpec withPath(String p) { return new DataSpec(dataset, p, trainLimit, validation, testLimit, standardize, flatten, download, subsetSeed); }
    public DataSpec withDownload(boolean d) { return new DataSpec(dataset, path, trainLimit, validation, testLimit, standardize, flatten, d, subsetSeed); }

    /** e.g. "fashion-mnist (train 10000, test all)". */
    public String describe() {
        return dataset.directory() + " (train " + (trainLimit == 0 ? "all" : trainLimit)
                + (validation > 0 ? ", validation " + validation : "") + ", test " + (testLimit == 0 ? "all" : testLimit)
                + (standardize ? ", standardised" : "") + ")";
    }
}
