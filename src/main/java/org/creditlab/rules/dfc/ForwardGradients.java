package org.creditlab.rules.dfc;

import org.creditlab.nn.Dense;
import org.creditlab.nn.Updates;
import org.creditlab.util.Level1;
import org.creditlab.util.Level3;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DFC's local plasticity rule turned into the directions the optimizer descends (the reference code's
 * "nonlinear_difference" rule, eq. 5): with D_i = φ(v_i) − φ(v_i^B) the difference between the somatic rate and the
 * rate the basal compartment predicts,
 *
 * <pre>  grad W_i = −(2/B)·s·Σ_b D_i r_{i−1}ᵀ,   grad b_i = −(2/B)·s·Σ_b D_i </pre>
 *
 * where s is 1 for a single time point and 1/T for the time average of the continuous rule.
 */
final class ForwardGradients {
    private ForwardGradients() {}

    /** Writes the directions of layer {@code dense} from D ([B, n_i]) and r_{i−1} ([B, n_{i−1}]). */
    static void write(Dense dense, INDArray difference, INDArray below, double scale, Updates updates) {
        double a = -2.0 * scale / difference.rows();
        Level3.gemm(difference, below, updates.of(dense.weight()), true, false, a, 0.0);
        writeBias(dense, difference, a, updates);
    }

    /** Writes the directions of layer {@code dense} from an accumulated Σ D r_{i−1}ᵀ and Σ D. */
    static void writeAccumulated(Dense dense, INDArray outer, INDArray differenceSum, double scale, Updates updates) {
        double a = -2.0 * scale / differenceSum.rows();
        INDArray w = updates.of(dense.weight());
        w.assign(outer);
        w.muli(a);
        writeBias(dense, differenceSum, a, updates);
    }

    private static void writeBias(Dense dense, INDArray difference, double a, Updates updates) {
        if (dense.bias() != null) {
            INDArray g = updates.of(dense.bias());
            difference.sum(g, 0);
            g.muli(a);
        }
    }

    /** D = φ_i(v) − φ_i(v^B) into {@code out}, given r = φ_i(v) already computed. */
    static INDArray difference(Dynamics d, int layer, INDArray rate, INDArray basal, INDArray out) {
        d.activate(layer, basal, out);
        return difference(rate, out, out);
    }

    /** D = φ_i(v) − φ_i(v^B) into {@code out}, given both rates ({@code out} may be {@code basalRate}). */
    static INDArray difference(INDArray rate, INDArray basalRate, INDArray out) {
        if (out != basalRate) {
            Level1.copy(basalRate, out);
        }
        Level1.scale(-1, out);
        Level1.axpy(1, rate, out);
        return out;
    }
}
