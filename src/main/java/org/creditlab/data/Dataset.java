package org.creditlab.data;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Examples held in memory: features as an [N, d] matrix (d = the product of {@link #exampleShape()}), integer labels,
 * and targets (one-hot by default; the input itself for an autoencoder). Immutable: transformations return new
 * datasets.
 */
public final class Dataset {
    private final String name;
    private final INDArray features;
    private final int[] labels;
    private final int classes;
    private final List<String> classNames;
    private final long[] exampleShape;
    private INDArray targets;

    public Dataset(String name, INDArray features, int[] labels, int classes, List<String> classNames,
                   long[] exampleShape, INDArray targets) {
        if (features.rank() != 2 || features.rows() != labels.length) {
            throw new IllegalArgumentException("dataset '" + name + "': features must be [N, d] with N = " + labels.length
                    + " labels, got " + Arrays.toString(features.shape()));
        }
        long d = Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b);
        if (features.columns() != d) {
            throw new IllegalArgumentException("dataset '" + name + "': " + features.columns()
                    + " features per example do not fit the example shape " + Arrays.toString(exampleShape));
        }
        if (targets != null && targets.rows() != labels.length) {
            throw new IllegalArgumentException("dataset '" + name + "': targets must have one row per example");
        }
        this.name = name;
        this.features = features;
        this.labels = labels;
        this.classes = classes;
        this.classNames = List.copyOf(classNames);
        this.exampleShape = exampleShape.clone();
        this.targets = targets;
    }

    public String name() { return name; }
    public int size() { return labels.length; }
    public int classes() { return classes; }
    public List<String> classNames() { return classNames; }
    /** One example's shape: [784] when flattened, [1, 28, 28] or [3, 32, 32] for images. */
    public long[] exampleShape() { return exampleShape.clone(); }
    /** The features as an [N, d] matrix. */
    public INDArray features() { return features; }
    public int featureCount() { return (int) features.columns(); }
    public int[] labels() { return labels.clone(); }
    public int label(int i) { return labels[i]; }

    /** The training targets: one-hot rows unless the dataset was given other targets. */
    public synchronized INDArray targets() {
        if (targets == null) {
            targets = oneHot(labels, classes, features.dataType());
        }
        return targets;
    }

    /** Features in the shape a network consumes: [N, exampleShape...]. */
    public INDArray inputs() {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = size();
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return features.reshape(shape);
    }

    /** The examples at {@code indices}, in that order. */
    public Dataset select(int[] indices) {
        INDArray f = Nd4j.pullRows(features, 1, indices);
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            y[i] = labels[indices[i]];
        }
        INDArray t = targets == null ? null : Nd4j.pullRows(targets, 1, indices);
        return new Dataset(name, f, y, classes, classNames, exampleShape, t);
    }

    /** The same examples with features viewed as flat vectors. */
    public Dataset flattened() {
        return new Dataset(name, features, labels, classes, classNames, new long[] {features.columns()}, targets);
    }

    /** The same examples with other features (a preprocessing step); targets that were the input are not carried. */
    public Dataset withFeatures(INDArray newFeatures, long... newShape) {
        return new Dataset(name, newFeatures, labels, classes, classNames, newShape, null);
    }

    /**
     * The images average-pooled over non-overlapping {@code factor}×{@code factor} blocks of each channel (e.g. 4:
     * 28×28 to 7×7), in this dataset's floating-point type; targets that were the input are not carried.
     */
    public Dataset averagePooled(int factor) {
        if (exampleShape.length != 3 || factor < 1 || exampleShape[1] % factor != 0 || exampleShape[2] % factor != 0) {
            throw new IllegalArgumentException("dataset '" + name + "': pooling by " + factor + " needs images [C, H, W] whose"
                    + " sides it divides, got " + Arrays.toString(exampleShape) + " (pool before flattening)");
        }
        int c = (int) exampleShape[0];
        int h = (int) exampleShape[1];
        int w = (int) exampleShape[2];
        int ph = h / factor;
        int pw = w / factor;
        double[] in = features.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[size() * c * ph * pw];
        double area = (double) factor * factor;
        for (int s = 0; s < size(); s++) {
            for (int k = 0; k < c; k++) {
                int from = (s * c + k) * h * w;
                int to = (s * c + k) * ph * pw;
                for (int r = 0; r < h; r++) {
                    for (int col = 0; col < w; col++) {
                        out[to + (r / factor) * pw + col / factor] += in[from + r * w + col] / area;
                    }
                }
            }
        }
        INDArray pooled = Nd4j.create(out, new long[] {size(), (long) c * ph * pw}, 'c').castTo(features.dataType());
        return withFeatures(pooled, c, ph, pw);
    }

    /** An autoencoder's dataset: the target of every example is its own (flattened) input. */
    public Dataset asAutoencoder() {
        return new Dataset(name, features, labels, classes, classNames, exampleShape, features);
    }

    /** The same dataset in another floating-point type. */
    public Dataset as(DataType type) {
        if (features.dataType() == type) {
            return this;
        }
        INDArray t = targets == null ? null : targets.castTo(type);
        return new Dataset(name, features.castTo(type), labels, classes, classNames, exampleShape, t);
    }

    /** Number of examples of each class. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    static INDArray oneHot(int[] labels, int classes, DataType type) {
        // Built in Java and copied once: per-element putScalar costs microseconds each.
        float[] t = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            t[i * classes + labels[i]] = 1f;
        }
        INDArray out = Nd4j.create(t, new long[] {labels.length, classes}, 'c');
        return type == DataType.FLOAT ? out : out.castTo(type);
    }

    @Override
    public String toString() {
        return name + "(" + size() + " × " + Arrays.toString(exampleShape) + ", " + classes + " classes)";
    }
}
