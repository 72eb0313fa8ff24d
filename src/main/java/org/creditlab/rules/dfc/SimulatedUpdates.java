package org.creditlab.rules.dfc;

import org.creditlab.nn.Updates;

/** The directions a simulated variant (DFC or DFC-SS) would produce for a problem, with a given controller. */
final class SimulatedUpdates {
    private SimulatedUpdates() {}

    /** Runs the variant once on fresh buffers, counting every sample (as the toy experiment does). */
    public static Updates of(DfcSpec.Variant variant, Controller controller, ForwardLearning.Problem problem) {
        Updates out = new Updates();
        variant.create(controller, new DynamicsCache(problem.network()), true, ConvergenceTest.PER_SAMPLE).directions(problem, out);
        return out;
    }
}
