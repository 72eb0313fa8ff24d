package org.creditlab.rules.dfc;

import org.creditlab.nn.Updates;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DFC-SSA: the steady state of the controller solved analytically instead of simulated (the code's {@code ndi}):
 * u_ss = (J Q̄ + α I)^{-1} δ_L, Δv̄ = Q̄ u_ss; then the targets are propagated layer by layer, v_i* = W_i r_{i−1}* + b_i
 * + Δv_i, r_i* = φ(v_i*) (r_0* = x), and grad W_i = −(2/B) Σ_b [φ(v_i*) − φ(W_i r_{i−1}* + b_i)] r_{i−1}*ᵀ.
 */
final class AnalyticUpdate implements ForwardLearning {
    private final double alpha;

    AnalyticUpdate(double alpha) {
        this.alpha = alpha;
    }

    /** The analytical steady state: the control u_ss and the controlled state (v*, r*). */
    public record SteadyState(INDArray control, NetworkState state) {}

    @Override
    public Convergence directions(Problem p, Updates updates) {
        steadyState(p, alpha, updates);
        return Convergence.all(p.feedforward().batch());
    }

    /**
     * u_ss = (J Q̄ + α I)^{-1} δ_L per sample (Lemma 1), with J taken at the feedforward state: J Q̄ is formed for the
     * whole batch ([B, n_L, n_L]) and the small systems are solved directly, which is exact and cheap for the few
     * outputs of a classifier (its cost grows as n_L³ per sample).
     */
    public static INDArray control(Problem p, double alpha) {
        INDArray[] j = Jacobians.preActivation(p.network(), p.feedforward());
        return SmallMatrices.solveEach(Jacobians.timesFeedback(j, p.feedback()), p.nudge(), alpha);
    }

    /** Solves the steady state; writes the directions too when {@code updates} is not null. */
    public static SteadyState steadyState(Problem p, double alpha, Updates updates) {
        ControlledNetwork net = p.network();
        INDArray u = control(p, alpha);
        INDArray shift = u.mmul(p.feedback().concatenated().transpose());
        int depth = net.depth();
        INDArray[] v = new INDArray[depth];
        INDArray[] r = new INDArray[depth];
        INDArray below = p.feedforward().input();
        for (int i = 0; i < depth; i++) {
            INDArray basal = net.dense(i).linearResponse(below);
            if (net.bias(i) != null) {
                basal.addiRowVector(net.bias(i));
            }
            v[i] = basal.add(shift.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(net.offset(i), net.offset(i) + net.size(i))));
            r[i] = net.phi(i).apply(v[i]);
            if (updates != null) {
                INDArray diff = r[i].sub(net.phi(i).apply(basal));
                ForwardGradients.write(net.dense(i), diff, below, 1.0, updates);
            }
            below = r[i];
        }
        return new SteadyState(u, new NetworkState(p.feedforward().input(), v, r));
    }
}
