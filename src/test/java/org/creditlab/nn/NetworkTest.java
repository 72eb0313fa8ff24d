package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class NetworkTest {

    @Test
    void shapeMismatchNamesTheLayer() {
        Rng rng = Rng.of(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Network(DataType.FLOAT,
                new long[] {784}, List.of(
                        new Dense("dense1", 784, 256, true, Init.heUniform(), Init.zeros(), DataType.FLOAT, rng),
                        new Activation("act1", Nonlinearity.relu(), 256),
                        new Dense("dense2", 128, 10, true, Init.heUniform(), Init.zeros(), DataType.FLOAT, rng)),
                Loss.SOFTMAX_CROSS_ENTROPY));
        assertTrue(e.getMessage().contains("dense2") && e.getMessage().contains("[128]") && e.getMessage().contains("act1"),
                e.getMessage());
    }

    @Test
    void wrongInputWidthIsReported() {
        Network net = MlpSpec.of(784, 16, 10).build(1);
        INDArray x = Rng.of(2).normal(DataType.FLOAT, 0, 1, 4, 3072);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.output(x));
        assertTrue(e.getMessage().contains("784") && e.getMessage().contains("3072"), e.getMessage());
    }

    @Test
    void sameSeedSameWeightsDifferentSeedDifferentWeights() {
        assertEquals(MlpSpec.of(20, 10, 3).build(5).parameters().get(0).value(), MlpSpec.of(20, 10, 3).build(5).parameters().get(0).value());
        assertNotEquals(MlpSpec.of(20, 10, 3).build(5).parameters().get(0).value(), MlpSpec.of(20, 10, 3).build(6).parameters().get(0).value());
    }

    @Test
    void dropoutMaskIsReusedByALaterPassAndOffInEvaluation() {
        Network net = MlpSpec.of(30, 40, 5).toBuilder().dropout(0.5).build().build(1);
        INDArray x = Rng.of(3).normal(DataType.FLOAT, 0, 1, 8, 30);
        Trace first = net.forward(x, Mode.TRAIN, Rng.of(4));
        Trace second = net.forwardLike(first, x.add(0.01));
        Dropout d = (Dropout) net.layer(2);
        assertEquals(d.mask(first.record(2)), d.mask(second.record(2)));
        INDArray mask = d.mask(first.record(2));
        double kept = mask.gt(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.5, kept, 0.1);
        assertEquals(2.0, mask.maxNumber().doubleValue(), 1e-6);
        Trace fresh = net.forward(x, Mode.TRAIN, Rng.of(5));
        assertNotEquals(mask, d.mask(fresh.record(2)));
        Trace eval = net.forward(x, Mode.EVAL, null);
        assertEquals(eval.record(1).output(), eval.record(2).output());
    }

    @Test
    void initialisersHaveTheirStatedScale() {
        Rng rng = Rng.of(9);
        INDArray he = Init.heUniform().scaled(0.05).sample(rng, DataType.DOUBLE, 784, 10, 784, 10);
        assertEquals(0.05 * Math.sqrt(6.0 / 784), he.amaxNumber().doubleValue(), 1e-4);
        INDArray xn = Init.xavierNormal().sample(rng, DataType.DOUBLE, 500, 300, 300, 500);
        assertEquals(Math.sqrt(2.0 / 800), xn.stdNumber().doubleValue(), 1e-3);
        INDArray hn = Init.heNormal().sample(rng, DataType.DOUBLE, 400, 200, 200, 400);
        assertEquals(Math.sqrt(2.0 / 400), hn.stdNumber().doubleValue(), 1e-3);
        INDArray xu = Init.xavierUniform().sample(rng, DataType.DOUBLE, 300, 100, 100, 300);
        assertEquals(Math.sqrt(6.0 / 400) / Math.sqrt(3), xu.stdNumber().doubleValue(), 1e-3);
        assertEquals(3.0, Init.identity().sample(rng, DataType.DOUBLE, 3, 3, 3, 3).sumNumber().doubleValue(), 0);
    }

    @Test
    void batchNormUsesRunningStatisticsInEvaluation() {
        BatchNorm bn = new BatchNorm("bn", 3, 1e-5, 1.0, DataType.DOUBLE);
        Network net = new Network(DataType.DOUBLE, new long[] {3}, List.of(bn), Loss.MEAN_SQUARED_ERROR);
        INDArray x = Rng.of(1).normal(DataType.DOUBLE, 5, 2, 64, 3);
        INDArray train = net.forward(x, Mode.TRAIN, Rng.of(0)).output();
        assertEquals(0, train.mean(0).amaxNumber().doubleValue(), 1e-9);
        // momentum 1: running statistics are the last batch's, so evaluation reproduces training up to the unbiased variance
        INDArray eval = net.output(x);
        assertEquals(0, eval.mean(0).amaxNumber().doubleValue(), 1e-9);
        assertEquals(Math.sqrt(63.0 / 64), eval.std(0).getDouble(0) / train.std(0).getDouble(0), 1e-6);
    }

    @Test
    void aLaterPassCanBeGivenItsFirstLayersOutput() {
        Network net = MlpSpec.of(4, 6, 3).toBuilder().dropout(0.5).precision(Precision.FLOAT64).build().build(1);
        INDArray x = Rng.of(2).normal(DataType.DOUBLE, 0, 1, 5, 4);
        Trace first = net.forward(x, Mode.TRAIN, Rng.of(3));
        INDArray x2 = x.add(0.1);
        Trace full = net.forwardLike(first, x2);
        Trace given = net.forwardLike(first, x2, full.record(0).output().dup());
        assertEquals(full.output(), given.output());
        assertEquals(x2, given.record(0).input());
        INDArray shifted = full.record(0).output().add(1.0);
        Trace other = net.forwardLike(first, x2, shifted);
        assertEquals(shifted, other.record(0).output(), "the given output is used, not recomputed");
        assertNotEquals(full.output(), other.output());
    }

    @Test
    void anMlpCanHaveOneActivationPerHiddenLayerAndKeepsItsJsonWithout() {
        MlpSpec plain = MlpSpec.of(6, 5, 4, 3, 6).toBuilder().loss(Loss.MEAN_SQUARED_ERROR).build();
        MlpSpec mixed = plain.toBuilder().hiddenActivations(List.of(Nonlinearity.tanh(), Nonlinearity.identity(), Nonlinearity.tanh())).build();
        Network net = mixed.build(1);
        INDArray x = Rng.of(2).normal(DataType.FLOAT, 0, 1, 3, 6);
        // by hand: dense1 → tanh → dense2 (identity) → dense3 → tanh → dense4
        INDArray h = x;
        int dense = 0;
        for (Layer l : net.layers()) {
            if (l instanceof Dense d) {
                h = h.mmul(d.weight().value().transpose()).addRowVector(d.bias().value());
                dense++;
            } else if (dense != 2) {
                h = org.nd4j.linalg.ops.transforms.Transforms.tanh(h, true);
            }
        }
        assertTrue(h.equalsWithEps(net.output(x), 1e-5));
        assertEquals(mixed, org.creditlab.results.Json.read(org.creditlab.results.Json.write(mixed), NetworkSpec.class));
        assertTrue(!org.creditlab.results.Json.write(plain).contains("hiddenActivations"), "left out when empty");
        assertEquals(plain.build(1).parameters().get(0).value(), net.parameters().get(0).value(), "same draws");
        assertThrows(IllegalArgumentException.class, () -> plain.toBuilder().hiddenActivations(List.of(Nonlinearity.tanh())).build());
    }
}
