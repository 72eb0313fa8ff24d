package org.creditlab.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.creditlab.data.DataSplits;
import org.creditlab.data.Dataset;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Pool2d;
import org.creditlab.nn.Precision;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.rules.pepita.ConvUpdate;
import org.creditlab.rules.pepita.PepitaSpec;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.Trainer;
import org.creditlab.train.TrainingOptions;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every rule with a convolutional form trains a small float32 CNN for a few steps through the real loop
 * ({@link Trainer}, per-step workspaces): no shape error, finite losses, every forward weight moved. The network has
 * BatchNorm, a residual block with a strided 1×1 projection, max pooling and a hidden dense layer; PEPITA runs on its
 * paper's one-convolution model ({@link CnnSpec#pepita}) on small images.
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
                TrainingOptions.of(1, 16).withEvaluateTrain(false), 4).fit(new DataSplits(images(48, 1), null, images(16, 2)));
        assertTrue(Double.isFinite(m.last().get("train_loss")) && Double.isFinite(m.last().get("test_loss")), rule.name());
        for (var w : net.weightLayers()) {
            assertFalse(before.get(w.weight()).equalsWithEps(w.weight().value(), 0), rule.name() + ": " + w.name() + " did not learn");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bp", "fa", "dfa", "drtp", "usf", "brsf", "frsf", "wm", "ia", "sa", "aa", "kp"})
    void backwardPassRulesTrainASmallResNet(String name) {
        Network net = new CnnSpec(List.of(1L, 12L, 12L), List.of(new CnnSpec.Conv(4, 3, 1, 1, false, true),
                new CnnSpec.ResidualStage(6, 1, 2), new CnnSpec.Pool(Pool2d.Kind.MAX, 2, 2, 0), new CnnSpec.Hidden(8)),
                3, Nonlinearity.relu(), true, Init.heNormal(), Init.zeros(), Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT32).build(2);
        trains(net, Rules.defaults(name));
    }

    @Test
    void pepitaTrainsItsOneConvolutionModel() {
        for (PepitaSpec spec : List.of(new PepitaSpec(), PepitaSpec.convolutional().withConv(new ConvUpdate(ConvUpdate.Sign.ASCENT, ConvUpdate.Positions.SQRT, true)))) {
            trains(CnnSpec.pepita(1, 12, 12).withOutputs(3).build(2), spec);
        }
    }
}
