package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Conv2d's forward pass and its four feedback products against the loop-based definitions of {@link ConvReference}. */
class Conv2dTest {

    /** in channels, out channels, height, width, kernel, stride, padding, bias */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(1, 2, 5, 5, 3, 1, 0, true),
                Arguments.of(1, 4, 6, 6, 3, 1, 1, true), // the reference CNN's first layer: one channel, 3×3, padding 1
                Arguments.of(2, 3, 6, 5, 3, 1, 1, false),
                Arguments.of(3, 2, 7, 6, 3, 2, 1, true),
                Arguments.of(2, 4, 8, 8, 2, 2, 0, true),
                Arguments.of(2, 3, 5, 7, 1, 2, 0, false));
    }

    private record Case(Conv2d layer, INDArray x, INDArray other, int stride, int pad) {}

    private static Case build(int in, int out, int h, int w, int k, int stride, int pad, boolean bias) {
        Rng rng = Rng.of(31L * in + out + 7L * h + w + 13L * k + stride + pad);
        Conv2d layer = new Conv2d("conv", new long[] {in, h, w}, out, new Window(k, stride, pad), bias,
                Init.normal(1), Init.normal(1), DataType.DOUBLE, rng.child("layer"));
        INDArray x = rng.normal(DataType.DOUBLE, 0, 1, 2, in, h, w);
        INDArray other = rng.normal(DataType.DOUBLE, 0, 1, layer.feedbackShape());
        return new Case(layer, x, other, stride, pad);
    }

    @ParameterizedTest(name = "in={0} out={1} {2}x{3} k={4} s={5} p={6} bias={7}")
    @MethodSource("shapes")
    void forwardAndLinearResponseMatchTheDefinition(int in, int out, int h, int w, int k, int stride, int pad, boolean bias) {
        Case c = build(in, out, h, w, k, stride, pad, bias);
        double[][][][] x = ConvReference.toArray(c.x());
        double[][][][] kernel = ConvReference.toArray(c.layer().weight().value());
        double[] b = bias ? c.layer().bias().value().toDoubleVector() : null;
        INDArray z = c.layer().forward(c.x(), new LayerRecord(c.layer(), Mode.TRAIN, null, null));
        assertArrayEquals(new long[] {2, out, (h + 2 * pad - k) / stride + 1, (w + 2 * pad - k) / stride + 1}, z.shape());
        assertClose(ConvReference.convolve(x, kernel, b, stride, pad), z);
        assertClose(ConvReference.convolve(x, kernel, null, stride, pad), c.layer().linearResponse(c.x()));
    }

    @ParameterizedTest(name = "in={0} out={1} {2}x{3} k={4} s={5} p={6} bias={7}")
    @MethodSource("shapes")
    void projectThroughConvolvesWithTheFeedbackAsAForwardFilter(int in, int out, int h, int w, int k, int stride, int pad, boolean bias) {
        Case c = build(in, out, h, w, k, stride, pad, bias);
        assertClose(ConvReference.convolve(ConvReference.toArray(c.x()), ConvReference.toArray(c.other()), null, stride, pad),
                c.layer().projectThrough(c.other(), c.x()));
    }

    @ParameterizedTest(name = "in={0} out={1} {2}x{3} k={4} s={5} p={6} bias={7}")
    @MethodSource("shapes")
    void backwardThroughIsTheTransposedConvolution(int in, int out, int h, int w, int k, int stride, int pad, boolean bias) {
        Case c = build(in, out, h, w, k, stride, pad, bias);
        INDArray delta = Rng.of(5).normal(DataType.DOUBLE, 0, 1, 2, out, (h + 2 * pad - k) / stride + 1, (w + 2 * pad - k) / stride + 1);
        assertClose(ConvReference.transposed(ConvReference.toArray(delta), ConvReference.toArray(c.other()), h, w, stride, pad),
                c.layer().backwardThrough(c.other(), delta));
    }

    @ParameterizedTest(name = "in={0} out={1} {2}x{3} k={4} s={5} p={6} bias={7}")
    @MethodSource("shapes")
    void feedbackGradientAndWeightGradientAreTheFilterGradient(int in, int out, int h, int w, int k, int stride, int pad, boolean bias) {
        Case c = build(in, out, h, w, k, stride, pad, bias);
        INDArray g = Rng.of(6).normal(DataType.DOUBLE, 0, 1, 2, out, (h + 2 * pad - k) / stride + 1, (w + 2 * pad - k) / stride + 1);
        double[][][][] expected = ConvReference.filterGradient(ConvReference.toArray(c.x()), ConvReference.toArray(g), k, stride, pad);
        assertClose(expected, c.layer().feedbackGradient(c.x(), g));

        LayerRecord rec = new LayerRecord(c.layer(), Mode.TRAIN, null, null);
        rec.complete(c.x(), c.layer().forward(c.x(), rec));
        Updates updates = new Updates();
        c.layer().parameterGradients(rec, g, updates);
        assertClose(expected, updates.get(c.layer().weight()));
        if (bias) {
            assertArrayEquals(g.sum(0, 2, 3).toDoubleVector(), updates.get(c.layer().bias()).toDoubleVector(), 1e-12);
        }
    }

    @Test
    void transportMatrixIsTheKernelAndWrongFeedbackShapesAreRejected() {
        Case c = build(2, 3, 5, 5, 3, 1, 1, true);
        assertEquals(c.layer().weight().value(), c.layer().transportMatrix());
        assertArrayEquals(new long[] {3, 2, 3, 3}, c.layer().feedbackShape());
        INDArray wrong = Rng.of(1).normal(DataType.DOUBLE, 0, 1, 3, 2, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.layer().backwardThrough(wrong, c.layer().linearResponse(c.x())));
        assertEquals(true, e.getMessage().contains("conv"), e.getMessage());
    }

    static void assertClose(double[][][][] expected, INDArray actual) {
        assertArrayEquals(new long[] {expected.length, expected[0].length, expected[0][0].length, expected[0][0][0].length},
                actual.shape());
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                for (int k = 0; k < expected[0][0].length; k++) {
                    for (int l = 0; l < expected[0][0][0].length; l++) {
                        double e = expected[i][j][k][l];
                        double a = actual.getDouble(i, j, k, l);
                        assertEquals(e, a, 1e-10 * (1 + Math.abs(e)), "at [" + i + "," + j + "," + k + "," + l + "]");
                    }
                }
            }
        }
    }
}
