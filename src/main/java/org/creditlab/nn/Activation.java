package org.creditlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A pointwise nonlinearity as a layer. Its backward pass multiplies by f' evaluated in the recorded pass. */
public final class Activation implements Layer {
    private final String name;
    private final long[] shape;
    private final Nonlinearity f;

    public Activation(String name, Nonlinearity f, long... shape) {
        this.name = name;
        this.f = f;
        this.shape = shape.clone();
    }

    public Nonlinearity function() { return f; }
    @Override public String name() { return name; }
    @Override public long[] inputShape() { return shape.clone(); }
    @Override public long[] outputShape() { return shape.clone(); }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        return f.apply(input);
    }

    /** f' at the recorded pass's input. */
    public INDArray derivative(LayerRecord record) {
        return f.derivative(record.input(), record.output());
    }

    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        return f.backward(record.input(), record.output(), gradOutput);
    }

    @Override
    public String toString() {
        return name + "(" + f.label() + ")";
    }
}
