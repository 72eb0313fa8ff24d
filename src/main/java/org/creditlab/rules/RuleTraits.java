package org.creditlab.rules;

/**
 * What a rule asks of the circuit that would compute it, declared by its settings ({@link RuleSpec#traits()}) so that
 * a comparison across rules (the benchmark's table) can say it beside the numbers. The declaration is the rule's own:
 * it is read, never inferred from the code.
 *
 * @param weightTransport   whether the error reaches a layer through the forward weights themselves (backprop's Wᵀ),
 *                          through their signs only, or through matrices of the rule's own
 * @param backwardPass      whether the error is carried down layer by layer (a backward sweep, through W, B or signs);
 *                          false for rules that send it to every layer at once or need none
 * @param twoForwardPasses  whether each step runs a second forward pass (PEPITA's modulated pass)
 * @param note              what else the rule needs, in a few words (a controller's dynamics, non-local feedback
 *                          learning); empty when nothing
 */
public record RuleTraits(Transport weightTransport, boolean backwardPass, boolean twoForwardPasses, String note) {

    /** How the forward weights reach the error's path. */
    public enum Transport {
        /** The forward weights themselves (Wᵀ). */
        EXACT("yes"),
        /** Their signs only (sign symmetry). */
        SIGN("signs"),
        /** Not at all: the rule's own matrices, fixed or learned. */
        NONE("no");

        private final String label;

        Transport(String label) {
            this.label = label;
        }

        /** "yes", "signs" or "no", for tables. */
        public String label() {
            return label;
        }
    }

    public RuleTraits {
        if (weightTransport == null) {
            throw new IllegalArgumentException("a rule's traits need its weight transport (EXACT, SIGN or NONE)");
        }
        note = note == null ? "" : note;
    }

    /** A rule that sends its error to every layer at once (DFA's kind), with no backward sweep and one forward pass. */
    public static RuleTraits direct(Transport transport, String note) {
        return new RuleTraits(transport, false, false, note);
    }

    /** A rule that learns from a second forward pass (PEPITA's kind), with no backward sweep. */
    public static RuleTraits twoForwardPasses(Transport transport, String note) {
        return new RuleTraits(transport, false, true, note);
    }

    /** A rule with a layer-by-layer backward sweep and one forward pass. */
    public static RuleTraits backward(Transport transport, String note) {
        return new RuleTraits(transport, true, false, note);
    }
}
