package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.diagnostics.Angles;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Theorems 2 and 3 on a linear network with Q̄ = Jᵀ (Condition 2) and tiny α and λ: the DFC-SSA update is the
 * minimum-norm update, and with equal layer norms (Condition 1, orthogonal hidden weights) also the Gauss-Newton
 * update of a single sample.
 */
class MinimumNormTest {
    private static final double LAMBDA = 1e-6;
    private static final double ALPHA = 1e-8;

    private static double[] angles(Network network, INDArray x, INDArray y) {
        ControlledNetwork net = ControlledNetwork.of(network);
        FeedbackWeights q = DfcFixtures.jacobianTranspose(net, net.feedforward(x));
        ForwardLearning.Problem p = DfcFixtures.problem(net, q, x, y, LAMBDA);
        Updates dfc = new Updates();
        AnalyticUpdate.steadyState(p, ALPHA, dfc);
        INDArray g = network.loss().gradient(p.feedforward().output(), y);
        List<Parameter> params = network.parameters();
        double mn = Angles.degrees(dfc, ReferenceUpdates.minimumNorm(net, p.feedforward(), g, 0), params);
        double gn = Angles.degrees(dfc, ReferenceUpdates.gaussNewton(net, p.feedforward(), g, 0), params);
        return new double[] {mn, gn};
    }

    @Test
    void withJacobianTransposeFeedbackTheUpdateIsTheMinimumNormAndGaussNewtonUpdate() {
        Network network = DfcFixtures.linearOrthogonal(3, 5, 3, 2);
        double[] a = angles(network, DfcFixtures.normal(4, 1, 1, 5), DfcFixtures.normal(5, 1, 1, 2));
        assertTrue(a[0] < 0.01, "angle with the minimum-norm update " + a[0] + "°");
        assertTrue(a[1] < 0.01, "angle with the Gauss-Newton update " + a[1] + "°");
    }

    @Test
    void minimumNormAlignmentHoldsForABatchButGaussNewtonNeedsEqualLayerNorms() {
        Network network = DfcFixtures.linearOrthogonal(3, 5, 3, 2);
        network.layer(0).parameters().get(0).value().muli(3);   // ‖r_1‖ = 3‖r_0‖: Condition 1 broken
        double[] a = angles(network, DfcFixtures.normal(4, 1, 1, 5), DfcFixtures.normal(5, 1, 1, 2));
        assertTrue(a[0] < 0.01, "angle with the minimum-norm update " + a[0] + "°");
        assertTrue(a[1] > 5, "without Condition 1 the Gauss-Newton angle grows: " + a[1] + "°");
        double[] batch = angles(network, DfcFixtures.normal(6, 1, 16, 5), DfcFixtures.normal(7, 1, 16, 2));
        assertTrue(batch[0] < 0.01, "batch of 16: angle with the minimum-norm update " + batch[0] + "°");
    }
}
