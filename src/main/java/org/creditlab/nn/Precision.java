package org.creditlab.nn;

import org.nd4j.linalg.api.buffer.DataType;

/** The floating-point type a network computes in: float32 for speed, float64 for gradient checks and DFC. */
public enum Precision {
    FLOAT32(DataType.FLOAT),
    FLOAT64(DataType.DOUBLE);

    private final DataType type;

    Precision(DataType type) {
        this.type = type;
    }

    public DataType dataType() {
        return type;
    }
}
