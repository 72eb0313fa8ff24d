package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.diagnostics.Angles;
import org.creditlab.nn.Network;
import org.creditlab.nn.Updates;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DFC with Q fixed at the weight product Q_i = W_{i+1}ᵀ⋯W_Lᵀ (Q_L = I) and k_p = 0 (integral control only), as the
 * notes predict: on a linear network Q̄ = Jᵀ exactly, so Condition 2 holds, J Q̄ = J Jᵀ is positive definite
 * (Condition 3, stable), α̃ = α in both the paper's and the code's form, and the simulated steady-state update is the
 * damped minimum-norm update with damping γ = α. On a tanh network the conditions hold approximately at
 * initialisation.
 */
class WeightProductTest {

    @Test
    void onALinearNetworkTheWeightProductIsTheJacobianTransposeAndDfcIsDampedMinimumNorm() {
        Network network = DfcFixtures.linearOrthogonal(21, 5, 3, 2);
        ControlledNetwork net = ControlledNetwork.of(network);
        INDArray x = DfcFixtures.normal(1, 1, 6, 5);
        INDArray y = DfcFixtures.normal(2, 1, 6, 2);
        FeedbackWeights q = FeedbackWeights.weightProduct(net);
        NetworkState ff = net.feedforward(x);
        FeedbackWeights jt = DfcFixtures.jacobianTranspose(net, ff);
        for (int i = 0; i < net.depth(); i++) {
            assertTrue(q.q(i).equalsWithEps(jt.q(i), 1e-12), "Q_" + (i + 1) + " = J_" + (i + 1) + "ᵀ");
        }
        assertTrue(Math.abs(DfcMeasures.condition2(net, q, ff) - 1) < 1e-9, "Condition 2 holds exactly");

        double alpha = 0.05;
        Controller c = Controller.of(alpha, 0, 0.05, 1500, 0.2, false);
        assertTrue(DfcMeasures.stability(net, q, c, ff, 6)[0] < 0, "Condition 3: stable");
        ForwardLearning.Problem p = DfcFixtures.problem(net, q, x, y, 1e-4);
        Updates ss = new Updates();
        Convergence conv = new SteadyStateUpdate(c, new DynamicsCache(net), false, Convergence.EPSILON, ConvergenceTest.PER_SAMPLE).directions(p, ss);
        assertTrue(conv.allConverged(), "all samples converged with integral control only");
        Updates ssa = new Updates();
        AnalyticUpdate.steadyState(p, alpha, ssa);
        INDArray g = network.loss().gradient(ff.output(), y);
        Updates mn = ReferenceUpdates.minimumNorm(net, ff, g, alpha);
        for (var param : network.parameters()) {
            double diff = DfcFixtures.relative(ss.get(param), ssa.get(param));
            assertTrue(diff < 1e-3, param.name() + ": DFC-SS vs DFC-SSA relative difference " + diff);
        }
        double angle = Angles.degrees(ss, mn, network.parameters());
        assertTrue(angle < 0.05, "angle with the damped (γ = α) minimum-norm update " + angle + "°");
    }

    @Test
    void onATanhNetworkTheConditionsHoldApproximatelyAtInitialisation() {
        Network network = DfcFixtures.tanh(5, 20, 16, 16, 4);
        ControlledNetwork net = ControlledNetwork.of(network);
        NetworkState ff = net.feedforward(DfcFixtures.normal(3, 1, 16, 20));
        FeedbackWeights q = FeedbackWeights.weightProduct(net);
        double c2 = DfcMeasures.condition2(net, q, ff);
        assertTrue(c2 > 0.9, "Condition 2 measure " + c2);
        double[] eig = DfcMeasures.stability(net, q, Controller.of(1e-3, 2, 0.02, 300, 0.2, false), ff, 4);
        for (double e : eig) {
            assertTrue(e < 0, "stable: " + e);
        }
        FeedbackWeights random = FeedbackWeights.random(net, org.creditlab.nn.Init.xavierNormal(), org.creditlab.util.Rng.of(1));
        double c2Random = DfcMeasures.condition2(net, random, ff);
        assertTrue(c2Random < c2 - 0.1, "random feedback satisfies it less: " + c2Random + " vs " + c2);
    }
}
