package org.creditlab.rules.feedback;

import java.util.Optional;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.RuleTraits;

/**
 * Feedback alignment's settings.
 *
 * @param feedback how the fixed feedback matrices are drawn (default Xavier-uniform, as BioTorch)
 */
public record FeedbackAlignmentSpec(FeedbackInit feedback) implements RuleSpec {
    public FeedbackAlignmentSpec {
        if (feedback == null) {
            feedback = FeedbackInit.xavierUniform();
        }
    }

    public FeedbackAlignmentSpec() {
        this(FeedbackInit.xavierUniform());
    }

    @Override
    public Optional<RuleTraits> traits() {
        return Optional.of(RuleTraits.backward(RuleTraits.Transport.NONE, "fixed random B"));
    }

    @Override
    public LearningRule create(Network network, long seed) {
        return new FeedbackAlignment(network, feedback, seed);
    }
}
