package org.creditlab.nn;

import org.creditlab.util.HostArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link BatchNorm} of a fully connected layer ([N, F] input, PyTorch's BatchNorm1d) on the heap. As ND4J ops the
 * forward and backward passes were about 35 calls on small arrays, each with a dispatch of tens of µs: on Kunin et
 * al.'s 784-128×8-10 network the eight BatchNorm layers took about 80% of a step (3-4 s against 0.5-0.8 s an
 * epoch of 12,800 images without them). Here two bulk copies each way and loops over the batch do the same
 * arithmetic, in float64 whatever the layer's type, so a float32 layer's results move by its rounding only.
 */
final class FeatureBatchNorm {
    private FeatureBatchNorm() {}

    /** The normalised input x̂ (row-major [N, F]) and 1/√(σ² + ε) per feature, for the backward pass. */
    private record Cache(double[] normalized, double[] invStd) {}

    static INDArray forward(BatchNorm bn, INDArray input, LayerRecord record) {
        int n = (int) input.size(0);
        int f = bn.features();
        double[] x = doubles(input);
        double[] mean;
        double[] var;
        if (record.mode() == Mode.TRAIN) {
            if (n < 2) {
                throw new IllegalArgumentException("layer '" + bn.name() + "': batch normalisation needs at least 2 values per channel in training");
            }
            mean = new double[f];
            var = new double[f];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < f; j++) {
                    mean[j] += x[i * f + j];
                }
            }
            for (int j = 0; j < f; j++) {
                mean[j] /= n;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < f; j++) {
                    double d = x[i * f + j] - mean[j];
                    var[j] += d * d;
                }
            }
            double[] runningMean = doubles(bn.runningMean());
            double[] runningVar = doubles(bn.runningVar());
            double m = bn.momentum();
            for (int j = 0; j < f; j++) {
                var[j] /= n;
                runningMean[j] = (1 - m) * runningMean[j] + m * mean[j];
                runningVar[j] = (1 - m) * runningVar[j] + m * var[j] * n / (n - 1.0); // PyTorch keeps the unbiased variance
            }
            store(runningMean, bn.runningMean());
            store(runningVar, bn.runningVar());
        } else {
            mean = doubles(bn.runningMean());
            var = doubles(bn.runningVar());
        }
        double[] invStd = new double[f];
        for (int j = 0; j < f; j++) {
            invStd[j] = 1 / Math.sqrt(var[j] + bn.eps());
        }
        double[] gamma = doubles(bn.gamma().value());
        double[] beta = doubles(bn.beta().value());
        double[] normalized = new double[n * f];
        HostArray out = HostArray.zeros(input.dataType(), n * f);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                int k = i * f + j;
                normalized[k] = (x[k] - mean[j]) * invStd[j];
                out.set(k, normalized[k] * gamma[j] + beta[j]);
            }
        }
        record.cache(new Cache(normalized, invStd));
        return out.toArray(n, f);
    }

    static INDArray backward(BatchNorm bn, LayerRecord record, INDArray gradOutput, Updates updates) {
        Cache c = record.cache();
        int n = (int) gradOutput.size(0);
        int f = bn.features();
        double[] g = doubles(gradOutput);
        double[] gamma = doubles(bn.gamma().value());
        // Σg and Σ(g ⊙ x̂) per feature: β's and γ's gradients, and (times γ) the sums the training input gradient needs
        double[] sumG = new double[f];
        double[] sumGXhat = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                sumG[j] += g[i * f + j];
                sumGXhat[j] += g[i * f + j] * c.normalized()[i * f + j];
            }
        }
        if (updates != null) {
            store(sumGXhat, updates.of(bn.gamma()));
            store(sumG, updates.of(bn.beta()));
        }
        boolean train = record.mode() != Mode.EVAL;
        HostArray dx = HostArray.zeros(gradOutput.dataType(), n * f);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                int k = i * f + j;
                double dxhat = gamma[j] * g[k];
                // dx = invStd/m · (m·dx̂ − Σ dx̂ − x̂·Σ(dx̂ ⊙ x̂)), with Σ dx̂ = γ·Σg and Σ(dx̂ ⊙ x̂) = γ·Σ(g ⊙ x̂)
                dx.set(k, train ? c.invStd()[j] / n * (n * dxhat - gamma[j] * sumG[j] - c.normalized()[k] * gamma[j] * sumGXhat[j])
                        : dxhat * c.invStd()[j]);
            }
        }
        return dx.toArray(n, f);
    }

    private static double[] doubles(INDArray a) {
        HostArray h = HostArray.of(a);
        double[] out = new double[h.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = h.get(i);
        }
        return out;
    }

    /** Writes {@code values} into {@code target} (a parameter, buffer or update slot), rounded to its type. */
    private static void store(double[] values, INDArray target) {
        HostArray h = HostArray.zeros(target.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT, values.length);
        for (int i = 0; i < values.length; i++) {
            h.set(i, values[i]);
        }
        if (HostArray.ownsItsBuffer(target)) {
            h.write(0, HostArray.memory(target), 0, values.length);
        } else {
            target.assign(h.toArray(target.shape()));
        }
    }
}
