package org.creditlab.rules.backprop;

import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;

/** Backprop has no settings of its own. */
public record BackpropSpec() implements RuleSpec {
    @Override
    public LearningRule create(Network network, long seed) {
        return new Backprop();
    }
}
