package org.creditlab.rules.copi;

import java.util.Optional;
import org.creditlab.nn.Decorrelation;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.RuleTraits;

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
        DecorrelatingRule.checkSettings("COPI", route, lossMultiplier, decorrelation, decorrelationOnlyEpochs);
    }

    /** The reference code's {@code copi_bp_boosted}. */
    public CopiSpec() {
        this(Route.BP, 1000, Decorrelation.Rule.DEFAULT, false, 1, true);
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code new CopiSpec().toBuilder().route(Route.FA).lossMultiplier(1).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private Route route;
        private double lossMultiplier;
        private Decorrelation.Rule decorrelation;
        private boolean varianceScaled;
        private int decorrelationOnlyEpochs;
        private boolean outputDerivative;

        private Builder(CopiSpec s) {
            route = s.route;
            lossMultiplier = s.lossMultiplier;
            decorrelation = s.decorrelation;
            varianceScaled = s.varianceScaled;
            decorrelationOnlyEpochs = s.decorrelationOnlyEpochs;
            outputDerivative = s.outputDerivative;
        }

        public Builder route(Route value) { route = value; return this; }
        public Builder lossMultiplier(double value) { lossMultiplier = value; return this; }
        public Builder decorrelation(Decorrelation.Rule value) { decorrelation = value; return this; }
        public Builder varianceScaled(boolean value) { varianceScaled = value; return this; }
        public Builder decorrelationOnlyEpochs(int value) { decorrelationOnlyEpochs = value; return this; }
        public Builder outputDerivative(boolean value) { outputDerivative = value; return this; }

        public CopiSpec build() {
            return new CopiSpec(route, lossMultiplier, decorrelation, varianceScaled, decorrelationOnlyEpochs,
                    outputDerivative);
        }
    }

    @Override
    public Optional<RuleTraits> traits() {
        return Optional.of(RuleTraits.backward(route == Route.BP ? RuleTraits.Transport.EXACT : RuleTraits.Transport.NONE,
                "decorrelation layers; perturbation δ sent down the " + route + " route"));
    }

    @Override
    public LearningRule create(Network network, long seed) {
        return new Copi(network, this, seed);
    }
}
