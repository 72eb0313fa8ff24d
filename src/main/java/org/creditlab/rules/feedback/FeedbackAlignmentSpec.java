package org.creditlab.rules.feedback;

import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;

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
    public LearningRule create(Network network, long seed) {
        return new FeedbackAlignment(network, feedback, seed);
    }
}
