package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Precision;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.results.RunStore;
import org.creditlab.rules.Rules;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rule as the training loop sees it: validation, learning, its configuration and its checkpoints. */
class DeepFeedbackControlTest {
    @TempDir
    Path tmp;

    private static MlpSpec net(int hidden) {
        return new MlpSpec(784, java.util.List.of(hidden, hidden), 10, Nonlinearity.tanh(), true, Init.xavierNormal(),
                Init.zeros(), 0, false, Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT64);
    }

    private static Experiment experiment(DfcSpec rule, int epochs) {
        DataSpec data = DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(512).testLimit(300).download(false).build();
        OptimizerSpec adam = OptimizerSpec.adam(2e-3).toBuilder().beta1(0.99).beta2(0.99).epsilon(1e-8).build();
        return new Experiment("dfc-test", data, net(16), rule,
                Map.of("default", adam.toBuilder().clipping(OptimizerSpec.Clipping.PER_TENSOR_NORM).maxNorm(1.0).build(),
                        "feedback", adam.toBuilder().learningRate(5e-3).clipping(OptimizerSpec.Clipping.GLOBAL_NORM).maxNorm(1.0).build(),
                        "feedback_init", adam.toBuilder().learningRate(5e-3).build()),
                TrainingOptions.of(epochs, 64).toBuilder().evaluateTrain(false).build(), 3);
    }

    private static DfcSpec quick(DfcSpec.Variant v, boolean trained) {
        return new DfcSpec().toBuilder().variant(v).trainFeedback(trained).pretrainEpochs(1).extraSleepEpochs(1).sleepBatches(2)
                .forward(Controller.of(0.01, 2, 0.02, 60, 0.2, false)).build();
    }

    /** With the weight-product feedback every variant starts close to backprop and learns at once. */
    @ParameterizedTest
    @EnumSource(DfcSpec.Variant.class)
    void everyVariantLearnsFashionMnistWithWeightProductFeedback(DfcSpec.Variant v) {
        RunResult r = Runner.standard().noStore().quiet().run(experiment(quick(v, false).toBuilder().includeNonConverged(true).build(), 2));
        double[] loss = r.metrics().column("test_loss");
        assertTrue(loss[1] < loss[0] && r.last("test_acc") > 0.4, v + ": test loss " + java.util.Arrays.toString(loss)
                + ", accuracy " + r.last("test_acc"));
    }

    @Test
    void aResumedRunContinuesExactlyAsAnUninterruptedOne() {
        Experiment e = experiment(quick(DfcSpec.Variant.DFC_SSA, true), 2);
        RunResult whole = Runner.standard().quiet().store(new RunStore(tmp.resolve("whole"))).run(e);
        Runner crashing = Runner.standard().quiet().store(new RunStore(tmp.resolve("split"))).listen(new TrainingListener() {
            @Override
            public void endEpoch(TrainingRun run, EpochRecord r) {
                if (r.get("epoch") == 1) {
                    throw new IllegalStateException("simulated crash after epoch 1");
                }
            }
        });
        assertThrows(IllegalStateException.class, () -> crashing.run(e));
        RunResult resumed = Runner.standard().quiet().store(new RunStore(tmp.resolve("split"))).run(e);
        assertEquals(whole.last("test_loss"), resumed.last("test_loss"), 0.0, "bit-identical after resuming");
        for (int i = 0; i < whole.rule().parameters().size(); i++) {
            assertEquals(whole.rule().parameters().get(i).value(), resumed.rule().parameters().get(i).value(), "Q_" + (i + 1));
        }
    }

    /** The sleep phase runs before the epochs' batches; its every round reports its start, each batch and its end. */
    @Test
    void theSleepPhaseShowsItsProgress() {
        java.util.List<String> events = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        Runner.standard().noStore().progress(new org.creditlab.train.ConsoleProgress(new java.io.PrintStream(printed), false, 0))
                .listen(new TrainingListener() {
                    @Override
                    public void rulePhase(TrainingRun run, int epoch, String phase, int done, int total) {
                        events.add((epoch + 1) + ": " + phase + " " + done + "/" + total);
                    }
                }).run(experiment(quick(DfcSpec.Variant.DFC_SSA, true), 2));
        assertEquals(java.util.List.of(
                "1: sleep phase, feedback pre-training 1 of 1 0/2", "1: sleep phase, feedback pre-training 1 of 1 1/2",
                "1: sleep phase, feedback pre-training 1 of 1 2/2",
                "1: sleep phase, feedback training 1 of 1 0/2", "1: sleep phase, feedback training 1 of 1 1/2",
                "1: sleep phase, feedback training 1 of 1 2/2",
                "2: sleep phase, feedback training 1 of 2 0/2", "2: sleep phase, feedback training 1 of 2 1/2",
                "2: sleep phase, feedback training 1 of 2 2/2",
                "2: sleep phase, feedback training 2 of 2 0/2", "2: sleep phase, feedback training 2 of 2 1/2",
                "2: sleep phase, feedback training 2 of 2 2/2"), events);
        String out = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains("before epoch 1: sleep phase, feedback pre-training 1 of 1, 2 batches")
                && out.contains("before epoch 2: sleep phase, feedback training 2 of 2 done in")
                && out.contains("sleep phase, feedback training 1 of 2, 1/2 batches (50%)"), out);
    }

    /**
     * A stored DFC-SSA run reproduces bit for bit (float64), and a reproduction of its first epoch stops before the
     * second epoch's sleep phase begins instead of paying for it.
     */
    @Test
    void aReproductionOfTheFirstEpochStopsBeforeTheNextSleepPhase() {
        Experiment e = experiment(quick(DfcSpec.Variant.DFC_SSA, true), 2);
        java.nio.file.Path folder = Runner.standard().quiet().store(new RunStore(tmp.resolve("stored"))).run(e).folder();
        java.util.List<String> sleepBatches = new java.util.ArrayList<>();
        Runner watching = Runner.standard().quiet().listen(new TrainingListener() {
            @Override
            public void rulePhase(TrainingRun run, int epoch, String phase, int done, int total) {
                sleepBatches.add((epoch + 1) + ":" + done); // this listener hears a phase's start before the stop does
            }
        });
        org.creditlab.experiment.Reproduction.Report first = org.creditlab.experiment.Reproduction.of(folder, 1, watching);
        assertTrue(first.identical() && first.epochs() == 1, first.describe());
        assertTrue(sleepBatches.contains("1:2") && sleepBatches.contains("2:0")
                && sleepBatches.stream().noneMatch(b -> b.startsWith("2:") && !b.equals("2:0")),
                "epoch 2's sleep phase began and stopped before its first batch: " + sleepBatches);
        assertTrue(org.creditlab.experiment.Reproduction.of(folder, null, Runner.standard().quiet()).identical());
    }

    @Test
    void specRoundTripsThroughJsonAndIsRegistered() {
        DfcSpec spec = quick(DfcSpec.Variant.DFC_SS, true).toBuilder().includeNonConverged(true).build();
        Experiment e = experiment(spec, 1);
        assertEquals(e, Experiment.fromJson(e.toJson()));
        assertEquals("dfc-ss", e.ruleName());
        assertEquals("dfc-ssa-fixed", new DfcSpec().toBuilder().trainFeedback(false).build().ruleName());
        assertTrue(Rules.defaults("dfc") instanceof DfcSpec);
        assertThrows(IllegalArgumentException.class, () -> spec.toBuilder().targetStepsize(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> spec.toBuilder().sleep(spec.sleep().toBuilder().sigma(0).sigmaOutput(0).build()).build(), "training feedback without noise");
    }

    @Test
    void rejectsNetworksItCannotControl() {
        var bn = MlpSpec.of(4, 3, 2).toBuilder().batchNorm(true).precision(Precision.FLOAT64).build().build(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ControlledNetwork.of(bn));
        assertTrue(e.getMessage().contains("'bn1'") && e.getMessage().contains("BatchNorm"), e.getMessage());
        var single = MlpSpec.of(4, 3, 2).build(1);
        e = assertThrows(IllegalArgumentException.class, () -> ControlledNetwork.of(single));
        assertTrue(e.getMessage().contains("FLOAT64"), e.getMessage());
    }
}
