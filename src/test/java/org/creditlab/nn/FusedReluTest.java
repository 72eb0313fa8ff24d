package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.creditlab.util.Rng;
import org.creditlab.util.VectorModule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** ReLU's one-pass forward and backward against ND4J's ops, bit for bit, specials and vector tails included. */
class FusedReluTest {

    @ParameterizedTest(name = "{0} elements")
    @ValueSource(ints = {1, 15, 16, 17, 33, 64 * 16 * 28 * 28 + 5})
    void theOnePassReluGivesNd4jsBits(int n) {
        Assumptions.assumeTrue(VectorModule.loaded(), "the JVM runs without jdk.incubator.vector");
        Rng rng = Rng.of(n);
        INDArray x = rng.normal(DataType.FLOAT, 0, 1, 1, n);
        INDArray g = rng.normal(DataType.FLOAT, 0, 1, 1, n);
        float[] specials = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE};
        for (int i = 0; i < Math.min(n, specials.length); i++) {
            x.putScalar(n - 1 - i, specials[i]); // in the scalar tail
            x.putScalar(i, specials[i]);         // in the vectors
            g.putScalar((i + 3) % n, specials[specials.length - 1 - i]);
        }
        assertEquals(true, FusedRelu.takes(x, g));
        Nonlinearity relu = Nonlinearity.relu();
        assertArrayEquals(bits(Transforms.relu(x, true)), bits(relu.apply(x)));
        INDArray expected = Transforms.step(x, true).muli(g);
        assertArrayEquals(bits(expected), bits(relu.backward(x, relu.apply(x), g)));
        if (n > 1) { // a strided view is left to ND4J's ops
            INDArray view = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, n));
            assertFalse(FusedRelu.takes(view, view));
            assertArrayEquals(bits(Transforms.relu(view, true)), bits(relu.apply(view)));
        }
    }

    private static int[] bits(INDArray a) {
        float[] f = a.data().asFloat();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }
}
