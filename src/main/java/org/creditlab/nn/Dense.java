package org.creditlab.nn;

import java.util.Arrays;
import org.creditlab.util.Level3;
import org.creditlab.util.Rng;
import org.creditlab.util.RowVectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer: z = x Wᵀ + b for a batch x of shape [N, in], with W of shape [out, in] (the papers'
 * convention, W ∈ R^{out×in}) and an optional bias b of shape [out].
 */
public final class Dense implements WeightLayer {
    private final String name;
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param rng its own random stream: the weight is drawn from it, so layers do not perturb each other's draws
     */
    public Dense(String name, int in, int out, boolean withBias, Init weightInit, Init biasInit, DataType type, Rng rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("layer '" + name + "': sizes must be positive, got in=" + in + " out=" + out);
        }
        this.name = name;
        this.in = in;
        this.out = out;
        this.weight = Parameter.forward(name + ".weight", weightInit.sample(rng.child("weight"), type, in, out, out, in));
        this.bias = withBias
                ? Parameter.forward(name + ".bias", biasInit.sample(rng.child("bias"), type, in, out, out))
                : null;
    }

    /** Wraps existing arrays (tests, loading hand-built networks). The arrays are used, not copied. */
    public Dense(String name, INDArray weight, INDArray bias) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("layer '" + name + "': weight must be a matrix [out, in]");
        }
        if (bias != null && (bias.rank() != 1 || bias.length() != weight.rows())) {
            throw new IllegalArgumentException("layer '" + name + "': bias must have shape [" + weight.rows() + "]");
        }
        this.name = name;
        this.out = (int) weight.rows();
        this.in = (int) weight.columns();
        this.weight = Parameter.forward(name + ".weight", weight);
        this.bias = bias == null ? null : Parameter.forward(name + ".bias", bias);
    }

    @Override public String name() { return name; }
    @Override public long[] inputShape() { return new long[] {in}; }
    @Override public long[] outputShape() { return new long[] {out}; }
    @Override public Parameter weight() { return weight; }
    @Override public Parameter bias() { return bias; }
    public int inputs() { return in; }
    public int outputs() { return out; }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        INDArray z = linearResponse(input);
        if (bias != null) {
            RowVectors.addTo(z, bias.value());
        }
        return z;
    }

    @Override
    public INDArray linearResponse(INDArray input) {
        INDArray w = weight.value();
        INDArray z = Nd4j.createUninitialized(w.dataType(), input.rows(), out);
        return Level3.gemm(input, w, z, false, true, 1.0, 0.0);
    }

    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        if (updates != null) {
            parameterGradients(record, gradOutput, updates);
        }
        // dX = dZ · W: uses W directly rather than a transposed view, the cheapest gemm layout.
        INDArray w = weight.value();
        INDArray dx = Nd4j.createUninitialized(w.dataType(), gradOutput.rows(), in);
        return Level3.gemm(gradOutput, w, dx, false, false, 1.0, 0.0);
    }

    @Override
    public void parameterGradients(LayerRecord record, INDArray gradOutput, Updates updates) {
        // dW = dZᵀ · X, dB = Σ_batch dZ; the loss gradient already carries the 1/N of the batch mean.
        Level3.gemm(gradOutput, record.input(), updates.of(weight), true, false, 1.0, 0.0);
        if (bias != null) {
            RowVectors.sumRowsInto(gradOutput, updates.of(bias));
        }
    }

    @Override public long[] feedbackShape() { return new long[] {in, out}; }

    @Override
    public INDArray transportMatrix() {
        return weight.value().transpose();
    }

    @Override
    public INDArray backwardThrough(INDArray feedback, INDArray gradOutput) {
        checkFeedback(feedback);
        INDArray dx = Nd4j.createUninitialized(feedback.dataType(), gradOutput.rows(), in);
        return Level3.gemm(gradOutput, feedback, dx, false, true, 1.0, 0.0);
    }

    @Override
    public INDArray projectThrough(INDArray feedback, INDArray input) {
        checkFeedback(feedback);
        return input.mmul(feedback);
    }

    @Override
    public INDArray feedbackGradient(INDArray input, INDArray gradProjection) {
        INDArray g = Nd4j.createUninitialized(input.dataType(), in, out);
        return Level3.gemm(input, gradProjection, g, true, false, 1.0, 0.0);
    }

    private void checkFeedback(INDArray feedback) {
        if (feedback.rank() != 2 || feedback.rows() != in || feedback.columns() != out) {
            throw new IllegalArgumentException("layer '" + name + "': feedback must have shape [" + in + ", " + out
                    + "], got " + Arrays.toString(feedback.shape()));
        }
    }

    @Override
    public String toString() {
        return name + "(" + in + "→" + out + (bias == null ? ", no bias" : "") + ")";
    }
}
