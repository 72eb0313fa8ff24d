package org.creditlab.rules.copi;

import static org.creditlab.nn.DecorrelatedNetworks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.Decorrelation;
import org.creditlab.nn.DecorrelatedMlpSpec;
import org.creditlab.nn.DecorrelatedNetworks;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Layer;
import org.creditlab.nn.LayerRecord;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Precision;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.StepContext;
import org.creditlab.train.TrainingOptions;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** COPI's weight update, its perturbations and its baselines, against hand-derived quantities in double precision. */
class CopiTest {
    private static final CopiSpec PLAIN = new CopiSpec().toBuilder().outputDerivative(false).build();
    private static final DecorrelatedBackpropSpec PLAIN_BP = new DecorrelatedBackpropSpec().toBuilder().outputDerivative(false).build();

    static Updates step(LearningRule rule, Network net, INDArray x, INDArray t, int epoch) {
        Trace trace = net.forward(x, Mode.TRAIN, Rng.of(1));
        Loss.Value loss = net.loss().evaluate(trace.output(), t);
        Updates u = new Updates();
        rule.step(new StepContext(net, x, t, trace, loss, epoch, 0, Rng.of(2), u, () -> { }));
        return u;
    }

    /** Backprop's exact gradients of the network's loss for the batch (x, t). */
    static Updates backprop(Network net, INDArray x, INDArray t) {
        Trace trace = net.forward(x, Mode.TRAIN, null);
        Updates g = new Updates();
        BackwardPass.backprop(net, trace, net.loss().gradient(trace.output(), t), t, g);
        return g;
    }

    /** A batch of n standard-normal rows of width {@code width} with mean {@code mean}, from stream {@code seed}. */
    static INDArray normal(long seed, double mean, int n, int width) {
        return Rng.of(seed).normal(DataType.DOUBLE, mean, 1, n, width);
    }

    static List<Dense> dense(Network net) {
        return net.layers().stream().filter(l -> l instanceof Dense).map(l -> (Dense) l).toList();
    }

    /** 8 examples of 4 features whose columns are orthogonal (Hadamard columns scaled): ⟨x xᵀ⟩ is diagonal. */
    static INDArray decorrelatedInputs() {
        double[][] h = new double[8][4];
        double[] scale = {0.5, 1.5, 2.0, 0.8};
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                h[i][j] = scale[j] * (Integer.bitCount(i & (j + 1)) % 2 == 0 ? 1 : -1);
            }
        }
        return Nd4j.createFromArray(h);
    }

    @Test
    void withDecorrelatedInputsCopiIsTheGradientStepOfThePerturbation() {
        INDArray x = decorrelatedInputs();
        INDArray offDiagonal = Decorrelation.offDiagonalSecondMoment(x);
        assertEquals(0, offDiagonal.norm2Number().doubleValue(), 1e-12, "the inputs are exactly decorrelated");
        Network net = DecorrelatedNetworks.network(5, 4, 3);
        net.layer(0).parameters().get(0).value().assign(Nd4j.eye(4));   // R₁ = I: the dense layer sees x itself
        INDArray t = Rng.of(3).normal(DataType.DOUBLE, 0, 1, 8, 3);
        double alpha = 7;
        Parameter w = dense(net).get(0).weight();
        INDArray copi = step(PLAIN.toBuilder().lossMultiplier(alpha).build().create(net, 1), net, x, t, 1).get(w);
        // the exact gradient of the mean squared error ∑(a − t)²/(N·C) is (2/(N·C))∑(a − t)xᵀ; the perturbation
        // δ = α(t − a) makes the gradient step −⟨δ xᵀ⟩ = (α·C/2)·∂L/∂W
        assertClose(backprop(net, x, t).get(w).mul(alpha * 3 / 2), copi, 1e-10, "COPI vs gradient step");
        INDArray bp = step(PLAIN_BP.toBuilder().lossMultiplier(alpha).build().create(net, 1), net, x, t, 1).get(w);
        assertClose(bp, copi, 1e-10, "COPI vs decorrelated backprop");
    }

    @Test
    void withCorrelatedInputsCopiDiffersFromTheGradientByTheResidualCorrelations() {
        assertCopiIsItsBaselineMinusWC(Route.BP);
    }

    /**
     * The same identity on the feedback-alignment route, with the shipped COPI (FA) and the baseline drawing one B
     * from one seed: the route changes δ, and COPI's extra term −W·C does not depend on δ.
     */
    @Test
    void onTheFeedbackAlignmentRouteCopiIsItsBaselineMinusWC() {
        assertCopiIsItsBaselineMinusWC(Route.FA);
        Network net = DecorrelatedNetworks.network(7, 5, 4, 3, 2);
        INDArray x = normal(8, 0.3, 10, 5);
        INDArray t = normal(108, 0, 10, 2);
        Dense first = dense(net).get(0);
        INDArray viaFa = step(new CopiSpec().toBuilder().route(Route.FA).build().create(net, 1), net, x, t, 1)
                .get(first.weight());
        INDArray viaBp = step(new CopiSpec().create(net, 1), net, x, t, 1).get(first.weight());
        assertTrue(viaFa.sub(viaBp).norm2Number().doubleValue() > 1e-3 * viaBp.norm2Number().doubleValue(),
                "the route reaches the first layer");
    }

    private static void assertCopiIsItsBaselineMinusWC(Route route) {
        Network net = DecorrelatedNetworks.network(7, 5, 4, 3, 2);
        INDArray x = normal(8, 0.3, 10, 5);
        INDArray t = normal(108, 0, 10, 2);
        Updates copi = step(new CopiSpec().toBuilder().route(route).build().create(net, 1), net, x, t, 1);
        Updates bp = step(new DecorrelatedBackpropSpec().toBuilder().route(route).build().create(net, 1), net, x, t, 1);
        Trace trace = net.forward(x, Mode.TRAIN, null);
        for (int i = 0; i < net.size(); i++) {
            LayerRecord rec = trace.record(i);
            if (rec.layer() instanceof Dense d) {
                // ΔW_copi = η⟨δxᵀ⟩ + η·W(⟨x xᵀ⟩ − diag⟨x²⟩): the directions differ by −W·C
                INDArray expected = d.weight().value().mmul(Decorrelation.offDiagonalSecondMoment(rec.input())).negi();
                INDArray difference = copi.get(d.weight()).sub(bp.get(d.weight()));
                assertClose(expected, difference, 1e-9, route + " " + d.name());
                assertTrue(expected.norm2Number().doubleValue() > 1e-3, "the inputs of " + d.name() + " are correlated");
            }
        }
    }

    @Test
    void theFixedPointIsTheDiagonalLeastSquaresEstimate() {
        // one linear layer, α = 1: z = a + (t − a) = t, so ΔW = η(⟨t xᵀ⟩ − W diag⟨x²⟩) relaxes to ⟨t xᵀ⟩ diag⟨x²⟩⁻¹
        Network net = new DecorrelatedMlpSpec(4, List.of(), 3, org.creditlab.nn.Nonlinearity.leakyRelu(0.1), false,
                org.creditlab.nn.Init.xavierNormal(), Precision.FLOAT64).build(4);
        INDArray x = normal(21, 0.5, 30, 4);
        INDArray t = normal(121, 0, 30, 3);
        INDArray fixedPoint = t.transpose().mmul(x).divi(30).diviRowVector(x.mul(x).mean(0));
        LearningRule rule = PLAIN.toBuilder().lossMultiplier(1).build().create(net, 1);
        INDArray w = dense(net).get(0).weight().value();
        for (int i = 0; i < 400; i++) {
            w.subi(step(rule, net, x, t, 1).get(dense(net).get(0).weight()).mul(0.3));
        }
        assertClose(fixedPoint, w, 1e-9, "W after 400 COPI steps");
        assertTrue(step(rule, net, x, t, 1).get(dense(net).get(0).weight()).norm2Number().doubleValue() < 1e-9);
        INDArray leastSquares = t.transpose().mmul(x).mmul(org.nd4j.linalg.inverse.InvertMatrix.invert(x.transpose().mmul(x), false));
        assertTrue(leastSquares.sub(fixedPoint).norm2Number().doubleValue() > 0.05, "correlated x: not the full least squares");
        // variance scaling with η = 1 jumps to the fixed point in one step (up to the 1e-5 guard)
        w.assign(normal(22, 0, 3, 4));
        w.subi(step(PLAIN.toBuilder().lossMultiplier(1).varianceScaled(true).build().create(net, 1), net, x, t, 1)
                .get(dense(net).get(0).weight()));
        assertClose(fixedPoint, w, 1e-4, "one variance-scaled step");
    }

    /**
     * The shipped COPI (α = 1000, the output derivative kept) on one linear layer: z = a + α(t − a), so
     * ΔW = ⟨z xᵀ⟩ − W·diag⟨x²⟩ = α⟨t xᵀ⟩ − W(α·diag⟨x²⟩ + (α − 1)·C) with C the off-diagonal second moment, and W settles
     * at α⟨t xᵀ⟩(α·diag⟨x²⟩ + (α − 1)C)⁻¹: between the diagonal estimate (α = 1) and full least squares (α → ∞), and
     * at α = 1000 almost the latter. Inputs and targets are positive so that every output stays on the leaky ReLU's
     * unit slope, where the kept output derivative is 1 (checked at every step).
     */
    @Test
    void atTheShippedRateTheFixedPointIsAlmostFullLeastSquares() {
        Network net = new DecorrelatedMlpSpec(4, List.of(), 3, org.creditlab.nn.Nonlinearity.leakyRelu(0.1), false,
                org.creditlab.nn.Init.xavierNormal(), Precision.FLOAT64).build(4);
        INDArray x = Rng.of(31).uniform(DataType.DOUBLE, 0.2, 1.2, 30, 4);
        INDArray t = Rng.of(131).uniform(DataType.DOUBLE, 2, 4, 30, 3);
        CopiSpec shipped = new CopiSpec();
        double alpha = shipped.lossMultiplier();
        INDArray second = x.transpose().mmul(x).divi(30);
        INDArray diagonal = Nd4j.diag(Nd4j.diag(second));
        INDArray offDiagonal = second.sub(diagonal);
        INDArray fixedPoint = t.transpose().mmul(x).divi(30).muli(alpha).mmul(org.nd4j.linalg.inverse.InvertMatrix.invert(
                diagonal.mul(alpha).addi(offDiagonal.mul(alpha - 1)), false));
        INDArray leastSquares = t.transpose().mmul(x).mmul(org.nd4j.linalg.inverse.InvertMatrix.invert(second.mul(30), false));
        INDArray w = dense(net).get(0).weight().value();
        w.assign(leastSquares.add(0.05));   // near the answer, with every output positive from the start
        LearningRule rule = shipped.create(net, 1);
        // η·α·λ_max(⟨x xᵀ⟩) < 2 for a stable step
        double eta = 0.5 / (alpha * second.norm2Number().doubleValue());
        for (int i = 0; i < 2_000; i++) {
            assertTrue(x.mmul(w.transpose()).minNumber().doubleValue() > 0, "outputs stay positive, step " + i);
            w.subi(step(rule, net, x, t, 1).get(dense(net).get(0).weight()).mul(eta));
        }
        assertClose(fixedPoint, w, 1e-8, "W after COPI's steps at α = " + alpha);
        double toLeastSquares = w.sub(leastSquares).norm2Number().doubleValue();
        INDArray diagonalEstimate = t.transpose().mmul(x).divi(30).diviRowVector(x.mul(x).mean(0));
        assertTrue(toLeastSquares < 1e-2 * w.sub(diagonalEstimate).norm2Number().doubleValue(),
                "at α = 1000 the fixed point is almost full least squares: " + toLeastSquares);
    }

    @Test
    void decorrelatedBackpropIsBackpropThroughR() {
        Network net = DecorrelatedNetworks.network(9, 5, 4, 3, 2);
        INDArray x = normal(10, 0, 6, 5);
        INDArray t = normal(110, 0, 6, 2);
        // α = 2/C turns α(a − t)/N into the mean squared error's gradient 2(a − t)/(N·C)
        Updates u = step(PLAIN_BP.toBuilder().lossMultiplier(2.0 / 2).build().create(net, 1), net, x, t, 1);
        Updates g = backprop(net, x, t);
        Trace trace = net.forward(x, Mode.TRAIN, null);
        for (Dense d : dense(net)) {
            assertClose(g.get(d.weight()), u.get(d.weight()), 1e-10, d.name());
        }
        for (int i = 0; i < net.size(); i++) {
            if (net.layer(i) instanceof Decorrelation d) {
                INDArray expected = d.decorrelationDirectionDense(trace.record(i).output(), Decorrelation.Rule.DEFAULT, false);
                assertClose(expected, u.get(d.weight()), 1e-10, d.name() + ": C·R, not the gradient");
            }
        }
    }

    @Test
    void feedbackAlignmentBypassesRAndUsesFixedRandomFeedback() {
        Network net = DecorrelatedNetworks.network(11, 4, 3, 2);
        INDArray x = normal(12, 0, 5, 4);
        INDArray t = normal(112, 0, 5, 2);
        double alpha = 3;
        LearningRule rule = PLAIN_BP.toBuilder().route(Route.FA).lossMultiplier(alpha).build().create(net, 1);
        INDArray b = rule.buffers().get("feedback/dense2");
        assertEquals(1, rule.buffers().size(), "one B, for the top layer only");
        Updates u = step(rule, net, x, t, 1);
        Trace trace = net.forward(x, Mode.TRAIN, null);
        Dense d1 = dense(net).get(0);
        INDArray a1 = trace.record(1).output();
        INDArray x1 = trace.record(1).input();
        INDArray error = trace.output().sub(t).muli(alpha);
        // −δ₁ = (α(a₂ − t)·B₂ᵀ) ⊙ f'(a₁), with no R₂ in the path
        INDArray slope = Transforms.step(a1, true).muli(0.9).addi(0.1);
        INDArray delta1 = error.mmul(b.transpose()).muli(slope);
        assertClose(delta1.transpose().mmul(x1).divi(5), u.get(d1.weight()), 1e-10, "dense1 under FA");
        assertEquals(List.of(3L, 2L), List.of(b.shape()[0], b.shape()[1]), "feedback orientation [in, out]");
        assertFalse(b.equals(dense(net).get(1).weight().value().transpose()));
    }

    @Test
    void theOutputErrorIsScaledByTheHiddenDerivativeAsInTheReferenceCode() {
        Network net = DecorrelatedNetworks.network(13, 3, 4, 2);
        INDArray x = normal(14, 0, 9, 3);
        INDArray t = normal(114, 0, 9, 2);
        Updates u = step(new DecorrelatedBackpropSpec().toBuilder().lossMultiplier(1).build().create(net, 1), net, x, t, 1);
        Trace trace = net.forward(x, Mode.TRAIN, null);
        INDArray a2 = trace.output();
        assertTrue(a2.lt(0).any() && a2.gt(0).any(), "outputs of both signs");
        INDArray slope = Transforms.step(a2, true).muli(0.9).addi(0.1);   // leaky ReLU 0.1 at the linear output
        INDArray expected = a2.sub(t).muli(slope).transpose().mmul(trace.record(4).input()).divi(9);
        assertClose(expected, u.get(dense(net).get(1).weight()), 1e-10, "dense2");
    }

    @Test
    void theFirstEpochTrainsOnlyR() {
        Network net = DecorrelatedNetworks.network(15, 4, 3, 2);
        INDArray x = Rng.of(1).normal(DataType.DOUBLE, 0, 1, 5, 4);
        INDArray t = Rng.of(2).normal(DataType.DOUBLE, 0, 1, 5, 2);
        for (RuleSpec spec : List.of(new CopiSpec(), new DecorrelatedBackpropSpec())) {
            LearningRule rule = spec.create(net, 1);
            Updates first = step(rule, net, x, t, 0);
            assertEquals(java.util.Set.of(Parameter.DECORRELATION), first.groups(), spec.ruleName() + " epoch 0");
            Updates second = step(rule, net, x, t, 1);
            assertEquals(net.parameters().size(), second.parameters().size(), spec.ruleName() + " epoch 1");
        }
    }

    @Test
    void networksWithBiasesAreRejected() {
        Network withBias = org.creditlab.nn.MlpSpec.of(3, 2).build(1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CopiSpec().create(withBias, 1));
        assertTrue(e.getMessage().contains("no biases"), e.getMessage());
    }

    @Test
    void badSettingsAreRejectedByBothSpecsNamingTheRuleAndTheSetting() {
        List<org.junit.jupiter.api.function.Executable> copi = List.of(
                () -> new CopiSpec().toBuilder().lossMultiplier(Double.NaN).build(),
                () -> new CopiSpec().toBuilder().lossMultiplier(Double.POSITIVE_INFINITY).build(),
                () -> new CopiSpec().toBuilder().decorrelationOnlyEpochs(-1).build(),
                () -> new CopiSpec().toBuilder().route(null).build());
        List<org.junit.jupiter.api.function.Executable> baseline = List.of(
                () -> new DecorrelatedBackpropSpec().toBuilder().lossMultiplier(0).build(),
                () -> new DecorrelatedBackpropSpec().toBuilder().decorrelationOnlyEpochs(-2).build(),
                () -> new DecorrelatedBackpropSpec().toBuilder().decorrelation(null).build());
        List<String> settings = List.of("loss multiplier", "loss multiplier", "decorrelationOnlyEpochs", "route");
        for (int i = 0; i < copi.size(); i++) {
            String m = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, copi.get(i))
                    .getMessage();
            assertTrue(m.startsWith("COPI") && m.contains(settings.get(i)), m);
        }
        List<String> baselineSettings = List.of("loss multiplier", "decorrelationOnlyEpochs", "decorrelation rule");
        for (int i = 0; i < baseline.size(); i++) {
            String m = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, baseline.get(i))
                    .getMessage();
            assertTrue(m.startsWith("decorrelated backprop") && m.contains(baselineSettings.get(i)), m);
        }
    }

    @Test
    void experimentsRoundTripThroughJson() {
        Experiment e = Experiment.of("copi", DataSpec.of(DatasetName.FASHION_MNIST), DecorrelatedMlpSpec.of(784, 100, 10),
                new CopiSpec().toBuilder().route(Route.FA).decorrelation(Decorrelation.Rule.BIO).build(), OptimizerSpec.sgd(1e-3),
                TrainingOptions.of(3, 50), 1);
        assertEquals(e, Experiment.fromJson(e.toJson()));
        assertEquals("copi", e.ruleName());
        Experiment b = e.toBuilder().rule(new DecorrelatedBackpropSpec().toBuilder().lossMultiplier(1).build())
                .network(DecorrelatedMlpSpec.of(784, 100, 10).toBuilder().decorrelate(false).build()).build();
        assertEquals(b, Experiment.fromJson(b.toJson()));
        assertEquals("bp-decor", b.ruleName());
        long decorrelationLayers = b.network().build(1).layers().stream().filter(l -> l instanceof Decorrelation).count();
        assertEquals(0, decorrelationLayers);
        List<Layer> layers = e.network().build(1).layers();
        assertEquals(List.of("decor1", "dense1", "act1", "decor2", "dense2"), layers.stream().map(Layer::name).toList());
    }
}
