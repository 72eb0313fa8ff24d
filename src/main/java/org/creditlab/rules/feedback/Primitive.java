package org.creditlab.rules.feedback;

import org.creditlab.nn.WeightLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The regularisation primitives of Kunin et al. 2020 (Table 1), in the exact form of their reference code
 * (neuroailab/Neural-Alignment): no ½ factors, means over the batch, sums over units. With x a layer's input, r = Wx
 * its linear response and B the feedback matrix (feedback orientation, B ≈ Wᵀ for backprop):
 *
 * <pre>
 *   Decay    R = Σ B²                          ∇_B R = 2B
 *   Amp      R = −⟨Wx, Bᵀx⟩ (batch mean)        ∇_B R = −(1/N) Xᵀ R          (Hebbian; local)
 *   Null     R = ‖B r‖² (batch mean)            ∇_B R = (2/N) (R Bᵀ)ᵀ R      (local)
 *   Sparse   R = ‖Bᵀx‖² (batch mean)            ∇_B R = (2/N) Xᵀ (X B)       (local)
 *   Self     R = −⟨W, Bᵀ⟩                       ∇_B R = −Wᵀ                   (non-local: reads W)
 * </pre>
 *
 * Written with the {@link WeightLayer} products, so the same code serves dense and convolutional layers.
 */
public enum Primitive {
    DECAY {
        @Override
        public INDArray gradient(WeightLayer w, INDArray b, Activity a) {
            return b.mul(2);
        }

        @Override
        public double value(WeightLayer w, INDArray b, Activity a) {
            return b.mul(b).sumNumber().doubleValue();
        }
    },
    AMP {
        @Override
        public INDArray gradient(WeightLayer w, INDArray b, Activity a) {
            return w.feedbackGradient(a.input(), a.response()).muli(-1.0 / a.n());
        }

        @Override
        public double value(WeightLayer w, INDArray b, Activity a) {
            return -a.response().mul(w.projectThrough(b, a.input())).sumNumber().doubleValue() / a.n();
        }
    },
    NULL {
        @Override
        public INDArray gradient(WeightLayer w, INDArray b, Activity a) {
            return w.feedbackGradient(w.backwardThrough(b, a.response()), a.response()).muli(2.0 / a.n());
        }

        @Override
        public double value(WeightLayer w, INDArray b, Activity a) {
            INDArray recon = w.backwardThrough(b, a.response());
            return recon.mul(recon).sumNumber().doubleValue() / a.n();
        }
    },
    SPARSE {
        @Override
        public INDArray gradient(WeightLayer w, INDArray b, Activity a) {
            return w.feedbackGradient(a.input(), w.projectThrough(b, a.input())).muli(2.0 / a.n());
        }

        @Override
        public double value(WeightLayer w, INDArray b, Activity a) {
            INDArray p = w.projectThrough(b, a.input());
            return p.mul(p).sumNumber().doubleValue() / a.n();
        }
    },
    SELF {
        @Override
        public INDArray gradient(WeightLayer w, INDArray b, Activity a) {
            return w.transportMatrix().dup('c').negi();
        }

        @Override
        public double value(WeightLayer w, INDArray b, Activity a) {
            return -w.transportMatrix().mul(b).sumNumber().doubleValue();
        }
    };

    /** A layer's input batch x, its linear response r = Wx (no bias), and the batch size. */
    public record Activity(INDArray input, INDArray response, long n) {
        public static Activity of(WeightLayer w, INDArray input) {
            return new Activity(input, w.linearResponse(input), input.size(0));
        }
    }

    /** ∇_B R for this primitive, as a new array. */
    public abstract INDArray gradient(WeightLayer w, INDArray b, Activity a);

    /** The primitive's value R (for checks and logging). */
    public abstract double value(WeightLayer w, INDArray b, Activity a);
}
