package org.creditlab.rules.copi;

import java.util.Optional;
import org.creditlab.nn.Decorrelation;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.RuleTraits;

/**
 * Settings of the COPI paper's backprop baselines. Defaults are {@code bp_decorr_boosted}: BP route, α = 1000, the
 * default decorrelation rule, R only in the first epoch. For {@code bp_adam} use α = 1 on a network without
 * decorrelation, with Adam.
 *
 * @param route                   how δ descends (default {@link Route#BP})
 * @param lossMultiplier          α (default 1000)
 * @param decorrelation           the rule of any decorrelation layers (default {@link Decorrelation.Rule#DEFAULT})
 * @param decorrelationOnlyEpochs epochs at the start that train only R (default 1)
 * @param outputDerivative        multiply the output error by f'(a_L) (default true, the reference code's quirk)
 */
public record DecorrelatedBackpropSpec(Route route, double lossMultiplier, Decorrelation.Rule decorrelation,
                                       int decorrelationOnlyEpochs, boolean outputDerivative) implements RuleSpec {

    public DecorrelatedBackpropSpec {
        DecorrelatingRule.checkSettings("decorrelated backprop", route, lossMultiplier, decorrelation,
                decorrelationOnlyEpochs);
    }

    /** The reference code's {@code bp_decorr_boosted}. */
    public DecorrelatedBackpropSpec() {
        this(Route.BP, 1000, Decorrelation.Rule.DEFAULT, 1, true);
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code new DecorrelatedBackpropSpec().toBuilder().lossMultiplier(1).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private Route route;
        private double lossMultiplier;
        private Decorrelation.Rule decorrelation;
        private int decorrelationOnlyEpochs;
        private boolean outputDerivative;

        private Builder(DecorrelatedBackpropSpec s) {
            route = s.route;
            lossMultiplier = s.lossMultiplier;
            decorrelation = s.decorrelation;
            decorrelationOnlyEpochs = s.decorrelationOnlyEpochs;
            outputDerivative = s.outputDerivative;
        }

        public Builder route(Route value) { route = value; return this; }
        public Builder lossMultiplier(double value) { lossMultiplier = value; return this; }
        public Builder decorrelation(Decorrelation.Rule value) { decorrelation = value; return this; }
        public Builder decorrelationOnlyEpochs(int value) { decorrelationOnlyEpochs = value; return this; }
        public Builder outputDerivative(boolean value) { outputDerivative = value; return this; }

        public DecorrelatedBackpropSpec build() {
            return new DecorrelatedBackpropSpec(route, lossMultiplier, decorrelation, decorrelationOnlyEpochs,
                    outputDerivative);
        }
    }

    @Override
    public Optional<RuleTraits> traits() {
        return Optional.of(RuleTraits.backward(route == Route.BP ? RuleTraits.Transport.EXACT : RuleTraits.Transport.NONE,
                "decorrelation layers"));
    }

    @Override
    public LearningRule create(Network network, long seed) {
        return new DecorrelatedBackprop(network, this, seed);
    }
}
