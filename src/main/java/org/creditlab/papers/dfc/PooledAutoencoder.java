package org.creditlab.papers.dfc;

import org.creditlab.data.DataSplits;
import org.creditlab.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Autoencoder data: 28×28 images average-pooled by a factor (2: 14×14, 4: 7×7), flattened, with each image as its own
 * target. The paper's autoencoder uses full MNIST images; pooling keeps the controller's output small enough for the
 * per-sample n_L × n_L solves of DFC-SSA on a CPU.
 */
public final class PooledAutoencoder {
    private PooledAutoencoder() {}

    /** The splits of an image dataset (features [N, 784] in [0, 1]) pooled and turned into autoencoder targets. */
    public static DataSplits of(DataSplits images, int factor) {
        return new DataSplits(pool(images.train(), factor),
                images.validation() == null ? null : pool(images.validation(), factor), pool(images.test(), factor));
    }

    /** One dataset pooled by {@code factor} over its 28×28 images. */
    public static Dataset pool(Dataset d, int factor) {
        int side = 28;
        if (d.featureCount() != side * side || side % factor != 0) {
            throw new IllegalArgumentException("pooling needs 28×28 images and a factor dividing 28, got "
                    + d.featureCount() + " features and factor " + factor);
        }
        int small = side / factor;
        double[] in = d.features().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int n = d.size();
        double[] out = new double[n * small * small];
        double area = factor * factor;
        for (int s = 0; s < n; s++) {
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    out[(s * small + r / factor) * small + c / factor] += in[(s * side + r) * side + c] / area;
                }
            }
        }
        INDArray f = Nd4j.create(out, new long[] {n, (long) small * small}, DataType.DOUBLE);
        return new Dataset(d.name() + "/pooled" + small, f, d.labels(), d.classes(), d.classNames(),
                new long[] {(long) small * small}, null).asAutoencoder();
    }

    /** The features as an autoencoder's targets, without pooling. */
    public static DataSplits full(DataSplits images) {
        return new DataSplits(images.train().asAutoencoder(),
                images.validation() == null ? null : images.validation().asAutoencoder(), images.test().asAutoencoder());
    }
}
