package org.creditlab.rules.feedback;

import java.util.List;
import org.creditlab.nn.Activation;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny double-precision networks and one-step helpers for rule tests. */
public final class Fixtures {
    private Fixtures() {}

    public static INDArray normal(long seed, long... shape) {
        return Rng.of(seed).normal(DataType.DOUBLE, 0, 1, shape);
    }

    /** dense1 (4→3) → tanh → dense2 (3→2), with biases, double precision. */
    public static Network twoLayer() {
        return new Network(DataType.DOUBLE, new long[] {4}, List.<Layer>of(
                new Dense("dense1", normal(1, 3, 4), normal(2, 3)),
                new Activation("act1", Nonlinearity.tanh(), 3),
                new Dense("dense2", normal(3, 2, 3), normal(4, 2))), Loss.SOFTMAX_CROSS_ENTROPY);
    }

    public static INDArray oneHot(int... labels) {
        INDArray t = Nd4j.zeros(DataType.DOUBLE, labels.length, 2);
        for (int i = 0; i < labels.length; i++) {
            t.putScalar(i, labels[i], 1);
        }
        return t;
    }

    /** One step of {@code rule} on (x, t); returns its update directions. */
    public static Updates step(LearningRule rule, Network net, INDArray x, INDArray t, int epoch, long seed) {
        Trace trace = net.forward(x, Mode.TRAIN, Rng.of(seed));
        Loss.Value loss = net.loss().evaluate(trace.output(), t);
        Updates u = new Updates();
        rule.step(new StepContext(net, trace.input(), t, trace, loss, epoch, 0, Rng.of(seed).child("rule"), u, () -> { }));
        return u;
    }

    /** FA with every B set to the layer's own transport gives exactly backprop's updates for every parameter. */
    public static void assertFeedbackAlignmentWithTransportIsBackprop(Network net, INDArray x, INDArray t) {
        FeedbackAlignment fa = (FeedbackAlignment) new FeedbackAlignmentSpec().create(net, 9);
        fa.feedbackMatrices().forEach((w, b) -> b.assign(w.transportMatrix()));
        Updates faUpdates = step(fa, net, x, t, 0, 5);
        Trace tr = net.forward(x, Mode.TRAIN, Rng.of(5));
        Updates bp = new Updates();
        org.creditlab.rules.BackwardPass.backprop(net, tr, net.loss().gradient(tr.output(), t), t, bp);
        if (bp.parameters().size() != faUpdates.parameters().size()) {
            throw new AssertionError("FA updated " + faUpdates.parameters().size() + " parameters, backprop " + bp.parameters().size());
        }
        for (org.creditlab.nn.Parameter p : net.parameters()) {
            assertClose(bp.get(p), faUpdates.get(p), 1e-12, p.name());
        }
    }

    public static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        double err = expected.sub(actual).norm2Number().doubleValue() / Math.max(1e-12, expected.norm2Number().doubleValue());
        if (!(err < tol)) {
            throw new AssertionError(what + ": relative error " + err + "\nexpected " + expected + "\nactual " + actual);
        }
    }
}
