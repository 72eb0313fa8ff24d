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

    /**
     * The record of {@code layer} in this pass, wherever it sits: a layer of the network or a layer inside a
     * {@link Block} (whose records are not in {@link #records()}).
     *
     * @throws IllegalArgumentException if the layer did not run in this pass
     */
    public LayerRecord recordOf(Layer layer) {
        LayerRecord r = find(records, layer);
        if (r == null) {
            throw new IllegalArgumentException("layer '" + layer.name() + "' has no record in this pass");
        }
        return r;
    }

    private static LayerRecord find(List<LayerRecord> records, Layer layer) {
        for (LayerRecord r : records) {
            if (r.layer() == layer) {
                return r;
            }
            LayerRecord nested = r.inner().isEmpty() ? null : find(r.inner(), layer);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    public List<LayerRecord> records() {
        return records;
    }

    public int size() {
        return records.size();
    }
}
