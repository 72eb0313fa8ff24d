package org.creditlab.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
            // Stable: with s = z − max(z) and lse = log Σ exp(s), −Σ y log softmax(z) = lse − Σ y s per row
            // (for targets whose rows sum to one, as one-hot and soft-label targets do).
            INDArray shifted = output.subColumnVector(output.max(1));
            INDArray p = Transforms.exp(shifted, true);
            INDArray sum = p.sum(1);
            double lse = Transforms.log(sum, true).sumNumber().doubleValue();
            double ce = (lse - shifted.muli(target).sumNumber().doubleValue()) / output.rows();
            p.diviColumnVector(sum);
            return new Value(ce, p.subi(target).divi(output.rows()));
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
        INDArray predicted = Nd4j.argMax(output, 1);
        INDArray truth = Nd4j.argMax(target, 1);
        return predicted.eq(truth).castTo(DataType.INT).sumNumber().longValue();
    }

    private static void check(INDArray output, INDArray target) {
        if (!Arrays.equals(output.shape(), target.shape())) {
            throw new IllegalArgumentException("output shape " + Arrays.toString(output.shape())
                    + " does not match target shape " + Arrays.toString(target.shape()));
        }
    }
}
