package org.creditlab.rules.dfc;

import org.creditlab.nn.Updates;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How one DFC variant turns a mini-batch into forward-weight directions: by simulating the controlled dynamics
 * (time-averaged or at the steady state), or by solving the steady state analytically.
 */
interface ForwardLearning {

    /**
     * One mini-batch's problem: the network, its feedback, the feedforward state, and the output nudge δ_L =
     * r_L* − r_L^- = −λ ∂L/∂r_L.
     */
    record Problem(ControlledNetwork network, FeedbackWeights feedback, NetworkState feedforward, INDArray nudge) {
        /** r_L* = r_L^- + δ_L (a new array). */
        public INDArray target() {
            return feedforward.output().add(nudge);
        }
    }

    /**
     * Writes the directions of every forward weight and bias into {@code updates}.
     *
     * @return which samples reached the steady state (all, for the analytical variant)
     */
    Convergence directions(Problem problem, Updates updates);
}
