package org.creditlab.rules.copi;

import static org.creditlab.nn.DecorrelatedNetworks.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.data.Dataset;
import org.creditlab.nn.DecorrelatedNetworks;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Trace;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

/** Network compression and linear-readout receptive fields against least squares solved directly. */
class CompressionTest {

    static Dataset data(int n, int features, int classes, long seed) {
        Rng rng = Rng.of(seed);
        INDArray x = rng.normal(DataType.DOUBLE, 0.2, 1, n, features);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return new Dataset("random", x, labels, classes, java.util.stream.IntStream.range(0, classes).mapToObj(String::valueOf).toList(),
                new long[] {features}, null);
    }

    @Test
    void theReadoutOfTheUntouchedTopLayerIsThatLayer() {
        Network net = DecorrelatedNetworks.network(3, 6, 5, 4, 3);
        Dataset train = data(200, 6, 3, 1);
        Dataset test = data(100, 6, 3, 2);
        List<Integer> dense = Compression.denseIndices(net);
        int top = dense.get(dense.size() - 1);
        // the output is linear in the top layer's input, so least squares recovers its weights exactly
        INDArray w = Compression.fit(net, train, top, Compression.Readout.LEAST_SQUARES);
        assertClose(((Dense) net.layer(top)).weight().value(), w, 1e-5, "least-squares readout of dense3");
        List<Compression.Level> curve = Compression.curve(net, train, test, Compression.Readout.LEAST_SQUARES);
        // k layers removed: a readout from the input of dense(L − k) replaces dense(L − k)..dense(L)
        assertEquals(List.of("network", "dense2", "dense1"), curve.stream().map(Compression.Level::source).toList());
        assertEquals(curve.get(0).testAccuracy(), Compression.accuracy(net, test, top, w), 1e-12, "readout of dense3 = the network");
        assertEquals(curve.get(0).trainAccuracy(), Compression.accuracy(net, train, top, w), 1e-12);
    }

    @Test
    void leastSquaresMatchesTheNormalEquationsAndTheDiagonalReadoutMatchesItUnderDecorrelation() {
        Rng rng = Rng.of(5);
        INDArray x = rng.normal(DataType.DOUBLE, 0, 1, 50, 4).mmul(rng.normal(DataType.DOUBLE, 0, 1, 4, 4));
        INDArray t = rng.normal(DataType.DOUBLE, 0, 1, 50, 3);
        LinearReadout r = new LinearReadout(4, 3, true);
        r.add(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 20), org.nd4j.linalg.indexing.NDArrayIndex.all()),
                t.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 20), org.nd4j.linalg.indexing.NDArrayIndex.all()));
        r.add(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(20, 50), org.nd4j.linalg.indexing.NDArrayIndex.all()),
                t.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(20, 50), org.nd4j.linalg.indexing.NDArrayIndex.all()));
        INDArray normal = t.transpose().mmul(x).mmul(InvertMatrix.invert(x.transpose().mmul(x), false));
        assertClose(normal, r.leastSquares(0), 1e-9, "batched least squares");
        assertTrue(normal.sub(r.diagonal(1e-8)).norm2Number().doubleValue() > 1e-2, "correlated x: the readouts differ");
        INDArray d = CopiTest.decorrelatedInputs();
        INDArray td = rng.normal(DataType.DOUBLE, 0, 1, 8, 3);
        LinearReadout rd = new LinearReadout(4, 3, true);
        rd.add(d, td);
        assertClose(rd.leastSquares(0), rd.diagonal(1e-8), 1e-9, "decorrelated x");
    }

    @Test
    void receptiveFieldsAreTheFlooredDiagonalReadoutOfTheDecorrelatedInput() {
        Network net = DecorrelatedNetworks.network(7, 6, 5, 4, 3);
        Dataset data = data(40, 6, 3, 3);
        INDArray rf = ReceptiveFields.of(net, data, 2, ReceptiveFields.VARIANCE_FLOOR);
        Trace t = net.forward(data.features(), Mode.EVAL, null);
        INDArray xt = t.record(1).input();
        INDArray a2 = t.record(4).output();
        INDArray expected = a2.transpose().mmul(xt).divi(40)
                .diviRowVector(org.nd4j.linalg.ops.transforms.Transforms.max(xt.mul(xt).mean(0), 0.1, false));
        assertClose(expected, rf, 1e-10, "receptive fields of layer 2");
        assertEquals(List.of(4L, 6L), List.of(rf.shape()[0], rf.shape()[1]));
        assertClose(xt, ReceptiveFields.decorrelatedInput(net, data.features()), 1e-12, "R₁·x");
        assertTrue(Nd4j.eye(6).castTo(DataType.DOUBLE).sub(net.layer(0).parameters().get(0).value()).norm2Number().doubleValue() > 0.1,
                "R₁ is not the identity here");
    }
}
