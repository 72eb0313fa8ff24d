package org.creditlab.rules;

import org.creditlab.nn.LayerRecord;
import org.creditlab.nn.WeightLayer;
import org.creditlab.util.Level3;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How the error crosses one weight layer on the way back: given δ at the layer's output, the error at its input.
 * Backprop transports it through the weights (Wᵀδ); feedback alignment uses a fixed random B; direct feedback
 * alignment ignores δ and projects the output error straight to the layer. Everything else in the backward pass
 * (activations, BatchNorm, dropout, pooling) stays exact.
 */
@FunctionalInterface
public interface Feedback {

    /**
     * @param layer      the weight layer being crossed
     * @param record     its record in the forward pass
     * @param gradOutput δ at the layer's output
     * @param signals    what else a feedback may use: the output error, the target, the trace
     * @return the error at the layer's input
     */
    INDArray inputGradient(WeightLayer layer, LayerRecord record, INDArray gradOutput, BackwardPass.Signals signals);

    /**
     * Whether this is the transport through the layer's own weights, which a layer may compute together with its
     * weight gradient ({@link WeightLayer#parameterGradients(LayerRecord, INDArray, Updates, boolean)}).
     */
    default boolean throughOwnWeights() {
        return false;
    }

    /**
     * The error carried through a matrix {@code b} of the layer's weight shape in place of its weights: Bᵀδ for a dense
     * layer, the transposed convolution with B for a convolution (feedback alignment and its relatives).
     */
    static Feedback through(INDArray b) {
        return (layer, record, gradOutput, signals) -> layer.backwardThrough(record, b, gradOutput);
    }

    /**
     * Direct feedback: δ is ignored and a global {@code signal} [batch, outputs] (the output error, or the target) is
     * projected through {@code b} [the layer's input features, outputs] to the layer's input, signal·Bᵀ, in the shape
     * of that input (DFA, DRTP and their relatives).
     */
    static Feedback projecting(INDArray signal, INDArray b) {
        return (layer, record, gradOutput, signals) -> {
            INDArray g = Nd4j.createUninitialized(b.dataType(), signal.size(0), b.size(0));
            Level3.gemm(signal, b, g, false, true, 1.0, 0.0);
            long[] inputShape = record.input().shape();
            return inputShape.length == 2 ? g : g.reshape(inputShape);
        };
    }

    /** Backprop's exact transport through the layer's own weights. */
    static Feedback exact() {
        return new Feedback() {
            @Override
            public INDArray inputGradient(WeightLayer layer, LayerRecord record, INDArray gradOutput,
                                          BackwardPass.Signals signals) {
                return layer.backward(record, gradOutput, null);
            }

            @Override
            public boolean throughOwnWeights() {
                return true;
            }
        };
    }
}
