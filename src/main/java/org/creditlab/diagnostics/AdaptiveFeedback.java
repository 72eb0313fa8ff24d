package org.creditlab.diagnostics;

import java.util.List;
import org.creditlab.nn.Network;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.Feedback;
import org.creditlab.rules.HasProjection;
import org.creditlab.util.Level3;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The adaptive-feedback-alignment (AFA) update that PEPITA approximates (Srinivasan et al. 2024, the follow-up's
 * central claim). To first order in F, with a_1 = W_1x, the modulated pass gives h_1 − h_1^err = −f'(a_1) ⊙ (±W_1F e),
 * so PEPITA's first-layer update is ≈ [f'(a_1) ⊙ (B e)] xᵀ: feedback alignment in which the output error reaches the
 * first hidden layer through B = ∓W_1F (n_1 × C), a feedback matrix that changes as W_1 learns.
 *
 * <p>{@link #update} computes that update through the shared {@link BackwardPass}: the error is projected by B at the
 * input of the second weight layer, and dropout and the activation below it are differentiated exactly (so dropout
 * enters once, as in PEPITA's default).
 */
public final class AdaptiveFeedback {
    private AdaptiveFeedback() {}

    /** B = −sign·W_1·F, the feedback that PEPITA's first layer effectively uses (n_1 × C). */
    public static INDArray feedback(Network network, HasProjection rule) {
        INDArray w1 = network.weightLayers().get(0).weight().value();
        if (w1.rank() != 2) {
            throw new IllegalArgumentException("the AFA feedback −W₁F is defined for a dense first layer");
        }
        return w1.mmul(rule.projectionMatrix()).muli(-rule.modulationSign());
    }

    /**
     * Writes AFA's directions into {@code updates}: the first layer's from the projected error B·e, the layers above
     * with their exact gradients (only the first layer's is AFA's).
     *
     * @param lossGradient ∂L/∂output of {@code trace} (e/N for the cross-entropy)
     * @param feedback     B, n_1 × C
     */
    public static void update(Network network, Trace trace, INDArray lossGradient, INDArray target, INDArray feedback,
                              Updates updates) {
        List<WeightLayer> layers = network.weightLayers();
        if (layers.size() < 2) {
            throw new IllegalArgumentException("AFA needs a hidden layer");
        }
        WeightLayer second = layers.get(1);
        Feedback exact = Feedback.exact();
        Feedback projected = (w, rec, delta, signals) -> {
            INDArray g = Nd4j.createUninitialized(feedback.dataType(), lossGradient.size(0), feedback.size(0));
            return Level3.gemm(lossGradient, feedback, g, false, true, 1.0, 0.0);
        };
        BackwardPass.run(network, trace, lossGradient, target, w -> w == second ? projected : exact, updates);
    }
}
