package org.creditlab.nn;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One stage of a {@link Network}. Arrays are batch-first: a layer maps [N, inputShape...] to [N, outputShape...].
 *
 * <p>A layer knows nothing about learning rules. It offers its forward computation and its exact derivative; rules
 * decide what to do with them.
 */
public interface Layer {

    /** The layer's name, unique within its network (used in parameter names and error messages). */
    String name();

    /** Shape of one example's input (without the batch dimension). */
    long[] inputShape();

    /** Shape of one example's output (without the batch dimension). */
    long[] outputShape();

    /** Trainable parameters, in a stable order. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Non-trainable state that a checkpoint must keep (BatchNorm's running statistics), by a name unique within the
     * layer. The arrays are updated in place.
     */
    default Map<String, INDArray> buffers() {
        return Map.of();
    }

    /** Computes the output; may store a private cache in {@code record} for {@link #backward}. */
    INDArray forward(INDArray input, LayerRecord record);

    /**
     * The exact derivative: writes the gradients of this layer's parameters into {@code updates} (if it is not null)
     * and returns the gradient with respect to the layer's input.
     */
    INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates);
}
