package org.creditlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DataSplits;
import org.creditlab.data.Dataset;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.DecorrelatedMlpSpec;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Pool2d;
import org.creditlab.nn.Precision;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.results.Json;
import org.creditlab.results.RunStore;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.Trainer;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingRun;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every registered rule must do, built-in or registered later (by a notebook, a test, a provider), checked the
 * same way for each name in {@link Rules#all()} with its defaults:
 *
 * <ul>
 *   <li>its settings survive a JSON round trip, and its name, label and run id resolve;</li>
 *   <li>it trains two steps of a tiny MLP through {@link Runner}, with finite losses and moving parameters;</li>
 *   <li>a run interrupted after its first epoch resumes from the checkpoint to the uninterrupted run's numbers, weights,
 *       rule parameters and buffers, bit for bit, and is then loaded;</li>
 *   <li>if it accepts a convolutional network (BatchNorm, a residual block with a strided projection, pooling), it
 *       trains it a few steps and moves every forward weight. A rule without a convolutional form must refuse one in
 *       {@code create} with an IllegalArgumentException.</li>
 * </ul>
 *
 * The MLP is the first of {@link #MLPS} that the rule accepts (COPI needs its decorrelated network without biases,
 * DFC double precision).
 */
class RuleContractTest {
    @TempDir
    Path tmp;

    /** Tiny MLPs in double precision, tried in order. */
    static final List<NetworkSpec> MLPS = List.of(
            MlpSpec.of(784, 12, 10).toBuilder().activation(Nonlinearity.tanh()).precision(Precision.FLOAT64).build(),
            DecorrelatedMlpSpec.of(784, 12, 10).toBuilder().precision(Precision.FLOAT64).build());

    static Stream<String> rules() {
        return Rules.all().keySet().stream();
    }

    /** 20 training examples in batches of 10: two steps an epoch. */
    private static Experiment experiment(String name, int epochs) {
        RuleSpec spec = Rules.defaults(name);
        for (NetworkSpec net : MLPS) {
            try {
                spec.create(net.build(1), 1);
            } catch (IllegalArgumentException refused) {
                continue;
            }
            DataSpec data = DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(20).testLimit(20).download(false).build();
            return Experiment.of("contract", data, net, spec, OptimizerSpec.sgd(0.01).toBuilder().momentum(0.9).build(),
                    TrainingOptions.of(epochs, 10), 3);
        }
        throw new AssertionError("rule '" + name + "' accepts none of the contract's networks " + MLPS);
    }

    private Runner runner(String folder) {
        return Runner.standard().quiet().store(new RunStore(tmp.resolve(folder)));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void settingsSurviveJsonAndNameTheRule(String name) {
        RuleSpec spec = Rules.defaults(name);
        assertTrue(Rules.entry(name).spec().isInstance(spec), name);
        String json = Json.write(spec);
        RuleSpec back = Json.read(json, RuleSpec.class);
        assertEquals(spec, back, json);
        assertEquals(json, Json.write(back));
        String label = spec.ruleName();
        assertFalse(label.isBlank(), name);
        Experiment e = experiment(name, 1);
        assertEquals(e, Experiment.fromJson(e.toJson()));
        assertTrue(e.runId().startsWith(label + "-s3-"), e.runId());
    }

    @ParameterizedTest
    @MethodSource("rules")
    void trainsTwoStepsResumesBitForBitAndLoads(String name) {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        Experiment e = experiment(name, 2);
        RunResult whole = runner("whole").run(e);
        MetricsTable m = whole.metrics();
        assertEquals(2, m.epochs());
        assertTrue(Arrays.stream(m.column("test_loss")).allMatch(Double::isFinite), name + ": " + m.format());
        Map<String, INDArray> initial = state(e.network().build(e.seed()), e.rule().create(e.network().build(e.seed()), e.seed()));
        Map<String, INDArray> trained = state(whole.network(), whole.rule());
        assertTrue(initial.keySet().stream().anyMatch(k -> !Arrays.equals(bits(initial.get(k)), bits(trained.get(k)))),
                name + ": nothing learned");

        Runner crashing = runner("split").listen(new TrainingListener() {
            @Override
            public void endEpoch(TrainingRun run, EpochRecord r) {
                if (r.get("epoch") == 2) { // listeners run before the store: epoch 1 is committed, epoch 2 is not
                    throw new IllegalStateException("simulated crash in epoch 2");
                }
            }
        });
        assertThrows(IllegalStateException.class, () -> crashing.run(e));
        RunResult resumed = runner("split").run(e);
        assertFalse(resumed.loaded());
        assertSameRun(whole, resumed, name);
        RunResult loaded = runner("split").run(e);
        assertTrue(loaded.loaded());
        assertSameRun(whole, loaded, name);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void trainsASmallResNetWhereItHasAConvolutionalForm(String name) {
        Network net = new CnnSpec(List.of(1L, 12L, 12L), List.of(new CnnSpec.Conv(4, 3, 1, 1, false, true),
                new CnnSpec.ResidualStage(6, 1, 2), new CnnSpec.Pool(Pool2d.Kind.MAX, 2, 2, 0), new CnnSpec.Hidden(8)),
                3, Nonlinearity.relu(), true, Init.heNormal(), Init.zeros(), Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT32).build(2);
        Map<Parameter, INDArray> before = new HashMap<>();
        net.parameters().forEach(p -> before.put(p, p.value().dup()));
        LearningRule rule;
        try {
            rule = Rules.defaults(name).create(net, 3);
        } catch (IllegalArgumentException dense) {
            abort(name + " has no convolutional form: " + dense.getMessage());
            return;
        }
        MetricsTable m = new Trainer("smoke", net, rule, Optimizers.of(OptimizerSpec.sgd(0.05)),
                TrainingOptions.of(1, 16).toBuilder().evaluateTrain(false).build(), 4).fit(new DataSplits(images(48, 1), null, images(16, 2)));
        assertTrue(Double.isFinite(m.last().get("train_loss")) && Double.isFinite(m.last().get("test_loss")), name);
        for (var w : net.weightLayers()) {
            assertFalse(before.get(w.weight()).equalsWithEps(w.weight().value(), 0), name + ": " + w.name() + " did not learn");
        }
    }

    static Dataset images(int n, long seed) {
        INDArray x = Rng.of(seed).normal(DataType.FLOAT, 0, 1, n, 144);
        int[] labels = IntStream.range(0, n).map(i -> i % 3).toArray();
        return new Dataset("random", x, labels, 3, List.of("a", "b", "c"), new long[] {1, 12, 12}, null);
    }

    /** The network's parameters and buffers and the rule's, by name. */
    static Map<String, INDArray> state(Network net, LearningRule rule) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        net.parameters().forEach(p -> m.put("network/" + p.name(), p.value()));
        net.buffers().forEach((k, v) -> m.put("network-buffer/" + k, v));
        rule.parameters().forEach(p -> m.put("rule/" + p.name(), p.value()));
        rule.buffers().forEach((k, v) -> m.put("rule-buffer/" + k, v));
        return m;
    }

    /** Every metric but the wall-clock time, and every array, bit for bit. */
    static void assertSameRun(RunResult expected, RunResult actual, String name) {
        MetricsTable a = expected.metrics();
        MetricsTable b = actual.metrics();
        assertEquals(a.columns(), b.columns(), name);
        for (String c : a.columns()) {
            if (!c.equals("seconds")) {
                assertEquals(Arrays.toString(a.column(c)), Arrays.toString(b.column(c)), name + ": " + c);
            }
        }
        Map<String, INDArray> sa = state(expected.network(), expected.rule());
        Map<String, INDArray> sb = state(actual.network(), actual.rule());
        assertEquals(sa.keySet(), sb.keySet(), name);
        sa.forEach((k, v) -> {
            assertEquals(Arrays.toString(v.shape()), Arrays.toString(sb.get(k).shape()), name + ": " + k);
            assertTrue(Arrays.equals(bits(v), bits(sb.get(k))), name + ": " + k + " differs");
        });
    }

    /** Every element, exactly (float32 widens to float64 without rounding). */
    static double[] bits(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }
}
