package org.creditlab.rules.pepita;

import static org.creditlab.rules.feedback.Fixtures.normal;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import org.creditlab.diagnostics.AdaptiveFeedback;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The follow-up's central claim, as a limit: for a small F, PEPITA's first-layer update is the adaptive-feedback-
 * alignment update with feedback −W₁F, and their relative difference shrinks linearly with F's scale.
 */
class AdaptiveFeedbackTest {

    private static double relativeDifference(double scale, PepitaSpec base) {
        Network net = PepitaTest.net(20, 30, 5, 0.2, 4);
        INDArray x = normal(21, 16, 20);
        INDArray t = PepitaTest.oneHot(5, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0);
        Pepita rule = (Pepita) base.toBuilder().projectionScale(scale).build().create(net, 9);
        INDArray pepita = PepitaTest.step(rule, net, x, t, 5, 0, new ArrayList<>()).get(net.weightLayers().get(0).weight());
        Trace trace = net.forward(x, Mode.TRAIN, Rng.of(5));
        Updates afa = new Updates();
        AdaptiveFeedback.update(net, trace, Loss.SOFTMAX_CROSS_ENTROPY.gradient(trace.output(), t), t,
                AdaptiveFeedback.feedback(net, rule), afa);
        INDArray expected = afa.get(net.weightLayers().get(0).weight());
        return pepita.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
    }

    private static void assertFirstOrder(PepitaSpec spec) {
        double[] r = {relativeDifference(1e-3, spec), relativeDifference(1e-4, spec), relativeDifference(1e-5, spec)};
        String msg = "relative differences at s = 1e-3, 1e-4, 1e-5: " + Arrays.toString(r);
        assertTrue(r[2] < 1e-4, msg);
        for (int i = 0; i + 1 < r.length; i++) {
            double ratio = r[i] / r[i + 1];
            assertTrue(ratio > 5 && ratio < 20, "not linear in the scale: " + msg);
        }
    }

    @Test
    void firstLayerUpdateIsAdaptiveFeedbackAlignmentToFirstOrder() {
        assertFirstOrder(new PepitaSpec());
    }

    @Test
    void withTheFollowUpsSignTheFeedbackIsPlusW1F() {
        assertFirstOrder(PepitaSpec.followUp());
    }
}
