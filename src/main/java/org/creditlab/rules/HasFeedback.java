package org.creditlab.rules;

import java.util.Map;
import org.creditlab.nn.WeightLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A rule that sends error back through feedback matrices of its own, one per weight layer, in the feedback orientation
 * (B has the shape of Wᵀ for dense layers, of the kernel for convolutions). Diagnostics read them to measure the
 * angle between B and the weights' transport.
 */
public interface HasFeedback {

    /** The current feedback matrix of each weight layer that has one (live arrays; do not modify). */
    Map<WeightLayer, INDArray> feedbackMatrices();
}
