package org.creditlab.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer made of inner layers (a residual block). The network stays a sequence; a block runs its inner layers through
 * {@link LayerRecord#forwardInner}, so each leaves its own record, and its backward pass crosses them one at a time
 * through a {@link Crossing} supplied by the caller. The shared backward walk supplies one that treats an inner weight
 * layer exactly like a top-level one (its rule's feedback decides how the error crosses it), so a learning rule never
 * needs to know about blocks; {@link #backward(LayerRecord, INDArray, Updates)} is the exact derivative.
 */
public interface Block extends Layer {

    /** How the error crosses one inner layer: the gradient at its input, given the gradient at its output. */
    @FunctionalInterface
    interface Crossing {
        INDArray cross(Layer layer, LayerRecord record, INDArray gradOutput);
    }

    /** The inner layers, in the order of their records ({@link LayerRecord#inner()}). */
    List<Layer> layers();

    /**
     * The gradient at the block's input: the block's own wiring (branches, sums), with every inner layer crossed by
     * {@code crossing}. Must not modify {@code gradOutput}.
     */
    INDArray backward(LayerRecord record, INDArray gradOutput, Crossing crossing);

    /** The exact derivative: every inner layer crossed by its own backward pass. */
    @Override
    default INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        return backward(record, gradOutput, (layer, rec, g) -> layer.backward(rec, g, updates));
    }

    @Override
    default List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (Layer l : layers()) {
            ps.addAll(l.parameters());
        }
        return ps;
    }

    /** The inner layers' buffers, keyed by the inner layer's name without this block's prefix. */
    @Override
    default Map<String, INDArray> buffers() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        String prefix = name() + ".";
        for (Layer l : layers()) {
            String key = l.name().startsWith(prefix) ? l.name().substring(prefix.length()) : l.name();
            l.buffers().forEach((k, v) -> m.put(key + "." + k, v));
        }
        return m;
    }
}
