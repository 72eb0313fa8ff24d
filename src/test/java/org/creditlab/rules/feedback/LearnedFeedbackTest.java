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
import org.creditlab.diagnostics.Angles;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.util.Rng;
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
        LearnedFeedback rule = (LearnedFeedback) spec.toBuilder().input(MirrorInput.NORMAL).inputStd(1.0).build().create(net, 3);
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
        // as shipped (α = β = 1e-3, at the Kunin study's rate 50): B* = Wᵀ/2
        INDArray shipped = converge(LearnedFeedbackSpec.weightMirror().toBuilder()
                .alignmentRate(org.creditlab.papers.kunin.KuninPresets.ALIGNMENT_RATE).build(), 0.5, 800);
        Fixtures.assertClose(wt.mul(0.5), shipped, 0.03, "the shipped weight mirror's fixed point Wᵀ/2");
        // and the ratio is what sets it: with β = 3e-3, B* = (3/2)Wᵀ
        INDArray b = converge(LearnedFeedbackSpec.weightMirror().toBuilder().alignment(Alignment.of(1e-3, Primitive.DECAY).plus(3e-3, Primitive.AMP))
                .alignmentRate(100).build(), 0.5, 400);
        Fixtures.assertClose(wt.mul(3e-3 / 2e-3), b, 0.03, "weight mirror fixed point (β/2α)Wᵀ");
    }

    @Test
    void informationAlignmentConvergesToTheRegularisedPseudoInverse() {
        INDArray b = converge(LearnedFeedbackSpec.informationAlignment().toBuilder().alignmentRate(100).build(), 0.5, 600);
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
        INDArray b = converge(LearnedFeedbackSpec.symmetricAlignment().toBuilder().alignmentRate(100).build(), 0.5, 300);
        Fixtures.assertClose(wt, b, 0.01, "symmetric alignment fixed point Wᵀ");
    }

    @Test
    void activationAlignmentConvergesToWTransposed() {
        INDArray b = converge(LearnedFeedbackSpec.activationAlignment().toBuilder().alignmentRate(100).build(), 0.5, 400);
        Fixtures.assertClose(wt, b, 0.03, "activation alignment fixed point Wᵀ");
    }

    @Test
    void kolenPollackGivesBAndWTransposedTheSameStepSoOnlyTheirDifferenceDecays() {
        // The shipped preset, with B on the optimizer it shares with W (no optimizer of its own for group "feedback"):
        // both take the same step, weight decay λ included, so D = B − Wᵀ obeys D ← (1 − ηλ)·D whatever the data.
        LearnedFeedback kp = (LearnedFeedback) LearnedFeedbackSpec.kolenPollack().create(net, 4);
        Parameter b = kp.parameters().get(0);
        double lr = 0.1;
        double wd = 0.1;
        Optimizers shared = Optimizers.of(OptimizerSpec.sgd(lr).toBuilder().weightDecay(wd).build());
        INDArray d0 = b.value().sub(top.transportMatrix());
        double before = Angles.degrees(b.value(), top.transportMatrix());
        INDArray teacher = Fixtures.normal(77, 5, 4);
        int steps = 400;
        for (int k = 0; k < steps; k++) {
            // a learnable task (a linear teacher), so that W stays away from zero while B − Wᵀ decays
            INDArray x = Fixtures.normal(500 + k, 64, 5);
            shared.apply(Fixtures.step(kp, net, x, x.mmul(teacher), 0, k), 0, Rng.of(k));
        }
        Fixtures.assertClose(d0.mul(Math.pow(1 - lr * wd, steps)), b.value().sub(top.transportMatrix()), 1e-9, "B − Wᵀ");
        double after = Angles.degrees(b.value(), top.transportMatrix());
        assertTrue(before > 60 && after < 5, "angle between B and Wᵀ from " + before + " to " + after);
    }

    @Test
    void delayEpochsTrainOnlyTheFeedback() {
        LearnedFeedback sa = (LearnedFeedback) LearnedFeedbackSpec.symmetricAlignment().toBuilder().delayEpochs(2).build().create(net, 1);
        INDArray x = Fixtures.normal(1, 8, 5);
        INDArray target = Fixtures.normal(2, 8, 4);
        Updates early = Fixtures.step(sa, net, x, target, 1, 0);
        assertTrue(early.parameters().size() == 1 && early.parameters().get(0).group().equals(Parameter.FEEDBACK));
        Updates later = Fixtures.step(sa, net, x, target, 2, 0);
        assertTrue(later.has(top.weight()) && later.parameters().size() == 3);
    }
}
