package org.creditlab.rules.backprop;

import java.util.Optional;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.RuleTraits;

/** Backprop has no settings of its own. */
public record BackpropSpec() implements RuleSpec {
    @Override
    public Optional<RuleTraits> traits() {
        return Optional.of(RuleTraits.backward(RuleTraits.Transport.EXACT, ""));
    }

    @Override
    public LearningRule create(Network network, long seed) {
        return new Backprop();
    }
}
