package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.nn.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lemma 1: with fixed weights and a small nudge, the simulated controller settles where the analytical solution
 * u_ss = (J Q̄ + α I)^{-1} δ_L, Δv̄ = Q̄ u_ss puts it. With the reference code's leak on the total u, α enters
 * unchanged whatever k_p (the paper's form would give α/(1 + α k_p)).
 */
class SteadyStateTest {

    @ParameterizedTest(name = "k_p={0} proactive={1}")
    @CsvSource({"0, false", "2, false", "2, true", "1.5, true"})
    void simulatedSteadyStateMatchesTheAnalyticalSolution(double kp, boolean proactive) {
        Network network = DfcFixtures.tanh(11, 6, 5, 4, 3);
        ControlledNetwork net = ControlledNetwork.of(network);
        FeedbackWeights q = FeedbackWeights.weightProduct(net);
        INDArray x = DfcFixtures.normal(1, 1, 8, 6);
        INDArray y = DfcFixtures.normal(2, 1, 8, 3);
        double lambda = 1e-4;
        double alpha = 0.3;
        ForwardLearning.Problem p = DfcFixtures.problem(net, q, x, y, lambda);
        Controller c = Controller.of(alpha, kp, 0.02, 1500, 0.2, proactive);
        Dynamics d = new Dynamics(net, 8);
        d.run(q, c, p.feedforward(), p.target(), null, null);
        assertTrue(d.convergence(p.feedforward(), alpha, Convergence.EPSILON).allConverged(), "every sample converged");

        AnalyticUpdate.SteadyState ssa = AnalyticUpdate.steadyState(p, alpha, null);
        double uError = DfcFixtures.relative(d.control(), ssa.control());
        assertTrue(uError < 1e-4, "u_ss: relative difference " + uError);
        for (int i = 0; i < net.depth(); i++) {
            INDArray simulatedShift = d.soma(i).sub(p.feedforward().v()[i]);
            INDArray analyticShift = ssa.state().v()[i].sub(p.feedforward().v()[i]);
            double vError = DfcFixtures.relative(simulatedShift, analyticShift);
            assertTrue(vError < 1e-4, "v_" + (i + 1) + " − v^-: relative difference " + vError);
        }
    }
}
