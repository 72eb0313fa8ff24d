package org.creditlab.nn;

import java.util.Arrays;
import org.creditlab.util.HostArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The training objective on the network's raw output, averaged over the batch. Gradients are taken with respect to
 * that raw output (the logits for cross-entropy), so they already carry the 1/N of the batch mean.
 */
public enum Loss {
    /** −Σ_c y_c log softmax(z)_c, averaged over the batch; gradient (softmax(z) − y)/N. */
    SOFTMAX_CROSS_ENTROPY {
        @Override
        public Value evaluate(INDArray output, INDArray target) {
            check(output, target);
            // On the heap, in float64: the logits are a few classes per row, where ND4J's ten ops per batch (tens of
            // µs each) cost more than the arithmetic. Stable: with s = z − max(z) and lse = log Σ exp(s),
            // −Σ y log softmax(z) = lse − Σ y s per row (for targets whose rows sum to one, as one-hot and
            // soft-label targets do).
            int rows = output.rows();
            int classes = output.columns();
            HostArray z = HostArray.of(output);
            HostArray y = HostArray.of(target);
            HostArray gradient = HostArray.zeros(output.dataType(), z.length());
            double total = 0;
            for (int r = 0, base = 0; r < rows; r++, base += classes) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, z.get(base + c));
                }
                double sum = 0;
                double targetShift = 0;
                for (int c = 0; c < classes; c++) {
                    double s = z.get(base + c) - max;
                    sum += Math.exp(s);
                    targetShift += y.get(base + c) * s;
                }
                total += Math.log(sum) - targetShift;
                for (int c = 0; c < classes; c++) {
                    double p = Math.exp(z.get(base + c) - max) / sum;
                    gradient.set(base + c, (p - y.get(base + c)) / rows);
                }
            }
            return new Value(total / rows, gradient.toArray(rows, classes));
        }

        @Override
        public INDArray predict(INDArray output) {
            return Transforms.softmax(output, true);
        }
    },
    /** Mean over batch and outputs of (z − y)² (PyTorch's MSELoss); gradient 2(z − y)/(N·C). */
    MEAN_SQUARED_ERROR {
        @Override
        public Value evaluate(INDArray output, INDArray target) {
            check(output, target);
            INDArray diff = output.sub(target);
            double mse = diff.mul(diff).sumNumber().doubleValue() / output.length();
            return new Value(mse, diff.muli(2.0 / output.length()));
        }

        @Override
        public INDArray predict(INDArray output) {
            return output.dup();
        }
    };

    /** A loss value and its gradient with respect to the network output. */
    public record Value(double value, INDArray gradient) {}

    public abstract Value evaluate(INDArray output, INDArray target);

    /** The network's prediction from its raw output (class probabilities, or the output itself). */
    public abstract INDArray predict(INDArray output);

    public double value(INDArray output, INDArray target) {
        return evaluate(output, target).value();
    }

    public INDArray gradient(INDArray output, INDArray target) {
        return evaluate(output, target).gradient();
    }

    /** Number of rows whose arg-max matches the target's arg-max. */
    public static long correct(INDArray output, INDArray target) {
        check(output, target);
        // On the heap: a few classes per row (see SOFTMAX_CROSS_ENTROPY). Ties go to the first index, as argMax's.
        int rows = output.rows();
        int classes = output.columns();
        HostArray z = HostArray.of(output);
        HostArray y = HostArray.of(target);
        long correct = 0;
        for (int r = 0, base = 0; r < rows; r++, base += classes) {
            correct += argMax(z, base, classes) == argMax(y, base, classes) ? 1 : 0;
        }
        return correct;
    }

    private static int argMax(HostArray a, int base, int length) {
        int best = 0;
        for (int c = 1; c < length; c++) {
            if (a.get(base + c) > a.get(base + best)) {
                best = c;
            }
        }
        return best;
    }

    private static void check(INDArray output, INDArray target) {
        if (!Arrays.equals(output.shape(), target.shape())) {
            throw new IllegalArgumentException("output shape " + Arrays.toString(output.shape())
                    + " does not match target shape " + Arrays.toString(target.shape()));
        }
    }
}
