package org.creditlab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TanhTest {
    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e-20, 1e-8, 0.1733, 0.1734, 0.3465, 0.3466,
        0.5, 1, 2, 10, 19, 19.1, 20, 20.5, 700, 710, 1e300, Double.MAX_VALUE};

    /** Special values, then a log-spaced sweep of both signs from 1e-12 to 40 and uniform values in ±5. */
    private static double[] arguments() {
        Random rnd = new Random(7);
        int sweep = 40_000;
        double[] x = new double[2 * SPECIAL.length + 2 * sweep + 10_003];
        int k = 0;
        for (double s : SPECIAL) {
            x[k++] = s;
            x[k++] = -s;
        }
        for (int i = 0; i < sweep; i++) {
            double v = Math.pow(10, -12 + 13.6 * i / sweep);
            x[k++] = v;
            x[k++] = -v;
        }
        while (k < x.length) {
            x[k++] = 10 * (rnd.nextDouble() - 0.5);
        }
        return x;
    }

    @Test
    void withinThreeUlpOfStrictMath() {
        double worst = 0;
        double at = 0;
        for (double x : arguments()) {
            double ref = StrictMath.tanh(x);
            double ours = Tanh.of(x);
            if (Double.isNaN(ref)) {
                assertTrue(Double.isNaN(ours), "tanh(NaN) is NaN");
                continue;
            }
            double ulps = Math.abs(ours - ref) / Math.ulp(ref);
            if (ulps > worst) {
                worst = ulps;
                at = x;
            }
            assertEquals(Math.copySign(1, ref), Math.copySign(1, ours), "sign of tanh(" + x + ")");
        }
        assertTrue(worst <= 3, "worst " + worst + " ulp at " + at);
    }

    @Test
    void theVectorPathGivesTheScalarPathsBits() {
        assertTrue(Tanh.vectorised(), "the tests run with " + Tanh.JVM_OPTION + " (pom.xml), so this compares the two paths");
        double[] x = arguments();
        double[] vector = new double[x.length];
        int done = VectorTanh.apply(x, vector, x.length);
        assertTrue(done > x.length - 16, "the vectors cover all but the tail: " + done);
        for (int i = 0; i < done; i++) {
            double scalar = Tanh.of(x[i]);
            assertTrue(Double.doubleToLongBits(scalar) == Double.doubleToLongBits(vector[i]),
                    "tanh(" + x[i] + "): scalar " + scalar + ", vector " + vector[i]);
        }
    }

    @Test
    void arraysAndColumnBlocksOfMatricesInPlace() {
        columnBlockInPlace(DataType.DOUBLE, 37, 50, 11, 29);
        INDArray c = Nd4j.rand(DataType.DOUBLE, 4, 9);
        INDArray out = Nd4j.create(DataType.DOUBLE, 4, 9);
        Tanh.apply(c, out);
        assertEquals(Tanh.of(c.getDouble(3, 8)), out.getDouble(3, 8), 0.0);
        assertEquals(Math.tanh(c.getDouble(2, 5)), out.getDouble(2, 5), 1e-15);
    }

    @Test
    void saysWhichPathRuns() {
        assertTrue(Tanh.describe().startsWith("vectorised ("), Tanh.describe());
        StringBuilder said = new StringBuilder();
        Tanh.hintOnce(said::append);
        assertEquals("", said.toString(), "no hint when the vector path runs");
    }

    /** float32 (DFC's float32 sleep phase): tanh in float64, rounded once, in place on a column block. */
    @Test
    void float32ArraysGetTheFloat64ResultRounded() {
        columnBlockInPlace(DataType.FLOAT, 7, 9, 3, 7);
    }

    /** tanh in place on columns [from, to) of an f-ordered matrix of {@code type}: {@link Tanh#of}'s value, rounded
     *  to the type, there, and every other element untouched. */
    private static void columnBlockInPlace(DataType type, int rows, int columns, int from, int to) {
        INDArray all = Nd4j.rand(type, rows, columns).subi(0.5).muli(8).dup('f');
        INDArray block = all.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
        INDArray before = all.dup('f');
        Tanh.apply(block, block);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double x = before.getDouble(r, c);
                double y = c >= from && c < to ? Tanh.of(x) : x;
                double expected = type == DataType.FLOAT ? (float) y : y;
                assertEquals(expected, all.getDouble(r, c), 0.0, type + " (" + r + ", " + c + ")");
            }
        }
    }

    @Test
    void refusesWhatItCannotDoInOnePass() {
        INDArray f32 = Nd4j.rand(DataType.FLOAT, 3, 3);
        assertThrows(IllegalArgumentException.class, () -> Tanh.apply(f32, f32.castTo(DataType.DOUBLE)), "mixed types");
        INDArray f16 = Nd4j.rand(DataType.FLOAT, 3, 3).castTo(DataType.HALF);
        assertThrows(IllegalArgumentException.class, () -> Tanh.apply(f16, f16));
        INDArray c = Nd4j.rand(DataType.DOUBLE, 6, 6);
        INDArray strided = c.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> Tanh.apply(strided, strided.dup()));
        assertTrue(x.getMessage().contains("contiguous") || x.getMessage().contains("ordering"), x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tanh.apply(c, Nd4j.create(DataType.DOUBLE, 6, 5)));
    }
}
