package org.creditlab.rules.feedback;

import static org.creditlab.rules.feedback.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.nn.Dense;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Precision;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.nn.WeightLayer;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** FA, DFA, DRTP and sign symmetry against backprop and against updates computed by hand. */
class FeedbackRulesTest {
    private final Network net = Fixtures.twoLayer();
    private final INDArray x = Fixtures.normal(10, 5, 4);
    private final INDArray t = Fixtures.oneHot(0, 1, 1, 0, 1);
    private final Dense d1 = (Dense) net.layer(0);
    private final Dense d2 = (Dense) net.layer(2);

    /** The hand computation shared by every rule: δ₁ = (signal_at_h1) ⊙ tanh'(a₁), ΔW₁ = δ₁ᵀx, ΔW₂ = eᵀh₁. */
    private void assertUpdates(Updates u, INDArray signalAtH1) {
        Trace tr = net.forward(x, Mode.TRAIN, Rng.of(0));
        INDArray e = Loss.SOFTMAX_CROSS_ENTROPY.gradient(tr.output(), t);
        INDArray a1 = x.mmul(d1.weight().value().transpose()).addRowVector(d1.bias().value());
        INDArray h1 = Transforms.tanh(a1, true);
        INDArray delta1 = signalAtH1.mul(h1.mul(h1).rsub(1));
        assertClose(e.transpose().mmul(h1), u.get(d2.weight()), 1e-12, "ΔW2 (exact gradient of the top layer)");
        assertClose(e.sum(0), u.get(d2.bias()), 1e-12, "Δb2");
        assertClose(delta1.transpose().mmul(x), u.get(d1.weight()), 1e-12, "ΔW1");
        assertClose(delta1.sum(0), u.get(d1.bias()), 1e-12, "Δb1");
    }

    private INDArray outputError() {
        Trace tr = net.forward(x, Mode.TRAIN, Rng.of(0));
        return Loss.SOFTMAX_CROSS_ENTROPY.gradient(tr.output(), t);
    }

    @Test
    void feedbackAlignmentWithBEqualToWTransposeIsBackprop() {
        Network mlp = MlpSpec.of(6, 5, 4, 3).toBuilder().batchNorm(true).dropout(0.2).precision(Precision.FLOAT64).build().build(3);
        INDArray in = Fixtures.normal(11, 8, 6);
        INDArray target = org.nd4j.linalg.factory.Nd4j.eye(3).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).getRows(0, 1, 2, 0, 1, 2, 0, 1);
        Fixtures.assertFeedbackAlignmentWithTransportIsBackprop(mlp, in, target);
    }

    @Test
    void feedbackAlignmentUsesItsRandomMatrix() {
        FeedbackAlignment fa = (FeedbackAlignment) new FeedbackAlignmentSpec().create(net, 1);
        INDArray b = fa.feedbackMatrices().get(d2);
        assertEquals(1, fa.feedbackMatrices().size(), "the first layer needs no feedback");
        assertUpdates(Fixtures.step(fa, net, x, t, 0, 0), outputError().mmul(b.transpose()));
    }

    @Test
    void directFeedbackAlignmentProjectsTheOutputError() {
        DirectFeedback dfa = (DirectFeedback) new DirectFeedbackAlignmentSpec().create(net, 2);
        INDArray b = dfa.projections().get(d2);
        assertEquals(3, b.rows());
        assertEquals(2, b.columns());
        assertUpdates(Fixtures.step(dfa, net, x, t, 0, 0), outputError().mmul(b.transpose()));
    }

    /**
     * DFA's limit: when each B_ℓ is the product of the transposed weights above layer ℓ and no nonlinearity lies
     * between layer ℓ's input and the output except the one below it, the projected error is backprop's error there,
     * so DFA's updates are backprop's for every parameter. Here dense1 → tanh → dense2 → dense3 (no nonlinearity
     * between dense2 and dense3): B₃ = W₃ᵀ and B₂ = (W₃W₂)ᵀ.
     */
    @Test
    void directFeedbackAlignmentWithBEqualToTheTransposedWeightProductIsBackprop() {
        Network deep = new Network(org.nd4j.linalg.api.buffer.DataType.DOUBLE, new long[] {4}, java.util.List.of(
                new Dense("dense1", Fixtures.normal(21, 3, 4), Fixtures.normal(22, 3)),
                new org.creditlab.nn.Activation("act1", org.creditlab.nn.Nonlinearity.tanh(), 3),
                new Dense("dense2", Fixtures.normal(23, 5, 3), Fixtures.normal(24, 5)),
                new Dense("dense3", Fixtures.normal(25, 2, 5), Fixtures.normal(26, 2))), Loss.SOFTMAX_CROSS_ENTROPY);
        Dense w2 = (Dense) deep.layer(2);
        Dense w3 = (Dense) deep.layer(3);
        DirectFeedback dfa = (DirectFeedback) new DirectFeedbackAlignmentSpec().create(deep, 4);
        assertEquals(2, dfa.projections().size(), "dense2 and dense3 get a projection, dense1 none");
        dfa.projections().get(w3).assign(w3.weight().value().transpose());
        dfa.projections().get(w2).assign(w3.weight().value().mmul(w2.weight().value()).transpose());

        Updates direct = Fixtures.step(dfa, deep, x, t, 0, 0);
        Trace tr = deep.forward(x, Mode.TRAIN, Rng.of(0));
        Updates bp = new Updates();
        org.creditlab.rules.BackwardPass.backprop(deep, tr, deep.loss().gradient(tr.output(), t), t, bp);
        assertEquals(bp.parameters().size(), direct.parameters().size());
        for (org.creditlab.nn.Parameter p : deep.parameters()) {
            assertClose(bp.get(p), direct.get(p), 1e-12, p.name());
        }
        // and a random B is not backprop: the limit is a property of B, not of the test
        DirectFeedback random = (DirectFeedback) new DirectFeedbackAlignmentSpec().create(deep, 4);
        Updates other = Fixtures.step(random, deep, x, t, 0, 0);
        Dense w1 = (Dense) deep.layer(0);
        double gap = bp.get(w1.weight()).sub(other.get(w1.weight())).norm2Number().doubleValue();
        assertTrue(gap > 1e-3 * bp.get(w1.weight()).norm2Number().doubleValue(), "random projections differ: " + gap);
    }

    /**
     * As a feedback rule DFA (and DRTP) lists its top layer's projection alone: that B_L stands where backprop's W_Lᵀ
     * would, so the B–Wᵀ angle compares like with like. A lower projection is left out even when a hidden layer as
     * wide as the output gives it W's transport shape (here dense2: 3 → 2 beside 2 outputs).
     */
    @Test
    void directFeedbackListsTheTopProjectionAsItsFeedbackMatrix() {
        for (long width : new long[] {5, 2}) {
            Network deep = new Network(org.nd4j.linalg.api.buffer.DataType.DOUBLE, new long[] {4}, java.util.List.of(
                    new Dense("dense1", Fixtures.normal(21, 3, 4), Fixtures.normal(22, 3)),
                    new org.creditlab.nn.Activation("act1", org.creditlab.nn.Nonlinearity.tanh(), 3),
                    new Dense("dense2", Fixtures.normal(23, width, 3), Fixtures.normal(24, width)),
                    new Dense("dense3", Fixtures.normal(25, 2, width), Fixtures.normal(26, 2))), Loss.SOFTMAX_CROSS_ENTROPY);
            WeightLayer top = (Dense) deep.layer(3);
            for (DirectFeedback rule : java.util.List.of(
                    (DirectFeedback) new DirectFeedbackAlignmentSpec().create(deep, 4),
                    (DirectFeedback) new DirectRandomTargetProjectionSpec().create(deep, 4))) {
                assertEquals(java.util.Set.of(top), rule.feedbackMatrices().keySet(), "width " + width);
                INDArray b = rule.feedbackMatrices().get(top);
                assertTrue(b == rule.projections().get(top), "the live projection, not a copy");
                assertEquals(java.util.Arrays.toString(top.transportMatrix().shape()), java.util.Arrays.toString(b.shape()));
            }
        }
    }

    @Test
    void directRandomTargetProjectionProjectsTheTarget() {
        DirectFeedback drtp = (DirectFeedback) new DirectRandomTargetProjectionSpec().create(net, 2);
        INDArray b = drtp.projections().get(d2);
        assertUpdates(Fixtures.step(drtp, net, x, t, 0, 0), t.div(5).mmul(b.transpose()));
    }

    @Test
    void directRandomTargetProjectionOnADeeperReluNetworkWithDropout() {
        // 6 → 5 → 4 → 3, ReLU, dropout 0.3: every hidden layer gets its own projection of the target, gated by its
        // dropout mask and ReLU derivative, and never sees the output error; the output layer gets its exact gradient.
        Network deep = MlpSpec.of(6, 5, 4, 3).toBuilder().dropout(0.3).precision(Precision.FLOAT64).build().build(2);
        DirectFeedback drtp = (DirectFeedback) new DirectRandomTargetProjectionSpec().create(deep, 3);
        INDArray in = Fixtures.normal(12, 7, 6);
        INDArray target = org.nd4j.linalg.factory.Nd4j.eye(3).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).getRows(0, 1, 2, 0, 1, 2, 0);
        Updates u = Fixtures.step(drtp, deep, in, target, 0, 4);
        Trace tr = deep.forward(in, Mode.TRAIN, Rng.of(4));
        Dense w1 = (Dense) deep.layer(0);
        Dense w2 = (Dense) deep.layer(3);
        Dense w3 = (Dense) deep.layer(6);
        INDArray m1 = tr.record(2).cache();
        INDArray m2 = tr.record(5).cache();
        INDArray a1 = in.mmul(w1.weight().value().transpose()).addRowVector(w1.bias().value());
        INDArray h1 = Transforms.relu(a1, true).mul(m1);
        INDArray a2 = h1.mmul(w2.weight().value().transpose()).addRowVector(w2.bias().value());
        INDArray h2 = Transforms.relu(a2, true).mul(m2);
        INDArray e = Loss.SOFTMAX_CROSS_ENTROPY.gradient(h2.mmul(w3.weight().value().transpose()).addRowVector(w3.bias().value()), target);
        INDArray tn = target.div(7);
        INDArray delta2 = tn.mmul(drtp.projections().get(w3).transpose()).muli(m2).muli(a2.gt(0).castTo(a2.dataType()));
        INDArray delta1 = tn.mmul(drtp.projections().get(w2).transpose()).muli(m1).muli(a1.gt(0).castTo(a1.dataType()));
        assertClose(e.transpose().mmul(h2), u.get(w3.weight()), 1e-12, "ΔW3 (exact)");
        assertClose(delta2.transpose().mmul(h1), u.get(w2.weight()), 1e-12, "ΔW2");
        assertClose(delta2.sum(0), u.get(w2.bias()), 1e-12, "Δb2");
        assertClose(delta1.transpose().mmul(in), u.get(w1.weight()), 1e-12, "ΔW1");
        assertClose(delta1.sum(0), u.get(w1.bias()), 1e-12, "Δb1");
    }

    @Test
    void uniformSignSymmetryUsesScaledSignsOfW() {
        SignSymmetry usf = (SignSymmetry) new SignSymmetrySpec(SignSymmetry.Variant.USF).create(net, 1);
        INDArray b = Transforms.sign(d2.weight().value().transpose(), true).muli(Math.sqrt(2.0 / (3 + 2)));
        assertUpdates(Fixtures.step(usf, net, x, t, 0, 0), outputError().mmul(b.transpose()));
    }

    @Test
    void fixedRandomSignSymmetryKeepsItsMagnitudesAndFollowsTheSigns() {
        SignSymmetry frsf = (SignSymmetry) new SignSymmetrySpec(SignSymmetry.Variant.FRSF).create(net, 1);
        INDArray b1 = frsf.feedback(d2, Rng.of(1));
        INDArray b2 = frsf.feedback(d2, Rng.of(2));
        assertEquals(b1, b2);
        assertEquals(Transforms.sign(d2.weight().value().transpose(), true), Transforms.sign(b1, true));
        assertUpdates(Fixtures.step(frsf, net, x, t, 0, 0), outputError().mmul(b1.transpose()));
        double bound = Math.sqrt(6.0 / (3 + 2));
        assertTrue(Transforms.abs(b1, true).maxNumber().doubleValue() <= bound);
    }

    @Test
    void batchwiseRandomSignSymmetryRedrawsItsMagnitudes() {
        SignSymmetry brsf = (SignSymmetry) new SignSymmetrySpec(SignSymmetry.Variant.BRSF).create(net, 1);
        INDArray b1 = brsf.feedback(d2, Rng.of(1));
        INDArray b2 = brsf.feedback(d2, Rng.of(2));
        assertNotEquals(b1, b2);
        assertEquals(Transforms.sign(b1, true), Transforms.sign(b2, true));
        assertEquals(Transforms.sign(d2.weight().value().transpose(), true), Transforms.sign(b1, true));
        // the step draws the magnitudes from its own stream: the same stream gives the same update
        Rng stepRng = Rng.of(0).child("rule");
        INDArray b = brsf.feedback(d2, stepRng);
        assertUpdates(Fixtures.step(brsf, net, x, t, 0, 0), outputError().mmul(b.transpose()));
    }

    @Test
    void onlyLayersAboveTheFirstGetFeedback() {
        Network deep = MlpSpec.of(5, 4, 4, 4, 2).build(1);
        FeedbackAlignment fa = (FeedbackAlignment) new FeedbackAlignmentSpec().create(deep, 1);
        assertEquals(3, fa.feedbackMatrices().size());
        WeightLayer first = deep.weightLayers().get(0);
        assertTrue(!fa.feedbackMatrices().containsKey(first));
    }
}
