package org.creditlab.rules.feedback;

import java.util.Optional;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.RuleTraits;

/**
 * Direct random target projection's settings.
 *
 * @param feedback how the projection matrices are drawn (default He-uniform)
 */
public record DirectRandomTargetProjectionSpec(FeedbackInit feedback) implements RuleSpec {
    public DirectRandomTargetProjectionSpec {
        if (feedback == null) {
            feedback = FeedbackInit.heUniform();
        }
    }

    public DirectRandomTargetProjectionSpec() {
        this(FeedbackInit.heUniform());
    }

    @Override
    public Optional<RuleTraits> traits() {
        return Optional.of(RuleTraits.direct(RuleTraits.Transport.NONE, "target projected to every layer"));
    }

    @Override
    public LearningRule create(Network network, long seed) {
        return new DirectFeedback("drtp", network, DirectFeedback.Signal.TARGET, feedback, seed);
    }
}
