package org.creditlab.rules.dfc;

import org.creditlab.nn.Updates;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DFC-SS: simulate the controlled network for T time points and apply the plasticity rule once, at the last
 * (steady) state: grad W_i = −(2/B) Σ_b [φ(v_i) − φ(v_i^B)] r_{i−1}ᵀ with v, v^B, r taken at t = T. Samples that did
 * not converge contribute nothing unless {@code includeNonConverged}.
 */
final class SteadyStateUpdate extends SimulatedLearning {

    SteadyStateUpdate(Controller controller, DynamicsCache buffers, boolean includeNonConverged, double epsilon,
            ConvergenceTest test) {
        super(controller, buffers, includeNonConverged, epsilon, test);
    }

    @Override
    public Convergence directions(Problem p, Updates updates) {
        Dynamics d = buffers.forBatch(p.feedforward().batch());
        Convergence convergence = simulate(d, p, p.target(), null);
        INDArray mask = convergence.excludesAny(includeNonConverged) ? convergence.mask(false) : null;
        ControlledNetwork net = p.network();
        for (int i = 0; i < net.depth(); i++) {
            INDArray diff = d.rate(i).ulike();
            ForwardGradients.difference(d, i, d.rate(i), d.basal(i), diff);
            if (mask != null) {
                diff.muliColumnVector(mask);
            }
            ForwardGradients.write(net.dense(i), diff, d.below(i), 1.0, updates);
        }
        return convergence;
    }
}
