package org.creditlab.rules.dfc;

import org.creditlab.nn.Dense;
import org.creditlab.nn.Updates;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ideal updates DFC is compared with (Theorems 2 and 3, the code's GN and "GNT" angles), in the gradient sign
 * convention of {@link Updates}, from the loss gradient g = ∂L/∂r_L at the feedforward state:
 *
 * <ul>
 *   <li>damped minimum-norm: Δv_b = Jᵀ(JJᵀ + γI)^{-1} g_b per sample (J w.r.t. all pre-activations), then
 *       ΔW_i = (1/B) Σ_b [φ(v_i + Δv_i) − φ(v_i)] r_{i−1}ᵀ (the nonlinear form the code uses with DFC's rule), bias
 *       the mean of the bracket;</li>
 *   <li>damped Gauss-Newton: Δθ = (1/B) Σ_b J_θᵀ(J_θJ_θᵀ + γI)^{-1} g_b with J_θ the Jacobian with respect to all
 *       weights and biases of sample b (minibatch size 1, averaged). Since ∂r_L/∂W_i = J_i ⊗ r_{i−1}ᵀ,
 *       J_θJ_θᵀ = Σ_i (‖r_{i−1}‖² + 1) J_i J_iᵀ and ΔW_i = (1/B) Σ_b (J_iᵀ c_b) r_{i−1}ᵀ with c_b = (J_θJ_θᵀ +
 *       γI)^{-1} g_b, so J_θ is never formed.</li>
 * </ul>
 */
final class ReferenceUpdates {
    private ReferenceUpdates() {}

    /** The damped minimum-norm directions. */
    public static Updates minimumNorm(ControlledNetwork net, NetworkState ff, INDArray lossGradient, double gamma) {
        INDArray[] j = Jacobians.preActivation(net, ff);
        INDArray c = SmallMatrices.solveEach(Jacobians.gram(j, null), lossGradient, gamma);
        Updates out = new Updates();
        for (int i = 0; i < net.depth(); i++) {
            INDArray dv = transposeTimes(j[i], c);
            INDArray change = net.phi(i).apply(ff.v()[i].add(dv)).subi(ff.r()[i]);
            ForwardGradients.write(net.dense(i), change, ff.below(i), -0.5, out); // −2·(−0.5)/B = 1/B
        }
        return out;
    }

    /** The damped Gauss-Newton directions. */
    public static Updates gaussNewton(ControlledNetwork net, NetworkState ff, INDArray lossGradient, double gamma) {
        INDArray[] j = Jacobians.preActivation(net, ff);
        int batch = ff.batch();
        INDArray weights = Nd4j.create(DataType.DOUBLE, batch, net.depth());
        for (int i = 0; i < net.depth(); i++) {
            INDArray below = ff.below(i);
            INDArray sq = below.mul(below).sum(1);
            weights.getColumn(i).assign(net.bias(i) == null ? sq : sq.addi(1));
        }
        INDArray c = SmallMatrices.solveEach(Jacobians.gram(j, weights), lossGradient, gamma);
        Updates out = new Updates();
        for (int i = 0; i < net.depth(); i++) {
            ForwardGradients.write(net.dense(i), transposeTimes(j[i], c), ff.below(i), -0.5, out);
        }
        return out;
    }

    /** J_iᵀ c per sample, [B, n_i], from the tall block J_i [B·n_L, n_i] and c [B, n_L]. */
    static INDArray transposeTimes(INDArray tall, INDArray c) {
        long nL = c.columns();
        long batch = c.rows();
        INDArray scaled = tall.mulColumnVector(c.dup('c').reshape(batch * nL, 1));
        return scaled.reshape(batch, nL, tall.columns()).sum(1);
    }
}
