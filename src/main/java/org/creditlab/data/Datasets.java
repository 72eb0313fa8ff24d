package org.creditlab.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.creditlab.util.ProjectPaths;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads datasets as {@link DataSplits}: finds the files ({@link DatasetFiles}), reads and validates them, scales
 * pixels to [0,1], carves a validation set, takes stratified subsets, standardises with training statistics, pools,
 * flattens and sets autoencoder targets, as a {@link DataSpec} says; or generates its {@link SyntheticData}. Decoded
 * and generated datasets are cached for the life of the JVM, so a notebook that trains several models reads the files
 * (or runs a teacher network) once.
 */
public final class Datasets {
    private static final Map<String, DataSplits> RAW = new ConcurrentHashMap<>();
    private static final Map<SyntheticData, DataSplits> GENERATED = new ConcurrentHashMap<>();

    private Datasets() {}

    public static DataSplits load(DataSpec spec) {
        return load(spec, ProjectPaths.data(), System.out);
    }

    /** Loads with an explicit project data folder and a stream for download messages (tests use both). */
    public static DataSplits load(DataSpec spec, Path projectData, PrintStream log) {
        if (spec.synthetic() != null) {
            return GENERATED.computeIfAbsent(spec.synthetic(), SyntheticData::generate);
        }
        DatasetFiles.Located where = DatasetFiles.locate(spec.dataset(), spec.path() == null ? null : Path.of(spec.path()),
                projectData, spec.download(), log);
        DataSplits full = RAW.computeIfAbsent(where.directory().toAbsolutePath() + "|" + spec.dataset(), k -> read(where));
        return prepare(full, spec);
    }

    /** Whether the dataset can be had without downloading (for notebooks that fall back to what is present). */
    public static boolean isPresent(DatasetName name) {
        try {
            DatasetFiles.locate(name, null, ProjectPaths.data(), false, System.out);
            return true;
        } catch (DatasetException e) {
            return false;
        }
    }

    /** Forgets decoded datasets (to free memory). */
    public static void clearCache() {
        RAW.clear();
        GENERATED.clear();
    }

    private static DataSplits read(DatasetFiles.Located where) {
        DatasetName name = where.name();
        Path dir = where.directory();
        LabelledBytes train;
        LabelledBytes test;
        if (name.isIdx()) {
            List<DatasetName.RemoteFile> f = name.downloads();
            Path trainImages = DatasetFiles.idxFile(dir, f.get(0).name());
            Path testImages = DatasetFiles.idxFile(dir, f.get(2).name());
            train = IdxReader.read(trainImages, DatasetFiles.idxFile(dir, f.get(1).name()), name.classes());
            test = IdxReader.read(testImages, DatasetFiles.idxFile(dir, f.get(3).name()), name.classes());
            if (!Arrays.equals(train.exampleShape(), test.exampleShape())) {
                throw new DatasetException(trainImages + " holds images of shape " + Arrays.toString(train.exampleShape())
                        + " but " + testImages + " holds " + Arrays.toString(test.exampleShape()) + "; the training and "
                        + "test files must come from one dataset. Replace them with a matching set.");
            }
        } else {
            train = CifarReader.read(name, resolve(dir, CifarReader.trainFiles(name)));
            test = CifarReader.read(name, resolve(dir, CifarReader.testFiles(name)));
        }
        if (where.source() != DatasetFiles.Source.EXPLICIT) {
            checkPublished(name, dir, "training", train, name.publishedTrainSize());
            checkPublished(name, dir, "test", test, name.publishedTestSize());
        }
        return new DataSplits(toDataset(name, "train", train), null, toDataset(name, "test", test));
    }

    /**
     * Files found in data/ or a system install stand for the published dataset, so they must have its sizes: unpacked
     * files carry no published checksum, and a truncated CIFAR batch still splits into whole records.
     */
    private static void checkPublished(DatasetName name, Path dir, String split, LabelledBytes read, int published) {
        if (read.count() != published || !Arrays.equals(read.exampleShape(), name.exampleShape())) {
            throw new DatasetException(dir + ": its " + split + " files hold " + read.count() + " images of shape "
                    + Arrays.toString(read.exampleShape()) + ", but the published " + name.title() + " " + split
                    + " split has " + published + " of shape " + Arrays.toString(name.exampleShape()) + ": the files are"
                    + " truncated or not the official ones. Delete them and fetch them again, or pass their folder as an"
                    + " explicit path (--data-dir, DataSpec.path) to use them as they are.");
        }
    }

    private static List<Path> resolve(Path dir, List<String> names) {
        List<Path> out = new ArrayList<>();
        for (String n : names) {
            out.add(dir.resolve(n));
        }
        return out;
    }

    private static Dataset toDataset(DatasetName name, String split, LabelledBytes raw) {
        byte[] px = raw.pixels();
        float[] f = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            f[i] = (px[i] & 0xff) / 255f;
        }
        int n = raw.count();
        INDArray features = Nd4j.create(f, new long[] {n, px.length / n}, 'c');
        return new Dataset(name.directory() + "/" + split, features, raw.labels(), name.classes(), name.classNames(),
                raw.exampleShape(), null);
    }

    private static DataSplits prepare(DataSplits full, DataSpec spec) {
        checkSizes(spec, full.train().size(), full.test().size());
        Rng rng = Rng.of(spec.subsetSeed()).child("subsets");
        Dataset train = full.train();
        Dataset validation = null;
        if (spec.validation() > 0) {
            int[][] parts = Subsets.split(train.labels(), train.classes(), spec.validation(), rng.child("validation"));
            validation = train.select(parts[0]);
            train = train.select(parts[1]);
        }
        if (spec.trainLimit() > 0 && spec.trainLimit() < train.size()) { // equal: all of them, no subset
            train = train.select(Subsets.stratified(train.labels(), train.classes(), spec.trainLimit(), rng.child("train")));
        }
        Dataset test = full.test();
        if (spec.testLimit() > 0 && spec.testLimit() < test.size()) {
            test = test.select(Subsets.stratified(test.labels(), test.classes(), spec.testLimit(), rng.child("test")));
        }
        if (spec.standardize()) {
            Standardizer s = Standardizer.fit(train);
            train = s.apply(train);
            validation = validation == null ? null : s.apply(validation);
            test = s.apply(test);
        }
        if (spec.pool() > 0) {
            train = train.averagePooled(spec.pool());
            validation = validation == null ? null : validation.averagePooled(spec.pool());
            test = test.averagePooled(spec.pool());
        }
        if (spec.flatten()) {
            train = train.flattened();
            validation = validation == null ? null : validation.flattened();
            test = test.flattened();
        }
        if (spec.autoencoder()) {
            train = train.asAutoencoder();
            validation = validation == null ? null : validation.asAutoencoder();
            test = test.asAutoencoder();
        }
        return new DataSplits(train, validation, test);
    }

    /**
     * Refuses subset sizes the splits cannot supply. Only here are the sizes known (an explicit path may hold other
     * files than the published ones), and a larger limit would otherwise quietly mean "all".
     */
    private static void checkSizes(DataSpec spec, int trainSize, int testSize) {
        String of = " training examples of " + spec.dataset().directory();
        int validation = spec.validation();
        if (validation >= trainSize) {
            throw new IllegalArgumentException("validation " + validation + " (--validation, DataSpec.validation) leaves none of the "
                    + trainSize + of + " for training; hold out fewer than " + trainSize);
        }
        int available = trainSize - validation;
        if (spec.trainLimit() > available) {
            throw new IllegalArgumentException("train limit " + spec.trainLimit() + " (--train-limit, DataSpec.trainLimit) is more than the "
                    + (validation == 0 ? trainSize + of : available + of + " left after holding out " + validation
                    + " for validation (--validation)") + "; use at most " + available + " or 0 for all");
        }
        if (spec.testLimit() > testSize) {
            throw new IllegalArgumentException("test limit " + spec.testLimit() + " (--test-limit, DataSpec.testLimit) is more than the "
                    + testSize + " test examples of " + spec.dataset().directory() + "; use at most " + testSize + " or 0 for all");
        }
    }
}
