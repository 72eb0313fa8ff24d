package org.creditlab.nn;

import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The record of one forward pass through a {@link Network}: every layer's input, output and cache. */
public final class Trace {
    private final Mode mode;
    private final INDArray input;
    private final List<LayerRecord> records;

    Trace(Mode mode, INDArray input, List<LayerRecord> records) {
        this.mode = mode;
        this.input = input;
        this.records = Collections.unmodifiableList(records);
    }

    public Mode mode() {
        return mode;
    }

    /** The network input of this pass (after conversion to the network's data type). */
    public INDArray input() {
        return input;
    }

    /** The network's raw output (logits for a classifier). */
    public INDArray output() {
        return records.get(records.size() - 1).output();
    }

    public LayerRecord record(int layerIndex) {
        return records.get(layerIndex);
    }

    public List<LayerRecord> records() {
        return records;
    }

    public int size() {
        return records.size();
    }
}
