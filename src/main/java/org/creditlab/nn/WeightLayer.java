package org.creditlab.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer whose backward pass transports the error through its weights (dense, convolution, decorrelation). This is
 * the seam of the feedback-pathway rules: they keep {@link #parameterGradients} exact and replace the transport by
 * {@link #backwardThrough} with a feedback matrix of their own.
 *
 * <p>Feedback matrices have the <em>feedback orientation</em>: for a dense layer with W of shape [out, in], B has
 * shape [in, out] and backprop is B = Wᵀ; for a convolution B has the kernel's shape and backprop is B = W.
 */
public interface WeightLayer extends Layer {

    Parameter weight();

    /** The bias, or null if the layer has none. */
    Parameter bias();

    /** The weight, then the bias if there is one. */
    @Override
    default List<Parameter> parameters() {
        return bias() == null ? List.of(weight()) : List.of(weight(), bias());
    }

    /** Shape of a feedback matrix for this layer. */
    long[] feedbackShape();

    /** The feedback matrix that makes {@link #backwardThrough} equal backprop (Wᵀ for dense; a view where possible). */
    INDArray transportMatrix();

    /** Exact gradients of the weight (and bias) given the gradient at the layer's output. */
    void parameterGradients(LayerRecord record, INDArray gradOutput, Updates updates);

    /**
     * {@link #parameterGradients(LayerRecord, INDArray, Updates)}, told whether the input gradient through the layer's
     * own weights follows for the same δ ({@link #backwardThrough(LayerRecord, INDArray, INDArray)} with
     * {@link #transportMatrix()}, as in backprop). A convolution on oneDNN computes that gradient together with the
     * weight gradient when it follows, and may leave it out when it does not (a network's first layer, feedback
     * alignment's B, a rule without a backward pass); the gradients are the same either way, to rounding.
     */
    default void parameterGradients(LayerRecord record, INDArray gradOutput, Updates updates, boolean transportFollows) {
        parameterGradients(record, gradOutput, updates);
    }

    /** The gradient at the layer's input computed with {@code feedback} in place of the weights' transport. */
    INDArray backwardThrough(INDArray feedback, INDArray gradOutput);

    /**
     * {@link #backwardThrough(INDArray, INDArray)} within a backward walk, where {@code record} holds this pass: a layer
     * may reuse what {@link #parameterGradients} just computed for the same δ (a convolution reuses δ's layout).
     */
    default INDArray backwardThrough(LayerRecord record, INDArray feedback, INDArray gradOutput) {
        return backwardThrough(feedback, gradOutput);
    }

    /** The input pushed forward through {@code feedback} used as forward weights (dense: X·B). */
    INDArray projectThrough(INDArray feedback, INDArray input);

    /**
     * The gradient with respect to a feedback matrix B of ⟨g, projectThrough(B, x)⟩ summed over the batch (dense:
     * Xᵀ·G). Alignment regularisers are written with it.
     */
    INDArray feedbackGradient(INDArray input, INDArray gradProjection);

    /** The forward weights' response W·x to a batch, without the bias. */
    INDArray linearResponse(INDArray input);

    /**
     * Adds the layer's bias, if it has one, to {@code response} in place, along axis 1 (units of [N, out], channels of
     * [N, out, h, w]): W·x becomes W·x + b, the layer's output before any nonlinearity.
     */
    default INDArray addBias(INDArray response) {
        if (bias() != null) {
            Nd4j.getExecutioner().exec(new BroadcastAddOp(response, bias().value(), response, 1));
        }
        return response;
    }
}
