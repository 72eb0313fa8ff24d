package org.creditlab.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.creditlab.data.DataSplits;
import org.creditlab.data.Dataset;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.rules.pepita.ConvUpdate;
import org.creditlab.rules.pepita.PepitaSpec;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.Trainer;
import org.creditlab.train.TrainingOptions;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PEPITA trains its paper's one-convolution model ({@link CnnSpec#pepita}) on small images for a few steps through the
 * real loop ({@link Trainer}, per-step workspaces) in both conv conventions: no shape error, finite losses, every
 * forward weight moved. Every registered rule with a convolutional form is run on a small ResNet by
 * {@link RuleContractTest}.
 */
class ConvRulesSmokeTest {

    private static Dataset images(int n, long seed) {
        Rng rng = Rng.of(seed);
        INDArray x = rng.normal(DataType.FLOAT, 0, 1, n, 144);
        int[] labels = IntStream.range(0, n).map(i -> i % 3).toArray();
        return new Dataset("random", x, labels, 3, List.of("a", "b", "c"), new long[] {1, 12, 12}, null);
    }

    private static void trains(Network net, RuleSpec spec) {
        Map<Parameter, INDArray> before = new HashMap<>();
        net.parameters().forEach(p -> before.put(p, p.value().dup()));
        LearningRule rule = spec.create(net, 3);
        MetricsTable m = new Trainer("smoke", net, rule, Optimizers.of(OptimizerSpec.sgd(0.05)),
                TrainingOptions.of(1, 16).toBuilder().evaluateTrain(false).build(), 4).fit(new DataSplits(images(48, 1), null, images(16, 2)));
        assertTrue(Double.isFinite(m.last().get("train_loss")) && Double.isFinite(m.last().get("test_loss")), spec.ruleName());
        for (var w : net.weightLayers()) {
            assertFalse(before.get(w.weight()).equalsWithEps(w.weight().value(), 0), spec.ruleName() + ": " + w.name() + " did not learn");
        }
    }

    @Test
    void pepitaTrainsItsOneConvolutionModel() {
        // the standard update, the authors' conv code as the study ships it, and its --sqrt_conv option
        for (PepitaSpec spec : List.of(new PepitaSpec(), PepitaSpec.convolutional(),
                PepitaSpec.convolutional().toBuilder().conv(new ConvUpdate(ConvUpdate.Sign.ASCENT, ConvUpdate.Positions.SQRT, true)).build())) {
            trains(CnnSpec.pepita(1, 12, 12).toBuilder().outputs(3).build().build(2), spec);
        }
    }

    @Test
    void pepitaRefusesConvolutionsInsideBlocksItWouldNotTrain() {
        Network resnet = CnnSpec.resnet(1, 4, 1, 12, 12).build(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PepitaSpec().create(resnet, 3));
        assertTrue(e.getMessage().contains("would stay untrained"), e.getMessage());
    }
}
