package org.creditlab.rules.feedback;

import java.util.Arrays;
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
 * Direct projections of a global signal to every hidden layer through fixed random matrices B_ℓ ∈ R^{n_ℓ × C}:
 *
 * <ul>
 *   <li>direct feedback alignment (Nøkland 2016, "Direct feedback alignment provides learning in deep neural
 *   networks", arXiv 1609.01596): the output error, δ_ℓ = (B_ℓ e) ⊙ f'(a_ℓ);</li>
 *   <li>direct random target projection (Frenkel, Lefebvre and Bol 2021, "Learning without feedback", Front.
 *   Neurosci., arXiv 1909.01311): the one-hot target instead of the error, δ_ℓ = (B_ℓ t) ⊙ f'(a_ℓ), with the sign of
 *   the authors' code.</li>
 * </ul>
 *
 * The projected signal replaces the error at the input of each weight layer above the first; activations, BatchNorm
 * and dropout below it are differentiated exactly, and the output layer's own weights get their true gradient. Both
 * signals are divided by the batch size, like every gradient here, so updates are batch means.
 *
 * <p>As a {@link HasFeedback} it lists the one projection that stands where backprop's Wᵀ would: the top weight
 * layer's, whose input gets B_L e (or B_L t) where backprop sends W_Lᵀ e, so B_L has the shape of W_Lᵀ. The lower
 * B_ℓ skip the layers between and have no single transport matrix to compare with. "Top" is the last weight layer,
 * the one whose output is the network's (through at most an activation in the networks here).
 */
public final class DirectFeedback implements LearningRule, HasFeedback {

    /** What is projected to the hidden layers. */
    public enum Signal {
        /** e = ∂L/∂output (DFA). */
        OUTPUT_ERROR,
        /** the target t (DRTP). */
        TARGET
    }

    private final Signal signal;
    private final Map<WeightLayer, INDArray> projections;

    /** @param stream the name of the random stream the B_ℓ are drawn from: "dfa" or "drtp" (it fixes their values) */
    DirectFeedback(String stream, Network network, Signal signal, FeedbackInit init, long seed) {
        this.signal = signal;
        long outputs = Arrays.stream(network.outputShape()).reduce(1, (a, b) -> a * b);
        this.projections = FeedbackMatrices.draw(network, Rng.of(seed).child(stream),
                w -> new long[] {Arrays.stream(w.inputShape()).reduce(1, (a, b) -> a * b), outputs}, init);
    }

    @Override
    public void step(StepContext s) {
        INDArray global = signal == Signal.OUTPUT_ERROR ? s.loss().gradient() : s.target().div(s.target().size(0));
        BackwardPass.direct(s, global, projections::get, s.updates());
    }

    /** The projection matrices, by layer: B_ℓ of shape [input features, outputs]. */
    public Map<WeightLayer, INDArray> projections() {
        return Collections.unmodifiableMap(projections);
    }

    /**
     * The top weight layer's projection alone (the last of {@link #projections()}), where it has the shape of that
     * layer's {@code transportMatrix()}; a lower layer's B_ℓ may share the shape when its width equals the output's,
     * but it stands in for a product of several layers' weights, not one Wᵀ.
     */
    @Override
    public Map<WeightLayer, INDArray> feedbackMatrices() {
        Map.Entry<WeightLayer, INDArray> top = null;
        for (Map.Entry<WeightLayer, INDArray> e : projections.entrySet()) {
            top = e;
        }
        return top != null && Arrays.equals(top.getValue().shape(), top.getKey().feedbackShape())
                ? Map.of(top.getKey(), top.getValue()) : Map.of();
    }

    @Override
    public Map<String, INDArray> buffers() {
        return FeedbackMatrices.named(projections);
    }
}
