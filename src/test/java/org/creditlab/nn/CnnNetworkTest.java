package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.results.Json;
import org.creditlab.rules.BackwardPass;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Whole convolutional networks: backprop through residual blocks, the feedback seam inside blocks, specs. */
class CnnNetworkTest {

    /** conv+BN → max pool → residual (identity) → residual (projection, stride 2) → global pool → dense, float64. */
    static Network tinyResNet(long seed) {
        return new CnnSpec(List.of(1L, 6L, 6L), List.of(new CnnSpec.Conv(2, 3, 1, 1, true, true),
                new CnnSpec.Pool(Pool2d.Kind.MAX, 2, 2, 0), new CnnSpec.ResidualStage(2, 1, 1),
                new CnnSpec.ResidualStage(3, 1, 2), new CnnSpec.GlobalPool()), 3, Nonlinearity.tanh(), true,
                Init.heNormal(), Init.uniform(0.5), Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT64).build(seed);
    }

    static INDArray oneHot(int... labels) {
        return GradientCheckTest.oneHot(labels, 3);
    }

    @Test
    void backpropThroughResidualBlocksMatchesFiniteDifferences() {
        Network net = tinyResNet(3);
        INDArray x = Rng.of(4).normal(DataType.DOUBLE, 0, 1, 4, 1, 6, 6);
        INDArray y = oneHot(0, 2, 1, 2);
        Trace trace = net.forward(x, Mode.TRAIN, Rng.of(5));
        Updates grads = new Updates();
        BackwardPass.backprop(net, trace, net.loss().gradient(trace.output(), y), y, grads);
        assertEquals(net.parameters().size(), grads.parameters().size(), "every parameter, inner ones included, gets a gradient");
        for (Parameter p : net.parameters()) {
            // every parameter, at up to 8 entries each (ConvGradientCheckTest checks every entry of each layer)
            ConvGradientCheckTest.check(p.name(), p.value(), grads.get(p),
                    () -> net.loss().value(net.forwardLike(trace, x).output(), y), 8);
        }
    }

    @Test
    void feedbackEqualToTheWeightsReproducesBackpropInsideBlocks() {
        Network net = tinyResNet(7);
        INDArray x = Rng.of(8).normal(DataType.DOUBLE, 0, 1, 5, 1, 6, 6);
        INDArray y = oneHot(1, 0, 2, 2, 0);
        Trace trace = net.forward(x, Mode.TRAIN, Rng.of(9));
        INDArray e = net.loss().gradient(trace.output(), y);
        List<WeightLayer> weights = net.weightLayers();
        assertEquals(7, weights.size(), "stem conv, two convs per block, one projection, the output layer");

        Map<WeightLayer, INDArray> copies = new IdentityHashMap<>();
        for (WeightLayer w : weights) {
            copies.put(w, w.transportMatrix().dup());
        }
        List<WeightLayer> crossed = new ArrayList<>();
        Updates fa = new Updates();
        BackwardPass.Deltas deltas = BackwardPass.run(net, trace, e, y, w -> (layer, rec, d, s) -> {
            crossed.add(layer);
            assertSame(trace.recordOf(layer), rec, "the feedback sees the layer's own record");
            return layer.backwardThrough(copies.get(layer), d);
        }, fa);
        Updates bp = new Updates();
        BackwardPass.backprop(net, trace, e, y, bp);

        assertEquals(weights.size() - 1, crossed.size(), "every weight layer but the first is crossed by the feedback");
        assertTrue(crossed.containsAll(weights.subList(1, weights.size())));
        for (Parameter p : net.parameters()) {
            assertTrue(bp.get(p).equalsWithEps(fa.get(p), 1e-12), p.name() + ": " + bp.get(p) + " vs " + fa.get(p));
        }
        Residual block = (Residual) net.layers().stream().filter(l -> l instanceof Residual).findFirst().orElseThrow();
        assertNotNull(deltas.atOutput(block.branch().get(0)), "deltas reach the layers inside blocks");
    }

    @Test
    void blocksKeepTheirInnerRecordsBuffersAndRandomChoices() {
        Network net = tinyResNet(11);
        INDArray x = Rng.of(12).normal(DataType.DOUBLE, 0, 1, 3, 1, 6, 6);
        Trace first = net.forward(x, Mode.TRAIN, Rng.of(13));
        Residual block = (Residual) net.layers().stream().filter(l -> l instanceof Residual).findFirst().orElseThrow();
        LayerRecord inner = first.recordOf(block.branch().get(0));
        assertSame(first.recordOf(block).inner().get(0), inner);
        assertTrue(net.buffers().containsKey(block.name() + ".bn1.running_mean"), net.buffers().keySet().toString());
        Trace again = net.forwardLike(first, x);
        assertSame(inner, again.recordOf(block.branch().get(0)).earlier(), "a repeated pass links inner records too");
        assertTrue(net.output(x).equalsWithEps(net.output(x), 0));
    }

    @Test
    void specsBuildThePapersNetworksAndSurviveJson() {
        assertEquals(1568, ((Dense) last(CnnSpec.small(1, 28, 28).build(1))).inputs());
        assertEquals(4608, ((Dense) last(CnnSpec.pepita(1, 28, 28).build(1))).inputs());
        assertEquals(6272, ((Dense) last(CnnSpec.pepita(3, 32, 32).build(1))).inputs());
        Network pepita = CnnSpec.pepita(1, 28, 28).build(1);
        assertTrue(pepita.parameters().stream().noneMatch(p -> p.name().endsWith(".bias")), "PEPITA's models have no biases");
        Network resnet20 = CnnSpec.resnet(3, 16, 3, 32, 32).build(1);
        long convs = resnet20.weightLayers().stream().filter(w -> w instanceof Conv2d c && c.window().kernel() == 3).count();
        assertEquals(19, convs, "ResNet-20: 19 3×3 convolutions and the output layer (plus two projections)");
        for (CnnSpec spec : List.of(CnnSpec.small(1, 28, 28), CnnSpec.pepita(3, 32, 32), CnnSpec.resnet(1, 8, 1, 28, 28))) {
            assertEquals(spec, Json.read(Json.write((NetworkSpec) spec), NetworkSpec.class));
        }
    }

    private static Layer last(Network net) {
        return net.layer(net.size() - 1);
    }
}
