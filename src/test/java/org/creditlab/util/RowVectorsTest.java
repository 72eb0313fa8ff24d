package org.creditlab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RowVectorsTest {

    @Test
    void addToMatchesNd4jsBroadcastInBothPrecisions() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(3);
            INDArray m = Nd4j.randn(type, 17, 33);
            INDArray row = Nd4j.randn(type, 33);
            INDArray expected = m.dup().addiRowVector(row);
            RowVectors.addTo(m, row);
            assertEquals(expected, m, type.toString()); // one addition per element: the same rounding
        }
    }

    @Test
    void addToWritesThroughAView() {
        INDArray wide = Nd4j.zeros(DataType.FLOAT, 4, 6);
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5));
        RowVectors.addTo(view, Nd4j.createFromArray(1f, 2f, 3f));
        assertEquals(6.0 * 4, wide.sumNumber().doubleValue(), 0);
        assertEquals(3.0, wide.getDouble(3, 4), 0);
        assertEquals(0.0, wide.getDouble(3, 5), 0);
    }

    @Test
    void sumRowsIntoMatchesTheColumnSums() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(5);
            INDArray m = Nd4j.randn(type, 64, 20);
            INDArray into = Nd4j.ones(type, 20); // overwritten, not accumulated
            RowVectors.sumRowsInto(m, into);
            INDArray expected = m.castTo(DataType.DOUBLE).sum(0);
            double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
            assertEquals(0, expected.sub(into.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), tolerance);
        }
    }

    @Test
    void aRowOfTheWrongLengthIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowVectors.addTo(Nd4j.zeros(DataType.FLOAT, 2, 3), Nd4j.zeros(DataType.FLOAT, 4)));
        assertEquals("expected a row of 3 values, got shape [4]", e.getMessage());
    }
}
