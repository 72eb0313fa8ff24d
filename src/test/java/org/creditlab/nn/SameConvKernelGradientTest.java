package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The first layer's kernel and bias gradients in a fixed order: against the loop definition in float64, and the vector
 * path against the scalar one bit for bit, at maps whose positions are whole blocks of 16, fewer than 16, or neither.
 */
class SameConvKernelGradientTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(1, 16, 28, 28, 3, 64), // the reference CNN's first layer: 49 blocks, no tail
                Arguments.of(3, 4, 7, 9, 5, 3),     // 63 positions: 3 blocks and a tail of 15
                Arguments.of(2, 3, 4, 4, 3, 2),     // one block
                Arguments.of(1, 2, 3, 5, 3, 5),     // a tail alone
                Arguments.of(2, 2, 9, 8, 1, 4));    // a 1×1 kernel
    }

    @ParameterizedTest(name = "in={0} out={1} {2}x{3} k={4} batch {5}")
    @MethodSource("cases")
    void matchesTheDefinitionOnBothPaths(int in, int out, int h, int w, int k, int n) {
        Rng rng = Rng.of(in * 100 + h * 10 + k);
        INDArray x = rng.normal(DataType.FLOAT, 0, 1, n, in, h, w);
        INDArray delta = rng.normal(DataType.FLOAT, 0, 1, n, out, h, w);
        SameConvKernelGradient g = SameConvKernelGradient.forLayer(in, out, h, w, new Window(k, 1, (k - 1) / 2));
        double[][][][] expected = ConvReference.filterGradient(ConvReference.toArray(x), ConvReference.toArray(delta), k, 1,
                (k - 1) / 2);
        // Σ|x·δ| per tap: float32 sums stay within a few ulps of it, and one product lost or added (|x·δ| about 1
        // against a Σ of about 0.6 per position) would be tens of times the tolerance at these sizes
        double[][][][] magnitude = ConvReference.filterGradient(ConvReference.toArray(Transforms.abs(x, true)),
                ConvReference.toArray(Transforms.abs(delta, true)), k, 1, (k - 1) / 2);
        INDArray[] scalar = run(g, x, delta, false, in, out, k);
        assertClose(expected, magnitude, scalar[0]);
        double[] expectedBias = delta.castTo(DataType.DOUBLE).sum(0, 2, 3).toDoubleVector();
        double[] biasMagnitude = Transforms.abs(delta, true).castTo(DataType.DOUBLE).sum(0, 2, 3).toDoubleVector();
        for (int o = 0; o < out; o++) {
            assertEquals(expectedBias[o], scalar[1].getDouble(o), RELATIVE * biasMagnitude[o], "∂b[" + o + "]");
        }
        Assumptions.assumeTrue(SameConvKernelGradient.vectorised(), "no 16-lane vectors in this JVM");
        INDArray[] vector = run(g, x, delta, true, in, out, k);
        assertArrayEquals(scalar[0].data().asFloat(), vector[0].data().asFloat());
        assertArrayEquals(scalar[1].data().asFloat(), vector[1].data().asFloat());
        INDArray[] again = run(g, x, delta, true, in, out, k); // the kept buffers give the same again
        assertArrayEquals(vector[0].data().asFloat(), again[0].data().asFloat());
    }

    @Test
    void onlyStrideOneWithSamePaddingTakesIt() {
        assertNull(SameConvKernelGradient.forLayer(1, 2, 8, 8, new Window(3, 2, 1)));
        assertNull(SameConvKernelGradient.forLayer(1, 2, 8, 8, new Window(3, 1, 0)));
        assertNull(SameConvKernelGradient.forLayer(1, 2, 8, 8, new Window(2, 1, 0)));
    }

    private static INDArray[] run(SameConvKernelGradient g, INDArray x, INDArray delta, boolean vectors, int in, int out,
                                  int k) {
        INDArray kernel = Nd4j.create(DataType.FLOAT, out, in, k, k);
        INDArray bias = Nd4j.create(DataType.FLOAT, out);
        g.compute(x, delta, kernel, bias, vectors);
        return new INDArray[] {kernel, bias};
    }

    /** Relative to Σ|x·δ|: a few float32 ulps of the sum of magnitudes. */
    static final double RELATIVE = 2e-6;

    private static void assertClose(double[][][][] expected, double[][][][] magnitude, INDArray actual) {
        double[][][][] got = ConvReference.toArray(actual);
        assertEquals(expected.length, got.length);
        for (int o = 0; o < expected.length; o++) {
            for (int c = 0; c < expected[0].length; c++) {
                for (int u = 0; u < expected[0][0].length; u++) {
                    for (int v = 0; v < expected[0][0][0].length; v++) {
                        assertEquals(expected[o][c][u][v], got[o][c][u][v], RELATIVE * magnitude[o][c][u][v],
                                "∂K[" + o + "," + c + "," + u + "," + v + "]");
                    }
                }
            }
        }
    }
}
