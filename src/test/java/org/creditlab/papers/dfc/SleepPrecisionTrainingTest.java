package org.creditlab.papers.dfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Precision;
import org.creditlab.rules.dfc.DfcSpec;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Fashion-MNIST DFC-SSA preset of Table 1 (its controllers, optimizers and 10 feedback pre-training epochs) on a
 * narrow network and a slice of the data, once with the paper's float64 sleep phase and once with float32. Q, trained
 * in 11 sleep epochs (10 pre-training and the first epoch's), differs by about 3e-8; the first layer's weights and the
 * test loss after one epoch by about 2e-7, the biases (from zero) by up to 6e-6.
 *
 * <p>With Q pre-trained for only 2 epochs of 3 batches the same comparison gives forward weights 4% apart after one
 * epoch, from Q 2e-8 apart: DFC-SSA's update (JQ + αI)^{-1} δ with α = 2e-4 magnifies any perturbation of an
 * ill-conditioned JQ, rounding included. That is a property of the rule early in training, not of the precision.
 */
class SleepPrecisionTrainingTest {
    @Test
    void aFloat32SleepPhaseTrainsLikeTheFloat64One() {
        Preset preset = DfcPresets.table1("fmnist", Method.DFC_SSA).toBuilder()
                .network(DfcNetworks.classifier(784, List.of(32, 32, 32), 10))
                .training(TrainingOptions.of(1, DfcPresets.BATCH).toBuilder().evaluateTrain(false).build()).build();
        DfcSpec wide = ((DfcSpec) preset.rule()).toBuilder().sleepBatches(10).build();
        DfcSpec narrow = wide.toBuilder().sleepPrecision(Precision.FLOAT32).build();
        DataSpec data = DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(2048).testLimit(500).download(false).build();
        RunResult a = Runner.standard().noStore().quiet().run(preset.toBuilder().rule(wide).build().experiment("precision", data, 1));
        RunResult b = Runner.standard().noStore().quiet().run(preset.toBuilder().rule(narrow).build().experiment("precision", data, 1));
        List<Parameter> qa = a.rule().parameters();
        List<Parameter> qb = b.rule().parameters();
        for (int i = 0; i < qa.size() - 1; i++) {
            double rel = relative(qb.get(i).value(), qa.get(i).value());
            assertTrue(rel > 0 && rel < 1e-6, "Q_" + (i + 1) + ": relative distance " + rel + " (0: float32 never ran)");
        }
        for (int i = 0; i < a.network().parameters().size(); i++) {
            double rel = relative(b.network().parameters().get(i).value(), a.network().parameters().get(i).value());
            String name = a.network().parameters().get(i).name();
            // the biases start at zero, so one epoch's rounding weighs more against their size (measured: up to 6e-6)
            double bound = name.endsWith("bias") ? 3e-5 : 1e-6;
            assertTrue(rel < bound, name + ": relative distance " + rel + " (measured: 1.7e-7 for W_1)");
        }
        assertEquals(a.last("test_loss"), b.last("test_loss"), 1e-6 * a.last("test_loss"));
    }

    private static double relative(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }
}
