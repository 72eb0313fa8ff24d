package org.creditlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one layer left behind in one forward pass: its input, its output, and any private cache (a dropout mask,
 * BatchNorm's normalised input). Rules read these instead of re-running the pass.
 */
public final class LayerRecord {
    private final Layer layer;
    private final Mode mode;
    private final Rng rng;
    private final LayerRecord earlier;
    private INDArray input;
    private INDArray output;
    private Object cache;
    private List<LayerRecord> inner;

    LayerRecord(Layer layer, Mode mode, Rng rng, LayerRecord earlier) {
        this.layer = layer;
        this.mode = mode;
        this.rng = rng;
        this.earlier = earlier;
    }

    public Layer layer() {
        return layer;
    }

    public Mode mode() {
        return mode;
    }

    /** The random stream for this layer in this pass (dropout masks). */
    public Rng rng() {
        return rng;
    }

    /**
     * The same layer's record in an earlier pass whose random choices this pass must repeat (PEPITA's second pass
     * reuses the first pass's dropout masks), or null.
     */
    public LayerRecord earlier() {
        return earlier;
    }

    public INDArray input() {
        return input;
    }

    public INDArray output() {
        return output;
    }

    @SuppressWarnings("unchecked")
    public <T> T cache() {
        return (T) cache;
    }

    public void cache(Object value) {
        this.cache = value;
    }

    /**
     * Runs an inner layer of a {@link Block} in this pass and keeps its record (input, output, cache) as the next of
     * this record's {@link #inner()} records. The inner layer gets its own random stream and repeats the random choices
     * of the same inner layer in {@link #earlier()}.
     */
    public INDArray forwardInner(Layer layer, INDArray in) {
        if (inner == null) {
            inner = new ArrayList<>();
        }
        LayerRecord before = null;
        if (earlier != null && earlier.inner().size() > inner.size() && earlier.inner().get(inner.size()).layer() == layer) {
            before = earlier.inner().get(inner.size());
        }
        LayerRecord r = new LayerRecord(layer, mode, rng == null ? null : rng.child(layer.name()), before);
        INDArray out = layer.forward(in, r);
        r.complete(in, out);
        inner.add(r);
        return out;
    }

    /** The records of a block's inner layers in this pass, in the order they ran; empty for other layers. */
    public List<LayerRecord> inner() {
        return inner == null ? List.of() : Collections.unmodifiableList(inner);
    }

    void complete(INDArray in, INDArray out) {
        this.input = in;
        this.output = out;
    }
}
