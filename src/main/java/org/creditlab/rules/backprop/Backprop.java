package org.creditlab.rules.backprop;

import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;

/**
 * Backpropagation (Rumelhart, Hinton and Williams 1986): the exact gradient of the loss, δ_ℓ = Wᵀ_{ℓ+1}δ_{ℓ+1} ⊙
 * f'(a_ℓ), ΔW_ℓ ∝ δ_ℓ x_ℓᵀ. The reference every other rule is measured against.
 */
public final class Backprop implements LearningRule {

    @Override
    public void step(StepContext step) {
        BackwardPass.backprop(step.network(), step.trace(), step.loss().gradient(), step.target(), step.updates());
    }
}
