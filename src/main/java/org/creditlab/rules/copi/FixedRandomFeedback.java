package org.creditlab.rules.copi;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.creditlab.nn.Decorrelation;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Init;
import org.creditlab.nn.Network;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.Feedback;
import org.creditlab.util.Rng;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * COPI's feedback-alignment route (Lillicrap et al. 2016 as used by the COPI reference code): a fixed random matrix
 * B_l ∈ R^{in×out} (Xavier normal, feedback orientation) per dense layer carries δ to the layer's input, and the
 * decorrelation layers pass it through unchanged, so δ_l = (B_{l+1} δ_{l+1}) ⊙ f'(a_l) bypasses R.
 *
 * <p>Kept self-contained until the feedback family ({@code rules.feedback}) provides fixed random feedback; only
 * {@link Perturbations} uses it.
 */
final class FixedRandomFeedback {
    private final Map<WeightLayer, INDArray> feedback = new IdentityHashMap<>();
    private final Map<String, INDArray> buffers = new LinkedHashMap<>();

    /** Draws B for every dense layer except the first (nothing below it needs a perturbation). */
    FixedRandomFeedback(Network network, Rng rng) {
        boolean first = true;
        for (WeightLayer w : network.weightLayers()) {
            if (w instanceof Dense d) {
                if (!first) {
                    INDArray b = Workspaces.outside(() -> Init.xavierNormal().sample(rng.child(d.name()),
                            network.dataType(), d.inputs(), d.outputs(), d.feedbackShape()));
                    feedback.put(d, b);
                    buffers.put("feedback/" + d.name(), b);
                }
                first = false;
            } else if (!(w instanceof Decorrelation)) {
                throw new IllegalArgumentException("COPI's feedback alignment supports dense and decorrelation layers, not "
                        + w.getClass().getSimpleName() + " '" + w.name() + "'");
            }
        }
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
        return (w, record, delta, signals) -> w.backwardThrough(b, delta);
    }

    Map<String, INDArray> buffers() {
        return buffers;
    }
}
