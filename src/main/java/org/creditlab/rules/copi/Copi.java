package org.creditlab.rules.copi;

import org.creditlab.nn.Decorrelation;
import org.creditlab.nn.Dense;
import org.creditlab.nn.LayerRecord;
import org.creditlab.nn.Network;
import org.creditlab.nn.Updates;
import org.creditlab.util.DiagonalScaling;
import org.creditlab.util.Level3;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * COPI, constrained parameter inference (Ahmad, Schrader and van Gerven, "Constrained Parameter Inference as a
 * Principle for Learning", TMLR 2023, <a href="https://openreview.net/forum?id=CUDdbTT1QC">openreview</a>,
 * arXiv:2203.13203).
 *
 * <p>Each dense layer's input x is decorrelated by a lateral matrix R ({@link Decorrelation}), and each weight infers
 * its own value from its pre-synaptic activity x_j and the perturbed post-synaptic state z_i = a_i + δ_i:
 *
 * <pre>  ΔW = η [ ⟨(a + δ) xᵀ⟩ − W · diag⟨x²⟩ ],   ΔR = −η C R  (or −η R C),</pre>
 *
 * <p>a Hebbian term and a decay weighted by the pre-synaptic variance, whose fixed point is the least-squares
 * estimate W* = ⟨z xᵀ⟩ diag⟨x²⟩⁻¹ when x is decorrelated; then ΔW = η⟨δ xᵀ⟩ exactly, the perturbation's gradient
 * step. δ comes from {@link Perturbations} (BP or FA route, scaled by the loss multiplier α). The variance-scaled
 * variant divides column j of ΔW (and of C) by ⟨x_j²⟩ + ε. As in the reference code, the first
 * {@code decorrelationOnlyEpochs} epochs train only R.
 *
 * <p>The rule writes the descent directions −ΔW/η and C·R; an SGD optimizer with learning rate η applies them.
 */
public final class Copi extends DecorrelatingRule {
    private final boolean varianceScaled;

    public Copi(Network network, CopiSpec spec, long seed) {
        super(network, spec.route(), spec.lossMultiplier(), spec.outputDerivative(),
                new LateralUpdates(network, spec.decorrelation(), spec.varianceScaled()), spec.decorrelationOnlyEpochs(), seed);
        this.varianceScaled = spec.varianceScaled();
    }

    @Override
    protected void weightDirection(Dense layer, LayerRecord record, INDArray negativeDelta, Updates updates) {
        inferenceDirection(layer.weight().value(), record.input(), record.output(), negativeDelta, varianceScaled,
                updates.of(layer.weight()));
    }

    /**
     * Writes −(⟨z xᵀ⟩ − W diag⟨x²⟩) into {@code out}, with z = a + δ = a − {@code negativeDelta}; with
     * {@code varianceScaled}, column j is divided by ⟨x_j²⟩ + ε.
     */
    static void inferenceDirection(INDArray w, INDArray x, INDArray a, INDArray negativeDelta, boolean varianceScaled,
                                   INDArray out) {
        INDArray meanSquare = x.mul(x).mean(0);
        DiagonalScaling.scaleColumns(w, meanSquare, out);
        INDArray z = a.sub(negativeDelta);
        Level3.gemm(z, x, out, true, false, -1.0 / x.rows(), 1.0);
        if (varianceScaled) {
            out.diviRowVector(meanSquare.addi(Decorrelation.VARIANCE_EPSILON));
        }
    }
}
