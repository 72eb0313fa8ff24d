package org.creditlab.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Flattens each example to a vector in c order ([N, C, H, W] → [N, C·H·W], as PyTorch's Flatten). */
public final class Flatten implements Layer {
    private final String name;
    private final long[] shape;

    public Flatten(String name, long... shape) {
        this.name = name;
        this.shape = shape.clone();
    }

    @Override public String name() { return name; }
    @Override public long[] inputShape() { return shape.clone(); }
    @Override public long[] outputShape() { return new long[] {Arrays.stream(shape).reduce(1, (a, b) -> a * b)}; }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        return input.reshape('c', input.size(0), outputShape()[0]);
    }

    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        long[] full = new long[shape.length + 1];
        full[0] = gradOutput.size(0);
        System.arraycopy(shape, 0, full, 1, shape.length);
        return gradOutput.reshape('c', full);
    }

    @Override
    public String toString() {
        return name + "(" + Arrays.toString(shape) + " → " + outputShape()[0] + ")";
    }
}
