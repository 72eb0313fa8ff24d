package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DFC's limit: its update is the plasticity rule averaged over the whole simulation, so once the controller settles
 * fast against the simulated time T it is DFC-SS's (the rule at the simulated steady state) up to the transient's
 * share of the average, which falls as 1/T. A time average that weighed the steps wrongly, skipped some or mixed
 * the layers would not approach DFC-SS, or not at that rate.
 */
class TimeAverageLimitTest {

    @Test
    void theTimeAveragedUpdateApproachesTheSteadyStateOneAsOneOverT() {
        Network network = DfcFixtures.tanh(21, 6, 5, 4, 3);
        ControlledNetwork net = ControlledNetwork.of(network);
        FeedbackWeights q = FeedbackWeights.weightProduct(net);
        ForwardLearning.Problem p = DfcFixtures.problem(net, q, DfcFixtures.normal(22, 1, 8, 6),
                DfcFixtures.normal(23, 1, 8, 3), 1e-3);
        Controller settleFast = Controller.of(0.1, 2, 0.02, 4000, 0.2, false);
        Updates steady = new Updates();
        DfcSpec.Variant.DFC_SS.create(settleFast, new DynamicsCache(net), true, ConvergenceTest.PER_SAMPLE)
                .directions(p, steady);
        // measured: 10.4%, 2.97% and 0.74% after 250, 1000 and 4000 steps (ratios 0.28 and 0.25)
        double[] gaps = new double[3];
        int[] steps = {250, 1000, 4000};
        for (int k = 0; k < steps.length; k++) {
            Updates averaged = new Updates();
            DfcSpec.Variant.DFC.create(settleFast.toBuilder().steps(steps[k]).build(), new DynamicsCache(net), true,
                    ConvergenceTest.PER_SAMPLE).directions(p, averaged);
            gaps[k] = gap(network, averaged, steady);
        }
        assertTrue(gaps[2] < 0.02, "after " + steps[2] + " steps the time average is DFC-SS's: " + gaps[2]);
        for (int k = 1; k < steps.length; k++) {
            double ratio = gaps[k] / gaps[k - 1];
            assertTrue(ratio > 0.2 && ratio < 0.32, "4x the steps, about a quarter of the gap: " + gaps[k - 1] + " -> "
                    + gaps[k] + " (ratio " + ratio + ")");
        }
    }

    /** The largest relative difference over the parameters. */
    private static double gap(Network network, Updates a, Updates b) {
        double worst = 0;
        for (Parameter param : network.parameters()) {
            INDArray x = a.get(param);
            INDArray y = b.get(param);
            worst = Math.max(worst, x.sub(y).norm2Number().doubleValue() / y.norm2Number().doubleValue());
        }
        return worst;
    }
}
