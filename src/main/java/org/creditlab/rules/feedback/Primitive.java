package org.creditlab.rules.feedback;

import org.creditlab.nn.WeightLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The regularisation primitives of Kunin et al. 2020 (Table 1), in the exact form of their reference code
 * (neuroailab/Neural-Alignment, {@code Alignments/primitives.py} and {@code alignment.py}): no ½ factors, means over
 * the batch, sums over units. With x a layer's input, B the feedback matrix (feedback orientation, B ≈ Wᵀ for
 * backprop), f = Wx + b the <em>forward projection</em> and p = Bᵀx + b the <em>backward projection</em> (x pushed
 * through B used as forward weights), and X, F, P their batches as rows:
 *
 * <pre>
 *   Decay    R = Σ B²                      ∇_B R = 2B                    local
 *   Amp      R = −⟨f, p⟩ (batch mean)       ∇_B R = −(1/N) Xᵀ F           local (Hebbian: x times the layer's output)
 *   Null     R = ‖B f‖² (batch mean)        ∇_B R = (2/N) (F Bᵀ)ᵀ F       local (B's own output times f)
 *   Sparse   R = ‖p‖² (batch mean)          ∇_B R = (2/N) Xᵀ P            non-local (needs Bᵀx: x sent forward through B)
 *   Self     R = −⟨W, Bᵀ⟩                   ∇_B R = −Wᵀ                   non-local (reads W)
 * </pre>
 *
 * <p><b>Bias.</b> As in the reference's {@code AlignmentBase} with {@code use_bias_forward} and
 * {@code use_bias_backward} (both true by default in its {@code flags.py}), a layer's bias b is added to both
 * projections, the same b to each, and so also enters Null's reconstruction B f. Decay and Self do not see the data.
 * For a layer without a bias (every convolution of a ResNet, the bias-free MLPs) nothing changes.
 *
 * <p><b>Locality</b> is the paper's: the local rules (weight mirror = Decay + Amp, information alignment = Amp + Null
 * + Decay) use only local primitives; symmetric alignment (Decay + Self) and activation alignment (Sparse + Amp) are
 * its non-local rules, through Self and Sparse.
 *
 * <p>Written with the {@link WeightLayer} products, so the same code serves dense and convolutional layers.
 */
public enum Primitive {
    DECAY(true) {
        @Override
        public INDArray gradient(WeightLayer w, INDArray b, Activity a) {
            return b.mul(2);
        }

        @Override
        public double value(WeightLayer w, INDArray b, Activity a) {
            return b.mul(b).sumNumber().doubleValue();
        }
    },
    AMP(true) {
        @Override
        public INDArray gradient(WeightLayer w, INDArray b, Activity a) {
            // the bias of the backward projection is a constant in B: only f's bias shows in the gradient
            return w.feedbackGradient(a.input(), a.response()).muli(-1.0 / a.n());
        }

        @Override
        public double value(WeightLayer w, INDArray b, Activity a) {
            return -a.response().mul(backwardProjection(w, b, a)).sumNumber().doubleValue() / a.n();
        }
    },
    NULL(true) {
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
    SPARSE(false) {
        @Override
        public INDArray gradient(WeightLayer w, INDArray b, Activity a) {
            return w.feedbackGradient(a.input(), backwardProjection(w, b, a)).muli(2.0 / a.n());
        }

        @Override
        public double value(WeightLayer w, INDArray b, Activity a) {
            INDArray p = backwardProjection(w, b, a);
            return p.mul(p).sumNumber().doubleValue() / a.n();
        }
    },
    SELF(false) {
        @Override
        public INDArray gradient(WeightLayer w, INDArray b, Activity a) {
            return w.transportMatrix().dup('c').negi();
        }

        @Override
        public double value(WeightLayer w, INDArray b, Activity a) {
            return -w.transportMatrix().mul(b).sumNumber().doubleValue();
        }
    };

    private final boolean local;

    Primitive(boolean local) {
        this.local = local;
    }

    /** Whether B's update needs only activity at B's own synapses (the paper's "local"). */
    public boolean local() {
        return local;
    }

    /**
     * A layer's input batch x, its forward projection f = Wx + b (with the layer's bias, if any) and the batch size.
     */
    public record Activity(INDArray input, INDArray response, long n) {
        public static Activity of(WeightLayer w, INDArray input) {
            return new Activity(input, w.addBias(w.linearResponse(input)), input.size(0));
        }
    }

    /** p = Bᵀx + b: the input through B used as forward weights, plus the layer's bias (the reference's backward projection). */
    private static INDArray backwardProjection(WeightLayer w, INDArray b, Activity a) {
        return w.addBias(w.projectThrough(b, a.input()));
    }

    /** ∇_B R for this primitive, as a new array. */
    public abstract INDArray gradient(WeightLayer w, INDArray b, Activity a);

    /** The primitive's value R (for checks and logging). */
    public abstract double value(WeightLayer w, INDArray b, Activity a);
}
