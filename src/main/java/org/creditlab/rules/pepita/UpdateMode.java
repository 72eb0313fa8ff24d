package org.creditlab.rules.pepita;

import org.creditlab.nn.Trace;

/**
 * Which activities enter PEPITA's update, in the variants of the ICLR 2024 code (its {@code --mode}). With h the clean
 * pass's activities, h^err the modulated pass's, y the prediction, e = y − t, and all terms averaged over the batch:
 */
public enum UpdateMode {
    /**
     * Original PEPITA: ΔW_ℓ = (h_ℓ − h_ℓ^err)(h_{ℓ−1}^err)ᵀ with h_0^err the modulated input; the output layer learns
     * from the chosen error, ΔW_L = e′(h_{L−1}^err)ᵀ.
     */
    MODULATED {
        @Override
        void update(TwoPasses p, Pepita rule) {
            Trace m = p.modulated();
            Trace errorPass = rule.spec().lastLayerError() == PepitaSpec.LastLayerError.MODULATED ? m : p.clean();
            for (LayerPlan l : rule.plan()) {
                p.write(l, l.output() ? p.error(errorPass) : p.difference(l), m);
            }
        }
    },
    /** The presynaptic terms from the clean pass: ΔW_ℓ = (h_ℓ − h_ℓ^err)h_{ℓ−1}ᵀ, ΔW_L = e h_{L−1}ᵀ. */
    FORWARD {
        @Override
        void update(TwoPasses p, Pepita rule) {
            for (LayerPlan l : rule.plan()) {
                p.write(l, l.output() ? p.error(p.clean()) : p.difference(l), p.clean());
            }
        }
    },
    /**
     * Hebbian/anti-Hebbian ("PEPITA-Hebbian"): ΔW_ℓ = h_ℓh_{ℓ−1}ᵀ − h_ℓ^err(h_{ℓ−1}^err)ᵀ, ΔW_L = y h_{L−1}ᵀ −
     * t(h_{L−1}^err)ᵀ. (The ICLR code computes this and then overwrites it with the MODULATED update, a fall-through
     * of its if/else; we implement the mode as the paper describes it.)
     */
    MIXED {
        @Override
        void update(TwoPasses p, Pepita rule) {
            Trace c = p.clean();
            Trace m = p.modulated();
            for (LayerPlan l : rule.plan()) {
                if (l.output()) {
                    p.writeDifference(l, p.prediction(c), c, p.target(), m);
                } else {
                    p.writeDifference(l, p.activity(l, c), c, p.activity(l, m), m);
                }
            }
        }
    },
    /**
     * Time-local ("PEPITA-TL", the follow-up's Algorithm S2): right after the clean pass, a step along
     * h_ℓh_{ℓ−1}ᵀ (output layer y h_{L−1}ᵀ); then the modulated pass runs with the updated weights, and a step along
     * −h_ℓ^err(h_{ℓ−1}^err)ᵀ (output layer −t(h_{L−1}^err)ᵀ). The modulation uses the clean pass's error. The two
     * passes share their dropout masks (the ICLR code redraws them between the passes in this mode).
     */
    TIME_LOCAL {
        @Override
        void update(TwoPasses p, Pepita rule) {
            Trace c = p.clean();
            for (LayerPlan l : rule.plan()) {
                p.write(l, l.output() ? p.prediction(c) : p.activity(l, c), c);
            }
            p.applyNow();
            Trace m = p.modulated();
            for (LayerPlan l : rule.plan()) {
                p.write(l, (l.output() ? p.target() : p.activity(l, m)).negi(), m);
            }
        }
    };

    /** Writes this batch's directions for every weight layer. */
    abstract void update(TwoPasses p, Pepita rule);
}
