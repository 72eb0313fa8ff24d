package org.creditlab.rules.feedback;

import java.util.Locale;
import java.util.Optional;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.RuleTraits;

/**
 * Sign-concordant feedback's settings.
 *
 * @param variant uSF, brSF or frSF
 */
public record SignSymmetrySpec(SignSymmetry.Variant variant) implements RuleSpec {
    public SignSymmetrySpec {
        if (variant == null) {
            throw new IllegalArgumentException("sign symmetry needs a variant: USF, BRSF or FRSF");
        }
    }

    @Override
    public Optional<RuleTraits> traits() {
        return Optional.of(RuleTraits.backward(RuleTraits.Transport.SIGN, "B = M ∘ sign(Wᵀ) every step"));
    }

    @Override
    public LearningRule create(Network network, long seed) {
        return new SignSymmetry(network, variant, seed);
    }

    @Override
    public String ruleName() {
        return variant.name().toLowerCase(Locale.ROOT);
    }
}
