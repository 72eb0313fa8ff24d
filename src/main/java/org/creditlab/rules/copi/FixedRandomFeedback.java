package org.creditlab.rules.copi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.nn.Decorrelation;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Network;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.Feedback;
import org.creditlab.rules.feedback.FeedbackInit;
import org.creditlab.rules.feedback.FeedbackMatrices;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * COPI's feedback-alignment route (Lillicrap et al. 2016 as used by the COPI reference code): a fixed random matrix
 * B_l ∈ R^{in×out} (Xavier normal, feedback orientation) per dense layer carries δ to the layer's input, and the
 * decorrelation layers pass it through unchanged, so δ_l = (B_{l+1} δ_{l+1}) ⊙ f'(a_l) bypasses R. The matrices are
 * drawn as the feedback family draws them ({@link FeedbackMatrices}), over the dense layers only.
 */
final class FixedRandomFeedback {
    private final Map<WeightLayer, INDArray> feedback;
    private final Map<String, INDArray> buffers = new LinkedHashMap<>();

    /** Draws B for every dense layer except the first (nothing below it needs a perturbation). */
    FixedRandomFeedback(Network network, Rng rng) {
        List<Dense> dense = new ArrayList<>();
        for (WeightLayer w : network.weightLayers()) {
            if (w instanceof Dense d) {
                dense.add(d);
            } else if (!(w instanceof Decorrelation)) {
                throw new IllegalArgumentException("COPI's feedback alignment supports dense and decorrelation layers, not "
                        + w.getClass().getSimpleName() + " '" + w.name() + "'");
            }
        }
        feedback = FeedbackMatrices.draw(dense.isEmpty() ? dense : dense.subList(1, dense.size()), rng,
                WeightLayer::feedbackShape, FeedbackInit.xavierNormal());
        // "feedback/", not FeedbackMatrices.named's "feedback.": the key is in stored checkpoints, which must resume
        feedback.forEach((w, b) -> buffers.put("feedback/" + w.name(), b));
    }

    /** B through a dense layer, the identity through a decorrelation layer. */
    Feedback through(WeightLayer layer) {
        if (layer instanceof Decorrelation) {
            return (w, record, delta, signals) -> delta;
        }
        INDArray b = feedback.get(layer);
        if (b == null) {
            throw new IllegalStateException("no feedback matrix for '" + layer.name() + "' (the first dense layer has none)");
        }
        return Feedback.through(b);
    }

    Map<String, INDArray> buffers() {
        return buffers;
    }
}
