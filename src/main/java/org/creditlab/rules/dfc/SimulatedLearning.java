package org.creditlab.rules.dfc;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the simulated variants (DFC and DFC-SS) share: the forward-phase controller, the simulation buffers, and the
 * per-sample convergence test that decides which samples contribute.
 */
abstract class SimulatedLearning implements ForwardLearning {
    protected final Controller controller;
    protected final DynamicsCache buffers;
    protected final boolean includeNonConverged;
    protected final double epsilon;
    protected final ConvergenceTest test;

    SimulatedLearning(Controller controller, DynamicsCache buffers, boolean includeNonConverged, double epsilon,
                      ConvergenceTest test) {
        this.controller = controller;
        this.buffers = buffers;
        this.includeNonConverged = includeNonConverged;
        this.epsilon = epsilon;
        this.test = test;
    }

    /** Simulates {@code p} from its feedforward state towards {@code target} and tests convergence at the end. */
    protected Convergence simulate(Dynamics d, Problem p, INDArray target, Dynamics.Observer observer) {
        d.run(p.feedback(), controller, p.feedforward(), target, null, observer);
        return d.convergence(p.feedforward(), controller.alpha(), epsilon, test);
    }
}
