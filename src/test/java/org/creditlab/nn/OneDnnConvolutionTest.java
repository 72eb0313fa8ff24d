package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.util.Nd4jNatives;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conv2d's oneDNN path (float32) against the loop-based definitions of {@link ConvReference}, on {@link Conv2dTest}'s
 * shapes: they include strides whose transposed convolution misses the input's last column, where the input gradient
 * goes through conv2d_bp instead of deconv2d. Tolerances are float32's: the sums have up to 27 terms of size about 1.
 */
class OneDnnConvolutionTest {
    private static final double TOLERANCE = 2e-5;

    private record Case(Conv2d layer, INDArray x, INDArray other, INDArray delta) {}

    private static Case build(int in, int out, int h, int w, int k, int stride, int pad, boolean bias) {
        Rng rng = Rng.of(17L * in + out + 5L * h + w + 11L * k + stride + pad);
        Conv2d layer = ConvPath.with("onednn", () -> new Conv2d("conv", new long[] {in, h, w}, out,
                new Window(k, stride, pad), bias, Init.normal(1), Init.normal(1), DataType.FLOAT, rng.child("layer")));
        assertTrue(layer.usesOneDnn());
        INDArray x = rng.normal(DataType.FLOAT, 0, 1, 2, in, h, w);
        INDArray other = rng.normal(DataType.FLOAT, 0, 1, layer.feedbackShape());
        INDArray delta = rng.normal(DataType.FLOAT, 0, 1, 2, out, (h + 2 * pad - k) / stride + 1,
                (w + 2 * pad - k) / stride + 1);
        return new Case(layer, x, other, delta);
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void thePomsOneDnnBuildIsTheOneLoadedAndFloat32LayersUseIt() {
        assertTrue(Nd4jNatives.hasOneDnn(), Nd4jNatives.describe());
        Conv2d f32 = ConvPath.with("auto", () -> new Conv2d("conv", new long[] {1, 6, 6}, 2, new Window(3, 1, 1),
                true, Init.normal(1), Init.normal(1), DataType.FLOAT, Rng.of(1)));
        assertTrue(f32.usesOneDnn());
    }

    @Test
    void float64LayersKeepTheExactIm2colPathAndBadSettingsAreNamed() {
        Conv2d f64 = ConvPath.with("onednn", () -> new Conv2d("conv", new long[] {1, 6, 6}, 2, new Window(3, 1, 1),
                true, Init.normal(1), Init.normal(1), DataType.DOUBLE, Rng.of(1)));
        assertFalse(f64.usesOneDnn());
        Conv2d forced = ConvPath.with("im2col", () -> new Conv2d("conv", new long[] {1, 6, 6}, 2, new Window(3, 1, 1),
                true, Init.normal(1), Init.normal(1), DataType.FLOAT, Rng.of(1)));
        assertFalse(forced.usesOneDnn());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvPath.with("fast",
                () -> new Conv2d("conv", new long[] {1, 6, 6}, 2, new Window(3, 1, 1), true, Init.normal(1),
                        Init.normal(1), DataType.FLOAT, Rng.of(1))));
        assertTrue(e.getMessage().contains("-Dcreditlab.conv=fast") && e.getMessage().contains("im2col"), e.getMessage());
    }

    @ParameterizedTest(name = "in={0} out={1} {2}x{3} k={4} s={5} p={6} bias={7}")
    @MethodSource("org.creditlab.nn.Conv2dTest#shapes")
    void forwardProjectionAndTransposedConvolutionMatchTheDefinitions(int in, int out, int h, int w, int k, int stride,
                                                                       int pad, boolean bias) {
        Case c = build(in, out, h, w, k, stride, pad, bias);
        double[][][][] x = ConvReference.toArray(c.x());
        double[][][][] kernel = ConvReference.toArray(c.layer().weight().value());
        double[] b = bias ? c.layer().bias().value().toDoubleVector() : null;
        assertClose(ConvReference.convolve(x, kernel, b, stride, pad),
                c.layer().forward(c.x(), new LayerRecord(c.layer(), Mode.TRAIN, null, null)));
        assertClose(ConvReference.convolve(x, kernel, null, stride, pad), c.layer().linearResponse(c.x()));
        assertClose(ConvReference.convolve(x, ConvReference.toArray(c.other()), null, stride, pad),
                c.layer().projectThrough(c.other(), c.x()));
        assertClose(ConvReference.transposed(ConvReference.toArray(c.delta()), ConvReference.toArray(c.other()), h, w,
                stride, pad), c.layer().backwardThrough(c.other(), c.delta()));
        assertClose(ConvReference.filterGradient(x, ConvReference.toArray(c.delta()), k, stride, pad),
                c.layer().feedbackGradient(c.x(), c.delta()));
    }

    /** One training step's backward pass: ∂W, ∂b, and the input gradient through W (kept from conv2d_bp) or B. */
    @ParameterizedTest(name = "in={0} out={1} {2}x{3} k={4} s={5} p={6} bias={7}")
    @MethodSource("org.creditlab.nn.Conv2dTest#shapes")
    void backwardGivesTheParameterAndInputGradients(int in, int out, int h, int w, int k, int stride, int pad,
                                                    boolean bias) {
        Case c = build(in, out, h, w, k, stride, pad, bias);
        double[][][][] delta = ConvReference.toArray(c.delta());
        LayerRecord rec = trainingRecord(c);
        Updates updates = new Updates();
        INDArray throughW = c.layer().backward(rec, c.delta(), updates);
        assertParameterGradients(c, k, stride, pad, updates);
        assertClose(ConvReference.transposed(delta, ConvReference.toArray(c.layer().weight().value()), h, w, stride, pad),
                throughW);

        // the same pass again, now with feedback B: the kept gradient through W must not be returned for B
        c.layer().parameterGradients(rec, c.delta(), updates);
        assertClose(ConvReference.transposed(delta, ConvReference.toArray(c.other()), h, w, stride, pad),
                c.layer().backwardThrough(rec, c.other(), c.delta()));
    }

    /**
     * Where no input gradient through W follows (a first layer, feedback B, PEPITA), the weight and bias gradients come
     * without conv2d_bp's input gradient, and a later crossing with B or with W itself still gives the right one.
     */
    @ParameterizedTest(name = "in={0} out={1} {2}x{3} k={4} s={5} p={6} bias={7}")
    @MethodSource("org.creditlab.nn.Conv2dTest#shapes")
    void parameterGradientsWithoutTheTransportAreTheSame(int in, int out, int h, int w, int k, int stride, int pad,
                                                         boolean bias) {
        Case c = build(in, out, h, w, k, stride, pad, bias);
        double[][][][] delta = ConvReference.toArray(c.delta());
        LayerRecord rec = trainingRecord(c);
        Updates updates = new Updates();
        c.layer().parameterGradients(rec, c.delta(), updates, false);
        assertParameterGradients(c, k, stride, pad, updates);
        assertClose(ConvReference.transposed(delta, ConvReference.toArray(c.other()), h, w, stride, pad),
                c.layer().backwardThrough(rec, c.other(), c.delta()));
        c.layer().parameterGradients(rec, c.delta(), updates, false);
        assertClose(ConvReference.transposed(delta, ConvReference.toArray(c.layer().weight().value()), h, w, stride, pad),
                c.layer().backwardThrough(rec, c.layer().weight().value(), c.delta()));
    }

    /** The record of a training pass of the case's layer on its input. */
    private static LayerRecord trainingRecord(Case c) {
        LayerRecord rec = new LayerRecord(c.layer(), Mode.TRAIN, null, null);
        rec.complete(c.x(), c.layer().forward(c.x(), rec));
        return rec;
    }

    /** ∂W against the loop definition and ∂b against the sum of δ, as written into {@code updates}. */
    private static void assertParameterGradients(Case c, int k, int stride, int pad, Updates updates) {
        assertClose(ConvReference.filterGradient(ConvReference.toArray(c.x()), ConvReference.toArray(c.delta()), k, stride,
                pad), updates.get(c.layer().weight()));
        if (c.layer().bias() != null) {
            assertArrayEquals(c.delta().sum(0, 2, 3).toDoubleVector(), updates.get(c.layer().bias()).toDoubleVector(),
                    TOLERANCE * 10);
        }
    }

    private static void assertClose(double[][][][] expected, INDArray actual) {
        assertEquals(DataType.FLOAT, actual.dataType());
        assertArrayEquals(new long[] {expected.length, expected[0].length, expected[0][0].length,
                expected[0][0][0].length}, actual.shape());
        double[][][][] got = ConvReference.toArray(actual);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                for (int k = 0; k < expected[0][0].length; k++) {
                    for (int l = 0; l < expected[0][0][0].length; l++) {
                        double e = expected[i][j][k][l];
                        assertEquals(e, got[i][j][k][l], TOLERANCE * (1 + Math.abs(e)),
                                "at [" + i + "," + j + "," + k + "," + l + "]");
                    }
                }
            }
        }
    }
}
