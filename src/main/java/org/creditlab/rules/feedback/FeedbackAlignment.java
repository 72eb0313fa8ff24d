package org.creditlab.rules.feedback;

import java.util.Collections;
import java.util.Map;
import org.creditlab.nn.Network;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.HasFeedback;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Feedback alignment (Lillicrap et al. 2016, "Random synaptic feedback weights support error backpropagation for deep
 * learning", Nat. Commun., arXiv 1411.0247): the error crosses each weight layer through a fixed random matrix,
 * δ_in = B δ_out instead of Wᵀ δ_out, while ΔW = −η δ xᵀ is kept. The forward weights come to align with B.
 */
public final class FeedbackAlignment implements LearningRule, HasFeedback {
    private final Map<WeightLayer, INDArray> feedback;

    FeedbackAlignment(Network network, FeedbackInit init, long seed) {
        this.feedback = FeedbackMatrices.draw(network, Rng.of(seed).child("fa"), WeightLayer::feedbackShape, init);
    }

    @Override
    public void step(StepContext s) {
        BackwardPass.throughMatrices(s, feedback::get, s.updates());
    }

    @Override
    public Map<WeightLayer, INDArray> feedbackMatrices() {
        return Collections.unmodifiableMap(feedback);
    }

    @Override
    public Map<String, INDArray> buffers() {
        return FeedbackMatrices.named(feedback);
    }
}
