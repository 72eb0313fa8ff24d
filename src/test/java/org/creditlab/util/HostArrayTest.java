package org.creditlab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class HostArrayTest {

    @Test
    void aScratchArrayIsReusedOnlyWhenItsTypeAndLengthFit() {
        HostArray scratch = HostArray.of(Nd4j.createFromArray(1f, 2f, 3f));
        HostArray again = HostArray.of(Nd4j.createFromArray(4f, 5f, 6f), scratch);
        assertSame(scratch, again);
        assertEquals(5.0, again.get(1), 0);
        assertNotSame(scratch, HostArray.of(Nd4j.createFromArray(4f, 5f), scratch), "another length");
        assertNotSame(scratch, HostArray.of(Nd4j.createFromArray(4d, 5d, 6d), scratch), "another type");
        HostArray cleared = HostArray.zeros(DataType.FLOAT, 3, scratch);
        assertSame(scratch, cleared);
        assertEquals(0.0, cleared.get(0) + cleared.get(1) + cleared.get(2), 0);
        assertNotSame(scratch, HostArray.zeros(DataType.DOUBLE, 3, scratch));
        assertEquals(4, HostArray.zeros(DataType.FLOAT, 4, null).length());
    }

    @Test
    void scatterAddSumsRepeatedTargetsInEitherPrecision() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            HostArray into = HostArray.of(Nd4j.createFromArray(1.0, 1.0, 1.0).castTo(type));
            into.scatterAdd(new int[] {2, 0, 2}, HostArray.of(Nd4j.createFromArray(0.5, 2.0, 0.25).castTo(type)));
            assertEquals(3.0, into.get(0), 0, type.toString());
            assertEquals(1.0, into.get(1), 0, type.toString());
            assertEquals(1.75, into.get(2), 0, type.toString());
        }
    }
}
