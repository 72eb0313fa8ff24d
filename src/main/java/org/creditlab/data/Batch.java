package org.creditlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One mini-batch: the inputs in the network's shape, the targets, and which examples they are. */
public record Batch(INDArray input, INDArray target, int[] indices) {
    public int size() {
        return (int) input.size(0);
    }
}
