package org.creditlab.papers.kunin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.nn.Init;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Precision;
import org.creditlab.nn.Trace;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.feedback.Alignment;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.rules.feedback.Primitive;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stability bound of B's update is the exact limit of the update the rules apply: gradient descent on each
 * regulariser (with W fixed, on a fixed batch) settles just below η·rate·κ = 2 and blows up just above it.
 */
class FeedbackStabilityTest {
    /** The study's own rate, so that the bound tested is the one its runs live under. */
    private static final double RATE = KuninPresets.ALIGNMENT_RATE;

    private final Network net = MlpSpec.of(20, 16, 12, 5).toBuilder().bias(true).batchNorm(true)
            .weightInit(Init.heNormal()).biasInit(Init.pytorchDefault()).precision(Precision.FLOAT64).build().build(3);
    // non-centred, correlated inputs, like standardised images
    private final INDArray x = Rng.of(4).normal(DataType.DOUBLE, 0, 1, 64, 20).addi(0.5);
    private final FeedbackStability stability = FeedbackStability.measure(net, x, Rng.of(5));

    @Test
    void gradientDescentOnEachRegulariserSettlesBelowTheBoundAndDivergesAboveIt() {
        // the regularisers as the rules ship them, not copies of their coefficients
        Alignment wm = LearnedFeedbackSpec.weightMirror().alignment();
        Alignment ia = LearnedFeedbackSpec.informationAlignment().alignment();
        Alignment sa = LearnedFeedbackSpec.symmetricAlignment().alignment();
        Alignment aa = LearnedFeedbackSpec.activationAlignment().alignment();
        Trace trace = net.forward(x, Mode.TRAIN, Rng.of(5).child("forward"));
        int i = 0;
        for (WeightLayer w : net.weightLayers()) {
            FeedbackStability.LayerCurvature c = stability.layers().get(i++);
            assertEquals(w.name(), c.layer());
            Primitive.Activity a = Primitive.Activity.of(w, trace.recordOf(w).input());
            for (Alignment r : new Alignment[] {wm, ia, sa, aa}) {
                double lrAtTwo = 2 / (RATE * c.stiffness(r));
                assertTrue(growth(w, r, a, 0.95 * lrAtTwo) < 10, w.name() + " " + r.describe() + " settles at 1.9");
                assertTrue(growth(w, r, a, 1.05 * lrAtTwo) > 1e6, w.name() + " " + r.describe() + " diverges at 2.1");
            }
        }
        assertEquals(2e-3, stability.stiffness(wm), 1e-9, "weight mirror: only Decay depends on B");
    }

    /** ‖B‖ after 300 steps of B ← B − η·rate·∇R(B) from a random B, over ‖B‖ at the start. */
    private static double growth(WeightLayer w, Alignment r, Primitive.Activity a, double lr) {
        INDArray b = Rng.of(6).normal(DataType.DOUBLE, 0, 1, w.feedbackShape());
        double start = b.norm2Number().doubleValue();
        for (int k = 0; k < 300; k++) {
            b.subi(r.gradient(w, b, a).muli(lr * RATE));
        }
        return b.norm2Number().doubleValue() / start;
    }

    @Test
    void theCurvaturesAreThoseOfTheClosedForms() {
        // Null: 2·λ_max(W Σ Wᵀ) and Sparse: 2·λ_max(Σ), Σ over the batch (dense, with the bias in f, as in the code)
        Trace trace = net.forward(x, Mode.TRAIN, Rng.of(5).child("forward"));
        WeightLayer w = net.weightLayers().get(1);
        INDArray in = trace.recordOf(w).input();
        INDArray f = w.addBias(w.linearResponse(in));
        FeedbackStability.LayerCurvature c = stability.layers().get(1);
        assertEquals(2 * topEigenvalue(f.transpose().mmul(f).divi(64)), c.curvature().get(Primitive.NULL), 1e-4 * c.curvature().get(Primitive.NULL));
        assertEquals(2 * topEigenvalue(in.transpose().mmul(in).divi(64)), c.curvature().get(Primitive.SPARSE), 1e-4 * c.curvature().get(Primitive.SPARSE));
        assertEquals(2, c.curvature().get(Primitive.DECAY), 1e-9);
        assertEquals(0, c.curvature().get(Primitive.AMP));
        assertEquals(0, c.curvature().get(Primitive.SELF));
    }

    /** The largest eigenvalue of a symmetric positive semi-definite matrix, by many power iterations in double. */
    private static double topEigenvalue(INDArray m) {
        INDArray v = Rng.of(9).normal(DataType.DOUBLE, 0, 1, m.rows(), 1);
        double lambda = 0;
        for (int k = 0; k < 1000; k++) {
            INDArray mv = m.mmul(v);
            lambda = mv.norm2Number().doubleValue() / v.norm2Number().doubleValue();
            v = mv.divi(mv.norm2Number());
        }
        return lambda;
    }
}
