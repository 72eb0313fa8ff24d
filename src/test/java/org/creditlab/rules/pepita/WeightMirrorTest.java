package org.creditlab.rules.pepita;

import static org.creditlab.rules.feedback.Fixtures.assertClose;
import static org.creditlab.rules.feedback.Fixtures.normal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.creditlab.diagnostics.Angles;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Precision;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.nn.WeightLayer;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight mirroring of the factors of F (6 → 16 → 16 → 4, ReLU, dropout 0.1): each B_ℓ is driven towards the transpose
 * of its forward weight, during pre-mirror epochs W gets no update, and F keeps its std when rescaling is on.
 */
class WeightMirrorTest {
    private final Network net = new MlpSpec(6, List.of(16, 16), 4, Nonlinearity.relu(), false, Init.heUniform(),
            Init.zeros(), 0.1, false, Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT64).build(3);
    // W's optimizer would move W if it got any direction; the factors learn with SGD and decay λ_WM
    private final Optimizers optimizers = new Optimizers(Map.of(Optimizers.DEFAULT, OptimizerSpec.sgd(0.5),
            Parameter.FEEDBACK, OptimizerSpec.sgd(0.1).toBuilder().weightDecay(0.1).build()));

    private void steps(Pepita rule, int count) {
        INDArray x = normal(5, 64, 6);
        INDArray t = Nd4j.eye(4).castTo(DataType.DOUBLE).repeat(0, 16);
        for (int k = 0; k < count; k++) {
            Rng rng = Rng.of(k);
            Trace trace = net.forward(x, Mode.TRAIN, rng.child("forward"));
            Updates u = new Updates();
            rule.step(new StepContext(net, trace.input(), t, trace, net.loss().evaluate(trace.output(), t), 0, k,
                    rng.child("rule"), u, () -> optimizers.apply(u, 0, rng.child("optimizer"))));
            optimizers.apply(u, 0, rng.child("optimizer"));
        }
    }

    /** The mirror's fixed point: Wᵀ for a ReLU block; Wᵀ(I − 11ᵀ/C) for the softmax output, whose rows sum to one. */
    private static INDArray fixedPoint(WeightLayer w, boolean output) {
        INDArray wt = w.weight().value().transpose().dup();
        return output ? wt.subColumnVector(wt.mean(1)) : wt;
    }

    @Test
    void mirroringDrivesEachFactorTowardsTheTransposeOfItsWeight() {
        // noise 0.3 rather than the code's 0.1 and no rescaling, so that 300 steps suffice
        Pepita rule = (Pepita) new PepitaSpec().toBuilder().projection(PepitaSpec.ProjectionKind.PRODUCT).mirroring(new MirrorSchedule(1, 0, 0.3, false)).build().create(net, 4);
        List<WeightLayer> layers = net.weightLayers();
        Map<WeightLayer, INDArray> factors = rule.projectionFactors();
        assertEquals(3, factors.size());
        INDArray w1 = layers.get(0).weight().value().dup();
        for (int i = 0; i < layers.size(); i++) {
            double before = Angles.degrees(factors.get(layers.get(i)), fixedPoint(layers.get(i), i == 2));
            assertTrue(before > 60, "random factors start far from Wᵀ: " + before);
        }
        steps(rule, 300);
        for (int i = 0; i < layers.size(); i++) {
            WeightLayer w = layers.get(i);
            double after = Angles.degrees(factors.get(w), fixedPoint(w, i == 2));
            assertTrue(after < (i == 2 ? 12 : 6), w.name() + ": angle between B and its fixed point after mirroring " + after);
        }
        assertEquals(w1, layers.get(0).weight().value(), "in pre-mirror epochs W gets no update");
        assertClose(factors.get(layers.get(0)).mmul(factors.get(layers.get(1))).mmul(factors.get(layers.get(2))),
                rule.projectionMatrix(), 1e-12, "F follows its factors");
    }

    @Test
    void rescalingKeepsTheStdOfF() {
        Pepita rule = (Pepita) new PepitaSpec().toBuilder().projection(PepitaSpec.ProjectionKind.PRODUCT).mirroring(MirrorSchedule.of(1, 0)).build().create(net, 4);
        steps(rule, 5);
        assertEquals(0.05 * Math.sqrt(2.0 / 6), rule.projectionMatrix().stdNumber().doubleValue(), 1e-12);
        List<WeightLayer> layers = net.weightLayers();
        Map<WeightLayer, INDArray> factors = rule.projectionFactors();
        assertClose(factors.get(layers.get(0)).mmul(factors.get(layers.get(1))).mmul(factors.get(layers.get(2))),
                rule.projectionMatrix(), 1e-12, "F follows its rescaled factors");
    }
}
