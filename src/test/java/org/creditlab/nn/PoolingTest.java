package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Pooling, global pooling and flattening against loops written from PyTorch's definitions. */
class PoolingTest {

    static Stream<Arguments> windows() {
        return Stream.of(Arguments.of(2, 2, 0), Arguments.of(3, 2, 1), Arguments.of(3, 1, 1), Arguments.of(2, 1, 0),
                Arguments.of(3, 3, 0));
    }

    @ParameterizedTest(name = "k={0} s={1} p={2}")
    @MethodSource("windows")
    void maxAndAverageMatchTheDefinitions(int k, int s, int p) {
        long[] in = {2, 7, 6};
        INDArray x = Rng.of(k * 100 + s * 10 + p).normal(DataType.DOUBLE, 0, 1, 3, 2, 7, 6);
        double[][][][] a = ConvReference.toArray(x);
        Window w = new Window(k, s, p);
        INDArray max = Pool2d.max("max", w, in).forward(x, new LayerRecord(null, Mode.EVAL, null, null));
        INDArray avg = Pool2d.average("avg", w, in).forward(x, new LayerRecord(null, Mode.EVAL, null, null));
        int oh = (7 + 2 * p - k) / s + 1;
        int ow = (6 + 2 * p - k) / s + 1;
        assertArrayEquals(new long[] {3, 2, oh, ow}, max.shape());
        for (int n = 0; n < 3; n++) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double m = Double.NEGATIVE_INFINITY;
                        double sum = 0;
                        for (int u = 0; u < k; u++) {
                            for (int v = 0; v < k; v++) {
                                int h = i * s + u - p;
                                int col = j * s + v - p;
                                if (h >= 0 && col >= 0 && h < 7 && col < 6) {
                                    m = Math.max(m, a[n][c][h][col]);
                                    sum += a[n][c][h][col];
                                }
                            }
                        }
                        assertEquals(m, max.getDouble(n, c, i, j), 1e-15);
                        assertEquals(sum / (k * k), avg.getDouble(n, c, i, j), 1e-14); // count_include_pad
                    }
                }
            }
        }
    }

    /** The 2×2 window has a loop per element type; both are checked. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void maxSendsTheGradientToTheFirstMaximumOfAWindow(String precision) {
        DataType type = DataType.valueOf(precision);
        // windows with ties, as after a ReLU: the whole gradient goes to the first maximum in row-major order
        INDArray x = ConvReference.toNd(new double[][][][] {{{
                {0, 0, 1, 3},
                {0, 0, 3, 2},
                {5, 5, 2, 2},
                {5, 1, 2, 2}}}}).castTo(type);
        Pool2d pool = Pool2d.max("pool", Window.of(2), 1, 4, 4);
        LayerRecord rec = new LayerRecord(pool, Mode.TRAIN, null, null);
        INDArray y = pool.forward(x, rec);
        rec.complete(x, y);
        assertEquals(type, y.dataType());
        assertArrayEquals(new double[] {0, 3, 5, 2}, y.reshape(4).toDoubleVector(), 0);
        INDArray g = ConvReference.toNd(new double[][][][] {{{{1, 2}, {3, 4}}}}).castTo(type);
        INDArray dx = pool.backward(rec, g, null);
        double[][] expected = {
                {1, 0, 0, 2},
                {0, 0, 0, 0},
                {3, 0, 4, 0},
                {0, 0, 0, 0}};
        for (int h = 0; h < 4; h++) {
            assertArrayEquals(expected[h], dx.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(h),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).toDoubleVector(), 0, "row " + h);
        }
        // an evaluation record keeps no positions; the backward pass finds the same ones
        LayerRecord eval = new LayerRecord(pool, Mode.EVAL, null, null);
        eval.complete(x, pool.forward(x, eval));
        assertEquals(dx, pool.backward(eval, g, null));
    }

    /**
     * The Vector API's 2×2 path against the scalar loop: the same maxima and the same gradients, bit for bit, on maps
     * with many ties (small integers, as after a ReLU) and NaNs, at the reference CNN's sizes, maps narrower than a
     * vector, batches of one, and batches whose last rows take the scalar twins (whole vectors there would reach past
     * the end of ND4J's memory).
     */
    @ParameterizedTest(name = "{0}x{1}x{2}, batch {3}")
    @MethodSource("vectorCases")
    void theVectorPathPoolsAsTheScalarLoop(int c, int h, int w, int n) {
        Pool2d vector = Pool2d.max("pool", Window.of(2), c, h, w);
        Pool2d scalar = new Pool2d("pool", Pool2d.Kind.MAX, Window.of(2), false, c, h, w);
        Assumptions.assumeTrue(vector.vectorised(), "the JVM runs without jdk.incubator.vector");
        assertTrue(!scalar.vectorised());
        Rng rng = Rng.of(c * 1000 + h * 10 + n);
        INDArray x = Transforms.floor(rng.uniform(DataType.FLOAT, 0, 4, n, c, h, w), false);
        x.putScalar(new long[] {0, 0, 0, 1}, Float.NaN);
        INDArray g = rng.normal(DataType.FLOAT, 0, 1, n, c, h / 2, w / 2);
        for (int pass = 0; pass < 2; pass++) { // the second reuses the path's buffers
            LayerRecord v = new LayerRecord(vector, Mode.TRAIN, null, null);
            LayerRecord s = new LayerRecord(scalar, Mode.TRAIN, null, null);
            INDArray yv = vector.forward(x, v);
            INDArray ys = scalar.forward(x, s);
            v.complete(x, yv);
            s.complete(x, ys);
            assertArrayEquals(ys.data().asFloat(), yv.data().asFloat());
            assertArrayEquals(scalar.backward(s, g, null).data().asFloat(), vector.backward(v, g, null).data().asFloat());
        }
        LayerRecord eval = new LayerRecord(vector, Mode.EVAL, null, null);
        INDArray y = vector.forward(x, eval);
        eval.complete(x, y);
        LayerRecord s = new LayerRecord(scalar, Mode.TRAIN, null, null);
        s.complete(x, scalar.forward(x, s));
        assertArrayEquals(scalar.backward(s, g, null).data().asFloat(), vector.backward(eval, g, null).data().asFloat());
    }

    /** Views (a batch sliced from a larger array, as a network's input may be) are pooled like the arrays they show. */
    @Test
    void theVectorPathPoolsViews() {
        Pool2d vector = Pool2d.max("pool", Window.of(2), 3, 6, 8);
        Pool2d scalar = new Pool2d("pool", Pool2d.Kind.MAX, Window.of(2), false, 3, 6, 8);
        Assumptions.assumeTrue(vector.vectorised(), "the JVM runs without jdk.incubator.vector");
        Rng rng = Rng.of(31);
        INDArray big = rng.normal(DataType.FLOAT, 0, 1, 7, 3, 6, 8);
        INDArray x = big.get(NDArrayIndex.interval(2, 6), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray g = rng.normal(DataType.FLOAT, 0, 1, 9, 3, 3, 4)
                .get(NDArrayIndex.interval(1, 5), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        LayerRecord v = new LayerRecord(vector, Mode.TRAIN, null, null);
        LayerRecord s = new LayerRecord(scalar, Mode.TRAIN, null, null);
        INDArray yv = vector.forward(x, v);
        INDArray ys = scalar.forward(x.dup(), s);
        v.complete(x, yv);
        s.complete(x, ys);
        assertArrayEquals(ys.data().asFloat(), yv.data().asFloat());
        assertArrayEquals(scalar.backward(s, g.dup(), null).data().asFloat(), vector.backward(v, g, null).data().asFloat());
    }

    static Stream<Arguments> vectorCases() {
        return Stream.of(Arguments.of(16, 28, 28, 64), Arguments.of(32, 14, 14, 7), Arguments.of(3, 6, 4, 1),
                Arguments.of(1, 2, 2, 3), Arguments.of(2, 4, 66, 2),
                Arguments.of(8, 4, 2, 5), Arguments.of(5, 8, 34, 3));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void aNaNInAWindowIsItsMaximum(String precision) {
        // a diverged activation must reach the loss's check, not vanish in the pooling
        INDArray x = ConvReference.toNd(new double[][][][] {{{{1, Double.NaN}, {2, 0}}}}).castTo(DataType.valueOf(precision));
        Pool2d pool = Pool2d.max("pool", Window.of(2), 1, 2, 2);
        assertTrue(Double.isNaN(pool.forward(x, new LayerRecord(pool, Mode.EVAL, null, null)).getDouble(0)));
    }

    @Test
    void globalAveragePoolingAndFlattenFollowTheirDefinitions() {
        INDArray x = Rng.of(3).normal(DataType.DOUBLE, 0, 1, 2, 3, 4, 5);
        INDArray gap = new GlobalAveragePool("gap", 3, 4, 5).forward(x, new LayerRecord(null, Mode.EVAL, null, null));
        double[][][][] a = ConvReference.toArray(x);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (double[] row : a[n][c]) {
                    for (double v : row) {
                        sum += v;
                    }
                }
                assertEquals(sum / 20, gap.getDouble(n, c), 1e-14);
            }
        }
        INDArray flat = new Flatten("flat", 3, 4, 5).forward(x, new LayerRecord(null, Mode.EVAL, null, null));
        assertArrayEquals(new long[] {2, 60}, flat.shape());
        assertEquals(a[1][2][3][4], flat.getDouble(1, 2 * 20 + 3 * 5 + 4), 0); // c order, as PyTorch's Flatten
    }
}
