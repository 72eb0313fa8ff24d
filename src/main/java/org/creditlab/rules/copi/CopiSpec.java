package org.creditlab.rules.copi;

import org.creditlab.nn.Decorrelation;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;

/**
 * COPI's settings. Defaults are the reference code's "boosted" configuration ({@code copi_bp_boosted}); with an SGD
 * learning rate η = 1e-3 the δ-driven part of ΔW runs at the effective rate α·η = 1.
 *
 * @param route                   how δ descends: {@link Route#BP} (default) or {@link Route#FA}
 * @param lossMultiplier          α, the scale of the output perturbation δ_L = α(t − a_L) ⊙ f'(a_L) (default 1000)
 * @param decorrelation           ΔR = −ηCR ({@link Decorrelation.Rule#DEFAULT}, default) or −ηRC ("bio")
 * @param varianceScaled          divide ΔW's and C's column j by ⟨x_j²⟩ + 1e-5 (default false; no shipped config uses it)
 * @param decorrelationOnlyEpochs epochs at the start that train only R (default 1, as the reference code)
 * @param outputDerivative        multiply the output error by f'(a_L) of the hidden nonlinearity (default true, the
 *                                reference code's quirk)
 */
public record CopiSpec(Route route, double lossMultiplier, Decorrelation.Rule decorrelation, boolean varianceScaled,
                       int decorrelationOnlyEpochs, boolean outputDerivative) implements RuleSpec {

    public CopiSpec {
        if (route == null || decorrelation == null) {
            throw new IllegalArgumentException("COPI needs a route and a decorrelation rule");
        }
        if (!(lossMultiplier > 0) || Double.isInfinite(lossMultiplier)) {
            throw new IllegalArgumentException("the loss multiplier must be finite and > 0, got " + lossMultiplier);
        }
        if (decorrelationOnlyEpochs < 0) {
            throw new IllegalArgumentException("decorrelationOnlyEpochs must be >= 0, got " + decorrelationOnlyEpochs);
        }
    }

    /** The reference code's {@code copi_bp_boosted}. */
    public CopiSpec() {
        this(Route.BP, 1000, Decorrelation.Rule.DEFAULT, false, 1, true);
    }

    public CopiSpec withRoute(Route r) { return new CopiSpec(r, lossMultiplier, decorrelation, varianceScaled, decorrelationOnlyEpochs, outputDerivative); }
    public CopiSpec withLossMultiplier(double a) { return new CopiSpec(route, a, decorrelation, varianceScaled, decorrelationOnlyEpochs, outputDerivative); }
    public CopiSpec withDecorrelation(Decorrelation.Rule d) { return new CopiSpec(route, lossMultiplier, d, varianceScaled, decorrelationOnlyEpochs, outputDerivative); }
    public CopiSpec withVarianceScaled(boolean v) { return new CopiSpec(route, lossMultiplier, decorrelation, v, decorrelationOnlyEpochs, outputDerivative); }
    public CopiSpec withDecorrelationOnlyEpochs(int e) { return new CopiSpec(route, lossMultiplier, decorrelation, varianceScaled, e, outputDerivative); }
    public CopiSpec withOutputDerivative(boolean d) { return new CopiSpec(route, lossMultiplier, decorrelation, varianceScaled, decorrelationOnlyEpochs, d); }

    @Override
    public LearningRule create(Network network, long seed) {
        return new Copi(network, this, seed);
    }
}
