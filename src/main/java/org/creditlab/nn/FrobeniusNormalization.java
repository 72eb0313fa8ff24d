package org.creditlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Activation normalisation of the PEPITA follow-up (Srinivasan et al., "Forward Learning with Top-Down Feedback",
 * ICLR 2024, arXiv 2302.05440): the whole batch of activities divided by its Frobenius norm, h ← H / ‖H‖_F. As in the
 * authors' code the norm is taken over the <em>batch matrix</em>, one scalar per batch, not one per example; so the
 * scale of the output depends on the batch, also in evaluation. A batch of zeros passes unchanged.
 */
public final class FrobeniusNormalization implements Layer {
    private final String name;
    private final long[] shape;

    public FrobeniusNormalization(String name, long... shape) {
        this.name = name;
        this.shape = shape.clone();
    }

    @Override public String name() { return name; }
    @Override public long[] inputShape() { return shape.clone(); }
    @Override public long[] outputShape() { return shape.clone(); }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        double norm = input.norm2Number().doubleValue();
        record.cache(norm);
        return norm > 0 ? input.div(norm) : input.dup();
    }

    /** ∂(H/‖H‖)/∂H applied to g: (g − H·⟨g, H⟩/‖H‖²) / ‖H‖. */
    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        double norm = record.<Double>cache();
        if (norm == 0) {
            return gradOutput.dup();
        }
        INDArray h = record.input();
        double projection = gradOutput.mul(h).sumNumber().doubleValue() / (norm * norm);
        return gradOutput.sub(h.mul(projection)).divi(norm);
    }

    @Override
    public String toString() {
        return name + "(h/‖H‖_F)";
    }
}
