package org.creditlab.rules.pepita;

import static org.creditlab.rules.feedback.Fixtures.assertClose;
import static org.creditlab.rules.feedback.Fixtures.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.Activation;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Dropout;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * PEPITA's updates against the same quantities computed by hand from the two passes with plain ND4J matrix products,
 * on a 2-layer ReLU network without biases (5 → 4 → 3), in double precision.
 */
class PepitaTest {
    private static final int N = 6;
    private final INDArray x = normal(11, N, 5);
    private final INDArray t = oneHot(3, 0, 1, 2, 0, 2, 1);

    static INDArray oneHot(int classes, int... labels) {
        INDArray out = Nd4j.zeros(DataType.DOUBLE, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            out.putScalar(i, labels[i], 1);
        }
        return out;
    }

    /** dense1 (in → hidden, no bias) → ReLU → [dropout p] → dense2 (hidden → out, no bias). */
    static Network net(int in, int hidden, int out, double dropout, long seed) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Dense("dense1", normal(seed, hidden, in).divi(Math.sqrt(in)), null));
        layers.add(new Activation("act1", Nonlinearity.relu(), hidden));
        if (dropout > 0) {
            layers.add(new Dropout("dropout1", dropout, hidden));
        }
        layers.add(new Dense("dense2", normal(seed + 1, out, hidden).divi(Math.sqrt(hidden)), null));
        return new Network(DataType.DOUBLE, new long[] {in}, layers, Loss.SOFTMAX_CROSS_ENTROPY);
    }

    /** One step of {@code rule}; {@code applyNow} applies plain SGD with {@code lr} and records what it applied. */
    static Updates step(Pepita rule, Network net, INDArray x, INDArray t, long seed, double lr, List<INDArray> applied) {
        Trace trace = net.forward(x, Mode.TRAIN, Rng.of(seed));
        Loss.Value loss = net.loss().evaluate(trace.output(), t);
        Updates u = new Updates();
        rule.step(new StepContext(net, trace.input(), t, trace, loss, 0, 0, Rng.of(seed).child("rule"), u, () -> {
            for (var p : u.parameters()) {
                applied.add(u.get(p).dup());
                p.value().subi(u.get(p).mul(lr));
            }
            u.clear();
        }));
        return u;
    }

    static INDArray softmax(INDArray z) {
        INDArray e = Transforms.exp(z.subColumnVector(z.max(1)), true);
        return e.diviColumnVector(e.sum(1));
    }

    /** The two passes by hand: h = relu(x W1ᵀ) ⊙ m, y = softmax(h W2ᵀ). */
    private record Pass(INDArray input, INDArray h, INDArray y) {
        static Pass of(INDArray input, INDArray w1, INDArray w2, INDArray mask) {
            INDArray h = Transforms.relu(input.mmul(w1.transpose()), true).muli(mask);
            return new Pass(input, h, softmax(h.mmul(w2.transpose())));
        }
    }

    private static INDArray w(Network net, int i) {
        return net.weightLayers().get(i).weight().value();
    }

    private static INDArray mask(Network net, long seed, INDArray x) {
        if (net.size() == 3) {
            return Nd4j.ones(DataType.DOUBLE, x.rows(), w(net, 0).rows());
        }
        return ((Dropout) net.layer(2)).mask(net.forward(x, Mode.TRAIN, Rng.of(seed)).record(2));
    }

    /** Expected ΔW1, ΔW2 of the MODULATED and FORWARD modes, computed from hand-made passes. */
    private INDArray[] expected(Network net, Pepita rule, long seed) {
        PepitaSpec spec = rule.spec();
        INDArray m = mask(net, seed, x);
        Pass clean = Pass.of(x, w(net, 0), w(net, 1), m);
        INDArray e = clean.y().sub(t);
        INDArray signal = spec.signal() == PepitaSpec.ErrorSignal.SIGN ? Transforms.sign(e, true) : e;
        INDArray xe = x.add(signal.mmul(rule.projectionMatrix().transpose()).muli(spec.modulationSign().factor()));
        Pass mod = Pass.of(xe, w(net, 0), w(net, 1), m);
        INDArray diff = clean.h().sub(mod.h());
        if (spec.maskTwice()) {
            diff.muli(m);
        }
        boolean forward = spec.mode() == UpdateMode.FORWARD;
        Pass pre = forward ? clean : mod;
        INDArray outErr = spec.lastLayerError() == PepitaSpec.LastLayerError.MODULATED && !forward ? mod.y().sub(t) : e;
        return new INDArray[] {diff.transpose().mmul(pre.input()).divi(N), outErr.transpose().mmul(pre.h()).divi(N)};
    }

    private void assertMatchesHand(PepitaSpec spec, double dropout) {
        Network net = net(5, 4, 3, dropout, 1);
        Pepita rule = (Pepita) spec.create(net, 7);
        INDArray[] hand = expected(net, rule, 3);
        Updates u = step(rule, net, x, t, 3, 0, new ArrayList<>());
        assertClose(hand[0], u.get(net.weightLayers().get(0).weight()), 1e-12, "ΔW1");
        assertClose(hand[1], u.get(net.weightLayers().get(1).weight()), 1e-12, "ΔW2");
    }

    @Test
    void originalPepitaEqualsTheHandComputation() {
        assertMatchesHand(new PepitaSpec().toBuilder().projectionScale(0.5).build(), 0);
    }

    @Test
    void variantsEqualTheHandComputation() {
        PepitaSpec s = new PepitaSpec().toBuilder().projectionScale(0.5).build();
        assertMatchesHand(s.toBuilder().lastLayerError(PepitaSpec.LastLayerError.CLEAN).build(), 0);
        assertMatchesHand(s.toBuilder().modulationSign(PepitaSpec.ModulationSign.MINUS).build(), 0);
        assertMatchesHand(s.toBuilder().signal(PepitaSpec.ErrorSignal.SIGN).build(), 0);
        assertMatchesHand(s.toBuilder().mode(UpdateMode.FORWARD).build(), 0);
    }

    @Test
    void withDropoutBothPassesUseTheCleanPassMask() {
        PepitaSpec s = new PepitaSpec().toBuilder().projectionScale(0.5).build();
        assertMatchesHand(s, 0.5);
        assertMatchesHand(s.toBuilder().maskTwice(true).build(), 0.5);
        // and directly: the modulated pass leaves dropped units at zero exactly where the clean pass did
        Network net = net(5, 4, 3, 0.5, 1);
        Trace clean = net.forward(x, Mode.TRAIN, Rng.of(3));
        Pepita rule = (Pepita) s.create(net, 7);
        Loss.Value loss = net.loss().evaluate(clean.output(), t);
        TwoPasses passes = new TwoPasses(new StepContext(net, clean.input(), t, clean, loss, 0, 0, Rng.of(1), new Updates(), () -> { }), rule);
        INDArray maskClean = clean.record(2).cache();
        INDArray maskModulated = passes.modulated().record(2).cache();
        assertNotNull(maskClean);
        assertEquals(maskClean, maskModulated);
        assertTrue(maskClean.eq(0).castTo(DataType.INT).sumNumber().intValue() > 0, "the test needs dropped units");
    }

    @Test
    void theModulatedPassByLinearityEqualsTheFullPass() {
        Network net = net(5, 4, 3, 0.5, 1);
        Pepita rule = (Pepita) new PepitaSpec().toBuilder().projectionScale(0.5).build().create(net, 7);
        Trace clean = net.forward(x, Mode.TRAIN, Rng.of(3));
        Loss.Value loss = net.loss().evaluate(clean.output(), t);
        Trace shortcut = new TwoPasses(new StepContext(net, clean.input(), t, clean, loss, 0, 0, Rng.of(1), new Updates(), () -> { }), rule).modulated();
        INDArray xe = x.add(loss.gradient().mul(N).mmul(rule.projectionMatrix().transpose()));
        Trace full = net.forwardLike(clean, xe);
        for (int i = 0; i < net.size(); i++) {
            assertClose(full.record(i).output(), shortcut.record(i).output(), 1e-12, "layer " + i);
        }
        assertClose(xe, shortcut.record(0).input(), 1e-15, "the first layer's recorded input is x + F·e");
    }

    @Test
    void mixedModeIsHebbianMinusAntiHebbian() {
        Network net = net(5, 4, 3, 0, 1);
        Pepita rule = (Pepita) new PepitaSpec().toBuilder().projectionScale(0.5).mode(UpdateMode.MIXED).build().create(net, 7);
        INDArray m = mask(net, 3, x);
        Pass clean = Pass.of(x, w(net, 0), w(net, 1), m);
        INDArray xe = x.add(clean.y().sub(t).mmul(rule.projectionMatrix().transpose()));
        Pass mod = Pass.of(xe, w(net, 0), w(net, 1), m);
        Updates u = step(rule, net, x, t, 3, 0, new ArrayList<>());
        assertClose(clean.h().transpose().mmul(x).sub(mod.h().transpose().mmul(xe)).divi(N),
                u.get(net.weightLayers().get(0).weight()), 1e-12, "ΔW1");
        assertClose(clean.y().transpose().mmul(clean.h()).sub(t.transpose().mmul(mod.h())).divi(N),
                u.get(net.weightLayers().get(1).weight()), 1e-12, "ΔW2");
    }

    @Test
    void timeLocalModeStepsAfterEachPassAndRunsTheSecondWithUpdatedWeights() {
        Network net = net(5, 4, 3, 0, 1);
        double lr = 0.3;
        Pepita rule = (Pepita) new PepitaSpec().toBuilder().projectionScale(0.5).mode(UpdateMode.TIME_LOCAL).build().create(net, 7);
        INDArray m = mask(net, 3, x);
        Pass clean = Pass.of(x, w(net, 0), w(net, 1), m);
        INDArray first1 = clean.h().transpose().mmul(x).divi(N);
        INDArray first2 = clean.y().transpose().mmul(clean.h()).divi(N);
        INDArray w1 = w(net, 0).sub(first1.mul(lr));
        INDArray w2 = w(net, 1).sub(first2.mul(lr));
        INDArray xe = x.add(clean.y().sub(t).mmul(rule.projectionMatrix().transpose()));
        Pass mod = Pass.of(xe, w1, w2, m);
        List<INDArray> applied = new ArrayList<>();
        Updates u = step(rule, net, x, t, 3, lr, applied);
        assertEquals(2, applied.size(), "one early step, on both layers");
        assertClose(first1, applied.get(0), 1e-12, "first ΔW1");
        assertClose(first2, applied.get(1), 1e-12, "first ΔW2");
        assertClose(mod.h().transpose().mmul(xe).negi().divi(N), u.get(net.weightLayers().get(0).weight()), 1e-12, "second ΔW1");
        assertClose(t.transpose().mmul(mod.h()).negi().divi(N), u.get(net.weightLayers().get(1).weight()), 1e-12, "second ΔW2");
    }

    @Test
    void projectionIsHeUniformScaledAndDrawnFromItsOwnStream() {
        Network net = net(400, 8, 10, 0, 1);
        INDArray f = ((Pepita) new PepitaSpec().create(net, 5)).projectionMatrix();
        assertArrayEquals(new long[] {400, 10}, f.shape());
        double bound = 0.05 * Math.sqrt(6.0 / 400);
        assertTrue(Transforms.abs(f, true).maxNumber().doubleValue() <= bound);
        assertEquals(0.05 * Math.sqrt(2.0 / 400), f.stdNumber().doubleValue(), 0.05 * 0.05 * Math.sqrt(2.0 / 400));
        assertEquals(f, ((Pepita) new PepitaSpec().create(net(400, 8, 10, 0, 2), 5)).projectionMatrix(),
                "F depends on the rule's seed only, not on the network's weights");
    }

    @Test
    void productProjectionHasTheUniformOnesStd() {
        Network net = net(400, 64, 10, 0, 1);
        Pepita rule = (Pepita) new PepitaSpec().toBuilder().projection(PepitaSpec.ProjectionKind.PRODUCT).build().create(net, 5);
        assertEquals(2, rule.projectionFactors().size());
        INDArray product = rule.projectionFactors().get(net.weightLayers().get(0))
                .mmul(rule.projectionFactors().get(net.weightLayers().get(1)));
        assertClose(product, rule.projectionMatrix(), 1e-12, "F = B1·B2");
        double target = 0.05 * Math.sqrt(2.0 / 400);
        assertEquals(target, rule.projectionMatrix().stdNumber().doubleValue(), 0.15 * target);
    }
}
