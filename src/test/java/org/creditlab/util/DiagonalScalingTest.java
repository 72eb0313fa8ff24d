package org.creditlab.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one-pass diagonal products against ND4J's broadcast and subtraction, bit for bit, special values included (float32
 * takes the one-pass path; float64 and views take ND4J's ops and must give the same).
 */
class DiagonalScalingTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void theProductsAreNd4jsBits(String precision) {
        DataType type = DataType.valueOf(precision);
        Rng rng = Rng.of(7);
        INDArray w = rng.normal(type, 0, 1, 37, 53);
        INDArray out = rng.normal(type, 0, 1e-3, 37, 53);
        INDArray rowScale = rng.uniform(type, 0, 2, 37);
        INDArray columnScale = rng.uniform(type, 0, 2, 53);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, 1e-39, -1e38};
        for (int k = 0; k < specials.length; k++) {
            w.putScalar(k, 3 * k + 1, specials[k]);
            out.putScalar(k + 5, 2 * k, specials[specials.length - 1 - k]);
        }
        rowScale.putScalar(3, 0.0);
        columnScale.putScalar(4, Double.POSITIVE_INFINITY);

        INDArray scaled = out.dup();
        DiagonalScaling.scaleColumns(w, columnScale, scaled);
        assertArrayEquals(bits(w.dup().muliRowVector(columnScale.reshape(1, -1))), bits(scaled));

        INDArray rows = out.dup();
        DiagonalScaling.subtractScaledRows(rows, w, rowScale);
        assertArrayEquals(bits(out.sub(w.mulColumnVector(rowScale.reshape(-1, 1)))), bits(rows));

        INDArray columns = out.dup();
        DiagonalScaling.subtractScaledColumns(columns, w, columnScale);
        assertArrayEquals(bits(out.sub(w.mulRowVector(columnScale.reshape(1, -1)))), bits(columns));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void aViewIsWrittenThroughNd4jsOps(String precision) {
        DataType type = DataType.valueOf(precision);
        Rng rng = Rng.of(8);
        INDArray big = rng.normal(type, 0, 1, 10, 12);
        INDArray view = big.get(NDArrayIndex.interval(2, 8), NDArrayIndex.interval(1, 7)); // 6 × 6, not its buffer
        INDArray w = rng.normal(type, 0, 1, 6, 6);
        INDArray d = rng.uniform(type, 0, 2, 6);
        INDArray expected = view.sub(w.mulColumnVector(d.reshape(-1, 1)));
        DiagonalScaling.subtractScaledRows(view, w, d);
        assertArrayEquals(bits(expected), bits(view.dup()));
        assertArrayEquals(bits(expected), bits(big.get(NDArrayIndex.interval(2, 8), NDArrayIndex.interval(1, 7)).dup()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {5, 7})
    void aDiagonalOfTheWrongLengthIsRefused(int length) {
        INDArray w = Rng.of(9).normal(DataType.FLOAT, 0, 1, 6, 8);
        INDArray d = Rng.of(10).normal(DataType.FLOAT, 0, 1, length);
        assertThrows(IllegalArgumentException.class, () -> DiagonalScaling.subtractScaledRows(w.dup(), w, d));
        assertThrows(IllegalArgumentException.class, () -> DiagonalScaling.scaleColumns(w, d, w.dup()));
    }

    private static long[] bits(INDArray a) {
        double[] v = a.dup('c').data().asDouble();
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = a.dataType() == DataType.FLOAT ? Float.floatToRawIntBits((float) v[i]) : Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}
