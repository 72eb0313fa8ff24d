package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.creditlab.diagnostics.Angles;
import org.creditlab.nn.Init;
import org.creditlab.nn.Network;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Theorem 6: with the forward weights frozen, noise in the apical compartments and the anti-Hebbian rule drive Q̄
 * towards a damped pseudo-inverse Jᵀ(JJᵀ + γI)^{-1} (averaged over the inputs).
 */
class FeedbackLearningTest {
    static final double[] GAMMAS = {0, 0.01, 0.1, 1, 10};

    /** The smallest angle between Q̄ and the batch mean of Jᵀ(JJᵀ + γI)^{-1} over a grid of γ. */
    static double angleToDampedPseudoInverse(ControlledNetwork net, FeedbackWeights q, NetworkState state) {
        INDArray[] j = Jacobians.preActivation(net, state);
        double best = 180;
        for (double gamma : GAMMAS) {
            double[][] mean = new double[net.totalSize()][net.outputSize()];
            for (int b = 0; b < state.batch(); b++) {
                double[][] pinv = SmallMatrices.dampedPseudoInverse(Jacobians.ofSample(j, b), gamma);
                for (int r = 0; r < mean.length; r++) {
                    for (int c = 0; c < mean[r].length; c++) {
                        mean[r][c] += pinv[r][c] / state.batch();
                    }
                }
            }
            best = Math.min(best, Angles.degrees(q.concatenated(), Nd4j.create(mean)));
        }
        return best;
    }

    @Test
    void sleepPhaseTurnsRandomFeedbackTowardsTheDampedPseudoInverse() {
        Network network = DfcFixtures.tanh(12, 8, 6, 6, 3);
        ControlledNetwork net = ControlledNetwork.of(network);
        FeedbackWeights q = FeedbackWeights.random(net, Init.xavierNormal(), Rng.of(3));
        Controller sleep = new Controller(0.25, 0.1, 0.002, 50, 0.01, 0.3, false, true, 0.01, 0.01);
        SleepPhase phase = new SleepPhase(net, q, sleep, true, 0, new DynamicsCache(net));
        Optimizers opt = new Optimizers(Map.of(Optimizers.DEFAULT, OptimizerSpec.sgd(0.5).toBuilder().weightDecay(0.025).build()));
        INDArray probe = Rng.of(5).uniform(DataType.DOUBLE, -1, 1, 64, 8);
        NetworkState state = net.feedforward(probe);
        double before = angleToDampedPseudoInverse(net, q, state);
        for (int it = 0; it < 100; it++) {
            phase.step(Rng.of(6).child("x", it).uniform(DataType.DOUBLE, -1, 1, 32, 8), Rng.of(7).child("noise", it), false);
            opt.apply(phase.updates(), 0, Rng.of(8));
        }
        double after = angleToDampedPseudoInverse(net, q, state);
        assertTrue(before > 60 && after < 25, "angle with the damped pseudo-inverse went from " + before + "° to " + after + "°");
    }
}
