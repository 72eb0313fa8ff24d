package org.creditlab.rules.feedback;

import java.util.Optional;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.RuleTraits;

/**
 * Direct feedback alignment's settings.
 *
 * @param feedback how the projection matrices are drawn (default He-uniform, as the PEPITA code's DFA)
 */
public record DirectFeedbackAlignmentSpec(FeedbackInit feedback) implements RuleSpec {
    public DirectFeedbackAlignmentSpec {
        if (feedback == null) {
            feedback = FeedbackInit.heUniform();
        }
    }

    public DirectFeedbackAlignmentSpec() {
        this(FeedbackInit.heUniform());
    }

    @Override
    public Optional<RuleTraits> traits() {
        return Optional.of(RuleTraits.direct(RuleTraits.Transport.NONE, "output error projected to every layer"));
    }

    @Override
    public LearningRule create(Network network, long seed) {
        return new DirectFeedback("dfa", network, DirectFeedback.Signal.OUTPUT_ERROR, feedback, seed);
    }
}
