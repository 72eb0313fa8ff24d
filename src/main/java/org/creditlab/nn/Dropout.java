package org.creditlab.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: in training, each unit is kept with probability 1−p and scaled by 1/(1−p); in evaluation the
 * layer is the identity. The mask drawn in one pass can be reused by a later pass (PEPITA's modulated pass must see
 * the same mask as the clean pass, or h − h_err would be mask noise).
 */
public final class Dropout implements Layer {
    private final String name;
    private final long[] shape;
    private final double p;

    public Dropout(String name, double p, long... shape) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("layer '" + name + "': dropout probability must be in [0, 1), got " + p);
        }
        this.name = name;
        this.p = p;
        this.shape = shape.clone();
    }

    public double probability() { return p; }
    @Override public String name() { return name; }
    @Override public long[] inputShape() { return shape.clone(); }
    @Override public long[] outputShape() { return shape.clone(); }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        if (record.mode() == Mode.EVAL || p == 0) {
            return input.dup();
        }
        INDArray mask;
        if (record.earlier() != null && record.earlier().cache() != null) {
            mask = record.earlier().cache();
            if (!Arrays.equals(mask.shape(), input.shape())) {
                throw new IllegalArgumentException("layer '" + name + "': cannot reuse a dropout mask of shape "
                        + Arrays.toString(mask.shape()) + " for input " + Arrays.toString(input.shape()));
            }
        } else {
            mask = record.rng().fillBernoulli(input.ulike(), 1 - p).divi(1 - p);
        }
        record.cache(mask);
        return input.mul(mask);
    }

    /** The mask of a training pass (entries 0 or 1/(1−p)), or null in evaluation. */
    public INDArray mask(LayerRecord record) {
        return record.cache();
    }

    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        INDArray mask = record.cache();
        return mask == null ? gradOutput.dup() : gradOutput.mul(mask);
    }

    @Override
    public String toString() {
        return name + "(p=" + p + ")";
    }
}
