package org.example.userrule;

import java.util.Map;
import org.creditlab.nn.Network;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.HasFeedback;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.Rules;
import org.creditlab.rules.StepContext;
import org.creditlab.rules.feedback.FeedbackInit;
import org.creditlab.rules.feedback.FeedbackMatrices;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A rule as a user writes it outside the project: feedback alignment whose fixed random B is rescaled to the norm of
 * its layer's W before every step, B ← B·‖W‖/‖B‖ (Frobenius norms), so only B's direction is random.
 */
public final class NormalizedFeedbackAlignment implements LearningRule, HasFeedback {

    /** @param feedback how B is drawn before its first rescaling */
    public record Spec(FeedbackInit feedback) implements RuleSpec {
        public Spec() {
            this(FeedbackInit.xavierUniform());
        }

        @Override
        public LearningRule create(Network network, long seed) {
            return new NormalizedFeedbackAlignment(network, feedback, seed);
        }
    }

    private final Map<WeightLayer, INDArray> feedback;

    NormalizedFeedbackAlignment(Network network, FeedbackInit init, long seed) {
        feedback = FeedbackMatrices.draw(network, Rng.of(seed).child("fa-norm"), WeightLayer::feedbackShape, init);
    }

    @Override
    public void step(StepContext s) {
        feedback.forEach((w, b) -> b.muli(w.weight().value().norm2Number().doubleValue() / b.norm2Number().doubleValue()));
        BackwardPass.throughMatrices(s, feedback::get, s.updates());
    }

    @Override
    public Map<WeightLayer, INDArray> feedbackMatrices() {
        return feedback;
    }

    @Override
    public Map<String, INDArray> buffers() {
        return FeedbackMatrices.named(feedback);
    }

    /** The name the user tests register this rule under. */
    static final String NAME = "fa-norm";

    /** Registers the rule as a user would, from a notebook cell: one call (registering the same class again replaces it). */
    static void register() {
        Rules.register(NAME, Spec.class, Spec::new, "feedback alignment with B rescaled to ‖W‖ every step");
    }
}
