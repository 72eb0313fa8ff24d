package org.creditlab.rules.feedback;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.nn.Activation;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.creditlab.nn.WeightLayer;
import org.creditlab.diagnostics.Angles;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * With the forward weights frozen and Gaussian inputs (Σ = I), each learned-feedback rule drives B to the fixed point
 * its regulariser implies (Kunin et al. 2020, notes §1.3), and Kolen-Pollack aligns B with Wᵀ while W learns.
 */
class LearnedFeedbackTest {
    private final Dense top = new Dense("dense2", Fixtures.normal(7, 4, 6).muli(0.5), null);
    private final Network net = new Network(DataType.DOUBLE, new long[] {5}, List.<Layer>of(
            new Dense("dense1", Fixtures.normal(8, 6, 5), null),
            new Activation("act1", Nonlinearity.identity(), 6),
            top), Loss.MEAN_SQUARED_ERROR);
    private final INDArray wt = top.weight().value().transpose().dup();

    /** Plain gradient descent on B only, with fresh white-noise inputs every step; returns the mean of the last half. */
    private INDArray converge(LearnedFeedbackSpec spec, double lr, int steps) {
        LearnedFeedback rule = (LearnedFeedback) spec.withInput(MirrorInput.NORMAL, 1.0).create(net, 3);
        Parameter b = rule.parameters().get(0);
        INDArray mean = Nd4j.zeros(DataType.DOUBLE, b.shape());
        for (int k = 0; k < steps; k++) {
            INDArray x = Fixtures.normal(100 + k, 512, 5);
            Updates u = Fixtures.step(rule, net, x, Nd4j.zeros(DataType.DOUBLE, 512, 4), 0, k);
            b.value().subi(u.get(b).mul(lr));
            if (k >= steps / 2) {
                mean.addi(b.value().div(steps - steps / 2));
            }
        }
        return mean;
    }

    @Test
    void weightMirrorConvergesToBetaOverTwoAlphaWTransposed() {
        INDArray b = converge(LearnedFeedbackSpec.weightMirror().withAlignment(Alignment.of(1e-3, Primitive.DECAY).plus(3e-3, Primitive.AMP))
                .withAlignmentRate(100), 0.5, 400);
        Fixtures.assertClose(wt.mul(3e-3 / 2e-3), b, 0.03, "weight mirror fixed point (β/2α)Wᵀ");
    }

    @Test
    void informationAlignmentConvergesToTheRegularisedPseudoInverse() {
        INDArray b = converge(LearnedFeedbackSpec.informationAlignment().withAlignmentRate(100), 0.5, 600);
        INDArray w = top.weight().value();
        // B* = (α/2) Wᵀ (β W Wᵀ + γ I)⁻¹ with α = 2e-3, β = γ = 1e-3
        INDArray inner = w.mmul(w.transpose()).muli(1e-3).addi(Nd4j.eye(4).castTo(DataType.DOUBLE).muli(1e-3));
        double[][] inverse = new org.apache.commons.math3.linear.LUDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(inner.toDoubleMatrix())).getSolver().getInverse().getData();
        INDArray expected = wt.mmul(Nd4j.createFromArray(inverse)).muli(1e-3);
        Fixtures.assertClose(expected, b, 0.03, "information alignment fixed point");
    }

    @Test
    void symmetricAlignmentConvergesToWTransposed() {
        INDArray b = converge(LearnedFeedbackSpec.symmetricAlignment().withAlignmentRate(100), 0.5, 300);
        Fixtures.assertClose(wt, b, 0.01, "symmetric alignment fixed point Wᵀ");
    }

    @Test
    void activationAlignmentConvergesToWTransposed() {
        INDArray b = converge(LearnedFeedbackSpec.activationAlignment().withAlignmentRate(100), 0.5, 400);
        Fixtures.assertClose(wt, b, 0.03, "activation alignment fixed point Wᵀ");
    }

    @Test
    void kolenPollackDrivesTheAngleBetweenBAndWTransposedTowardsZero() {
        // KP: ΔB = −η(∇_W)ᵀ − η·2αB and ΔW = −η∇_W − η·wd·W with wd = 2α, so B − Wᵀ shrinks by (1 − 2ηα) a step.
        double alpha = 0.05;
        LearnedFeedback kp = (LearnedFeedback) new LearnedFeedbackSpec("kp", Alignment.of(alpha, Primitive.DECAY), true,
                null, 1, MirrorInput.ACTIVITY, 1, 0).create(net, 4);
        Parameter b = kp.parameters().get(0);
        WeightLayer w = top;
        double before = Angles.degrees(b.value(), w.transportMatrix());
        double lr = 0.1;
        INDArray teacher = Fixtures.normal(77, 5, 4);
        for (int k = 0; k < 400; k++) {
            // a learnable task (a linear teacher), so that W stays away from zero while B − Wᵀ decays
            INDArray x = Fixtures.normal(500 + k, 64, 5);
            INDArray target = x.mmul(teacher);
            Updates u = Fixtures.step(kp, net, x, target, 0, k);
            for (Parameter p : net.parameters()) {
                INDArray g = u.get(p).add(p.value().mul(2 * alpha));
                p.value().subi(g.mul(lr));
            }
            b.value().subi(u.get(b).mul(lr));
        }
        double after = Angles.degrees(b.value(), w.transportMatrix());
        assertTrue(before > 60, "initial angle " + before);
        assertTrue(after < 5, "angle after Kolen-Pollack " + after + " (from " + before + ")");
    }

    @Test
    void delayEpochsTrainOnlyTheFeedback() {
        LearnedFeedback sa = (LearnedFeedback) LearnedFeedbackSpec.symmetricAlignment().withDelayEpochs(2).create(net, 1);
        INDArray x = Fixtures.normal(1, 8, 5);
        INDArray target = Fixtures.normal(2, 8, 4);
        Updates early = Fixtures.step(sa, net, x, target, 1, 0);
        assertTrue(early.parameters().size() == 1 && early.parameters().get(0).group().equals(Parameter.FEEDBACK));
        Updates later = Fixtures.step(sa, net, x, target, 2, 0);
        assertTrue(later.has(top.weight()) && later.parameters().size() == 3);
    }
}
