package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Precision;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.train.TrainingOptions;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A float32 sleep phase ({@link DfcSpec#sleepPrecision()}) moves Q's updates by rounding only: with the same noise
 * draws, one step's updates agree with float64's to about 1e-5 (a training with the shipped settings:
 * {@code papers.dfc.SleepPrecisionTrainingTest}). The default stays float64 and out of the run ids.
 */
class SleepPrecisionTest {

    /** The Fashion-MNIST sleep controller of the shipped settings, on a small tanh network. */
    @Test
    void aFloat32SleepStepGivesFloat64sUpdatesUpToRounding() {
        Network network = DfcFixtures.tanh(3, 40, 24, 24, 24, 10);
        ControlledNetwork net = ControlledNetwork.of(network);
        FeedbackWeights q = FeedbackWeights.random(net, Init.xavierNormal(), Rng.of(4));
        Controller sleep = new DfcSpec().sleep();
        INDArray x = Rng.of(5).uniform(DataType.DOUBLE, -1, 1, 32, 40);
        SleepPhase wide = new SleepPhase(net, q, sleep, false, 0, new DynamicsCache(net));
        SleepPhase narrow = new SleepPhase(net, q, sleep, false, 0, new DynamicsCache(net, DataType.FLOAT));
        wide.step(x, Rng.of(7), false);
        narrow.step(x, Rng.of(7), false);
        for (int i = 0; i < net.depth() - 1; i++) {
            INDArray a = wide.updates().of(q.parameter(i));
            INDArray b = narrow.updates().of(q.parameter(i));
            assertEquals(DataType.DOUBLE, b.dataType(), "Q's updates stay float64");
            double rel = DfcFixtures.relative(b, a);
            assertTrue(rel > 0, "layer " + i + ": the float32 path ran (its updates differ from float64's by rounding)");
            assertTrue(rel < 3e-5, "layer " + i + ": relative distance " + rel + " (measured: 1.3-1.5e-5)");
        }
    }

    @Test
    void theDefaultStaysOutOfTheJsonSoThatRunIdsDoNotMove() {
        Experiment wide = experiment(new DfcSpec());
        Experiment narrow = experiment(new DfcSpec().toBuilder().sleepPrecision(Precision.FLOAT32).build());
        assertFalse(wide.toJson().contains("sleepPrecision"), wide.toJson());
        assertTrue(narrow.toJson().contains("\"sleepPrecision\" : \"FLOAT32\"") || narrow.toJson().contains("\"sleepPrecision\":\"FLOAT32\""),
                narrow.toJson());
        assertEquals(narrow, Experiment.fromJson(narrow.toJson()));
        assertEquals(Precision.FLOAT64, ((DfcSpec) Experiment.fromJson(wide.toJson()).rule()).sleepPrecision());
        assertFalse(wide.runId().equals(narrow.runId()), "float32 is its own run");
        assertEquals("dfc-ssa-f32", narrow.ruleName(), "and tables name it");
        IllegalArgumentException fixed = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DfcSpec().toBuilder().trainFeedback(false).sleepPrecision(Precision.FLOAT32).build());
        assertTrue(fixed.getMessage().contains("no sleep phase"), fixed.getMessage());
    }

    private static Experiment experiment(DfcSpec rule) {
        DataSpec data = DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(384).testLimit(300).download(false).build();
        MlpSpec net = new MlpSpec(784, java.util.List.of(24, 24), 10, Nonlinearity.tanh(), true, Init.xavierNormal(),
                Init.zeros(), 0, false, Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT64);
        OptimizerSpec adam = OptimizerSpec.adam(2e-3).toBuilder().beta1(0.99).beta2(0.99).epsilon(1e-8).build();
        return new Experiment("dfc-precision", data, net, rule,
                Map.of("default", adam, "feedback", adam.toBuilder().learningRate(5e-3).build(),
                        "feedback_init", adam.toBuilder().learningRate(5e-3).build()),
                TrainingOptions.of(1, 64).toBuilder().evaluateTrain(false).build(), 3);
    }
}
