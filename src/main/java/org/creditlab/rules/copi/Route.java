package org.creditlab.rules.copi;

/** How COPI's top-down perturbation descends from the output to each layer. */
public enum Route {
    /** Backprop's route, through the forward and the decorrelating weights: δ_l = (R_{l+1}ᵀ W_{l+1}ᵀ δ_{l+1}) ⊙ f'(a_l). */
    BP,
    /** Fixed random feedback that bypasses R: δ_l = (B_{l+1} δ_{l+1}) ⊙ f'(a_l), B Xavier-normal and fixed. */
    FA
}
