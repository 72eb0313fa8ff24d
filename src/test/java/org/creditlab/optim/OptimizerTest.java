package org.creditlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each optimizer against its update equations, computed by hand for two steps. */
class OptimizerTest {
    private final Rng rng = Rng.of(0);

    private static Parameter param(double... w) {
        return Parameter.forward("w", Nd4j.createFromArray(w));
    }

    private static void step(Optimizer o, Parameter p, Updates u, double epoch, double... g) {
        u.of(p).assign(Nd4j.createFromArray(g));
        o.step(List.of(p), u, epoch, Rng.of(1));
        u.clear();
    }

    @Test
    void sgdWithMomentumFollowsPytorch() {
        Parameter p = param(1.0, -2.0);
        Optimizer o = OptimizerSpec.sgd(0.1).toBuilder().momentum(0.9).build().create();
        Updates u = new Updates();
        step(o, p, u, 0, 0.5, 1.0);   // v = g = (0.5, 1); w = (1 - 0.05, -2 - 0.1)
        step(o, p, u, 0, 1.0, -1.0);  // v = 0.9 v + g = (1.45, -0.1); w -= 0.1 v
        assertEquals(0.95 - 0.145, p.value().getDouble(0), 1e-12);
        assertEquals(-2.1 + 0.01, p.value().getDouble(1), 1e-12);
    }

    /**
     * Two views of one array under one name (DFC's Q, stepped in group "feedback_init", then "feedback"): the state a
     * checkpoint keeps under that name is the later view's, every time, for SGD and Adam.
     */
    @Test
    void theStateOfTwoViewsWithOneNameIsTheLaterOnes() {
        for (OptimizerSpec spec : List.of(OptimizerSpec.sgd(0.1).toBuilder().momentum(0.9).build(), OptimizerSpec.adam(0.1))) {
            for (int trial = 0; trial < 20; trial++) {
                INDArray shared = Nd4j.createFromArray(1.0, 2.0);
                Parameter early = new Parameter("q", shared, "feedback_init");
                Parameter late = new Parameter("q", shared, "feedback");
                Optimizer o = spec.create();
                Updates u = new Updates();
                step(o, early, u, 0, 5.0, 5.0);
                step(o, late, u, 0, 1.0, 1.0);
                Optimizer fresh = spec.create();
                fresh.restore(o.state(), List.of(late));
                assertEquals(o.state().toString(), fresh.state().toString());
                Optimizer onlyLate = spec.create();
                step(onlyLate, new Parameter("q", Nd4j.createFromArray(1.0, 2.0), "feedback"), new Updates(), 0, 1.0, 1.0);
                assertEquals(onlyLate.state().toString(), o.state().toString(), spec.kind() + ": the later view's state");
            }
        }
    }

    @Test
    void nesterovAndWeightDecay() {
        Parameter p = param(2.0);
        Optimizer o = OptimizerSpec.sgd(0.1).toBuilder().momentum(0.5).nesterov(true).weightDecay(0.1).build().create();
        Updates u = new Updates();
        step(o, p, u, 0, 1.0);  // g = 1 + 0.2 = 1.2; v = 1.2; d = g + 0.5 v = 1.8; w = 2 - 0.18
        assertEquals(1.82, p.value().getDouble(0), 1e-12);
    }

    @Test
    void adamMatchesItsEquations() {
        Parameter p = param(1.0);
        Optimizer o = OptimizerSpec.adam(0.01).create();
        Updates u = new Updates();
        double m = 0, v = 0, w = 1.0;
        double[] gs = {0.3, -0.2};
        for (int t = 1; t <= 2; t++) {
            double g = gs[t - 1];
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double mh = m / (1 - Math.pow(0.9, t));
            double vh = v / (1 - Math.pow(0.999, t));
            w -= 0.01 * mh / (Math.sqrt(vh) + 1e-8);
            step(o, p, u, 0, g);
        }
        assertEquals(w, p.value().getDouble(0), 1e-12);
    }

    @Test
    void adamWithConstantBiasCorrectionAsInTheCopiCode() {
        Parameter p = param(0.0);
        Optimizer o = OptimizerSpec.adam(1.0).toBuilder().biasCorrection(OptimizerSpec.BiasCorrection.CONSTANT).build().create();
        Updates u = new Updates();
        step(o, p, u, 0, 1.0);
        step(o, p, u, 0, 1.0);
        // step 2: m = 0.19, v = 0.001999; m̂ = 1.9, v̂ = 1.999
        double first = 1.0 / (1 + 1e-8);
        double second = 1.9 / (Math.sqrt(1.999) + 1e-8);
        assertEquals(-(first + second), p.value().getDouble(0), 1e-9);
    }

    @Test
    void globalNormClippingScalesAllTensors() {
        Parameter a = param(0.0);
        Parameter b = param(0.0);
        Optimizer o = OptimizerSpec.sgd(1.0).toBuilder().clipping(OptimizerSpec.Clipping.GLOBAL_NORM).maxNorm(1.0).build().create();
        Updates u = new Updates();
        u.of(a).assign(Nd4j.createFromArray(3.0));
        u.of(b).assign(Nd4j.createFromArray(4.0));
        o.step(List.of(a, b), u, 0, rng);
        assertEquals(-0.6, a.value().getDouble(0), 1e-6);
        assertEquals(-0.8, b.value().getDouble(0), 1e-6);
    }

    @Test
    void perTensorClippingScalesEachAlone() {
        Parameter a = param(0.0, 0.0);
        Optimizer o = OptimizerSpec.sgd(1.0).toBuilder().clipping(OptimizerSpec.Clipping.PER_TENSOR_NORM).maxNorm(1.0).build().create();
        Updates u = new Updates();
        u.of(a).assign(Nd4j.createFromArray(0.3, 0.4));
        o.step(List.of(a), u, 0, rng);
        assertEquals(-0.3, a.value().getDouble(0), 1e-9);
    }

    @Test
    void stepDecayScheduleChangesTheRateAtMilestones() {
        Schedule s = Schedule.stepDecay(0.1, 60, 90);
        assertEquals(0.1, s.rate(0.1, 59), 1e-15);
        assertEquals(0.01, s.rate(0.1, 60), 1e-15);
        assertEquals(0.001, s.rate(0.1, 95), 1e-15);
        assertEquals(List.of(12, 18), s.rescaled(100, 20).milestones());
        Parameter p = param(0.0);
        Optimizer o = OptimizerSpec.sgd(1.0).toBuilder().schedule(Schedule.stepDecay(0.5, 1)).build().create();
        Updates u = new Updates();
        step(o, p, u, 0, 1.0);
        step(o, p, u, 1, 1.0);
        assertEquals(-1.5, p.value().getDouble(0), 1e-12);
    }

    @Test
    void warmupRisesLinearlyFromZeroStepByStep() {
        // the reference code's learning_rate.py: rate × t/warmup for t < warmup, t in epochs counted in steps
        Schedule s = Schedule.stepDecay(0.1, 30, 60).toBuilder().warmupEpochs(5).build();
        assertEquals(0, s.rate(0.2, 0), 1e-15, "the first step");
        assertEquals(0.02, s.rate(0.2, 0.5), 1e-15, "half-way through the first epoch");
        assertEquals(0.1, s.rate(0.2, 2.5), 1e-15);
        assertEquals(0.2, s.rate(0.2, 5), 1e-15);
        assertEquals(0.02, s.rate(0.2, 30.5), 1e-15, "then the steps");
        assertEquals(2, s.rescaled(90, 30).warmupEpochs());
        Parameter p = param(0.0);
        Optimizer o = OptimizerSpec.sgd(1.0).toBuilder().schedule(Schedule.constant().toBuilder().warmupEpochs(2).build()).build().create();
        Updates u = new Updates();
        step(o, p, u, 0.25, 1.0);
        assertEquals(-0.125, p.value().getDouble(0), 1e-12, "lr = 0.25/2 a quarter into the first epoch");
    }

    @Test
    void updateNoiseAddsScaledGaussianNoise() {
        INDArray w = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 20000);
        Parameter p = new Parameter("w", w, Parameter.FEEDBACK);
        Optimizer o = OptimizerSpec.sgd(0.5).toBuilder().noiseVariance(0.04).build().create();
        Updates u = new Updates();
        u.of(p).assign(0);
        o.step(List.of(p), u, 0, rng);
        // w = lr·ξ with ξ ~ N(0, 0.04): std 0.5·0.2 = 0.1
        assertEquals(0.1, w.stdNumber().doubleValue(), 0.003);
        assertEquals(0, w.meanNumber().doubleValue(), 0.003);
    }

    @Test
    void optimizersRouteGroupsAndFallBackToDefault() {
        Parameter fwd = param(0.0);
        Parameter fb = new Parameter("b", Nd4j.createFromArray(0.0), Parameter.FEEDBACK);
        Optimizers os = new Optimizers(java.util.Map.of(Optimizers.DEFAULT, OptimizerSpec.sgd(1.0),
                Parameter.FEEDBACK, OptimizerSpec.sgd(0.1)));
        Updates u = new Updates();
        u.of(fwd).assign(1.0);
        u.of(fb).assign(1.0);
        os.apply(u, 0, rng);
        assertEquals(-1.0, fwd.value().getDouble(0), 1e-12);
        assertEquals(-0.1, fb.value().getDouble(0), 1e-12);
        assertEquals(0, u.parameters().size());
    }
}
