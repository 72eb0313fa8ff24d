package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.Network;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Proposition 5 / Fig. 3E: the sign of the largest real eigenvalue of the linearised system decides whether the
 * simulated controller settles. On a linear network the dynamics are exactly linear, so the test is sharp: random
 * feedback Q̄ = Jᵀ P with P = I + s·G, G ∈ R^{n_L × n_L} Gaussian, gives both stable and unstable systems.
 */
class StabilityTest {

    @Test
    void theStabilityEigenvalueDecidesWhetherTheSimulationConverges() {
        Network network = DfcFixtures.linearOrthogonal(8, 4, 3, 3);
        ControlledNetwork net = ControlledNetwork.of(network);
        INDArray x = DfcFixtures.normal(1, 1, 1, 4);
        INDArray y = DfcFixtures.normal(2, 1, 1, 3);
        NetworkState ff = net.feedforward(x);
        FeedbackWeights jt = DfcFixtures.jacobianTranspose(net, ff);
        Controller c = Controller.of(0.1, 0.5, 0.02, 1500, 0.1, false);   // 30 τ_u
        int stable = 0;
        int unstable = 0;
        for (int trial = 0; trial < 10; trial++) {
            // P = I + s·G: small s keeps Q̄ close to Jᵀ (stable), large s makes instability likely
            double spread = 0.3 * (1 + trial % 4);
            INDArray mix = Rng.of(100 + trial).normal(DataType.DOUBLE, 0, spread, 3, 3).addi(Nd4j.eye(3).castTo(DataType.DOUBLE));
            List<INDArray> qs = new ArrayList<>();
            for (int i = 0; i < net.depth(); i++) {
                qs.add(jt.q(i).mmul(mix));
            }
            FeedbackWeights q = FeedbackWeights.of(qs);
            double eig = DfcMeasures.stability(net, q, c, ff, 1)[0];
            if (Math.abs(eig) < 0.3) {
                continue;   // too slow to settle or to blow up within the simulated 30 τ_u
            }
            ForwardLearning.Problem p = DfcFixtures.problem(net, q, x, y, 1e-3);
            Dynamics d = new Dynamics(net, 1);
            d.run(q, c, ff, p.target(), null, null);
            Convergence conv = d.convergence(ff, c.alpha(), Convergence.EPSILON);
            double start = d.startErrorNorms()[0];
            double end = d.errorNorms()[0];
            if (eig < 0) {
                stable++;
                assertTrue(conv.converged()[0], "trial " + trial + ": eigenvalue " + eig + " < 0 but the simulation did not converge");
            } else {
                unstable++;
                assertTrue(!conv.converged()[0] && end > start, "trial " + trial + ": eigenvalue " + eig
                        + " > 0 but the error went from " + start + " to " + end);
            }
        }
        assertTrue(stable >= 2 && unstable >= 2, "both kinds occurred: " + stable + " stable, " + unstable + " unstable");
    }

    @Test
    void withoutProportionalControlTheFullSystemAgreesWithTheInstantaneousOneOnStability() {
        Network network = DfcFixtures.tanh(4, 5, 4, 3);
        ControlledNetwork net = ControlledNetwork.of(network);
        NetworkState ff = net.feedforward(DfcFixtures.normal(3, 1, 4, 5));
        FeedbackWeights q = FeedbackWeights.weightProduct(net);
        double[] full = DfcMeasures.stability(net, q, Controller.of(0.01, 0, 0.001, 2, 0.001, false), ff, 4);
        double[] inst = DfcMeasures.instantaneousStability(net, q, 0.01, ff, 4);
        for (int b = 0; b < 4; b++) {
            assertTrue(full[b] < 0 && inst[b] < 0, "weight-product feedback is stable: " + full[b] + ", " + inst[b]);
            // τ_v → 0: the slow eigenvalues of the full system approach those of −(JQ + αI)
            assertEquals(inst[b], full[b], 0.02 * Math.abs(inst[b]) + 1e-4, "sample " + b);
        }
    }
}
