package org.creditlab.data;

import org.nd4j.linalg.api.buffer.DataType;

/** The training set, an optional validation set (null if none was held out) and the test set. */
public record DataSplits(Dataset train, Dataset validation, Dataset test) {

    public boolean hasValidation() {
        return validation != null;
    }

    /** The same splits in another floating-point type. */
    public DataSplits as(DataType type) {
        return new DataSplits(train.as(type), validation == null ? null : validation.as(type), test.as(type));
    }
}
