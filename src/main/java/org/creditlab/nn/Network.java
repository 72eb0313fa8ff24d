package org.creditlab.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sequence of layers and the loss on its output. The network knows nothing about learning rules: it runs forward
 * passes that leave a {@link Trace}, and lists its parameters and buffers.
 */
public final class Network {
    private final long[] inputShape;
    private final List<Layer> layers;
    private final Loss loss;
    private final DataType dataType;

    /**
     * @throws IllegalArgumentException naming the layer, if consecutive shapes do not fit or names repeat
     */
    public Network(DataType dataType, long[] inputShape, List<Layer> layers, Loss loss) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.dataType = dataType;
        this.inputShape = inputShape.clone();
        this.layers = List.copyOf(layers);
        this.loss = loss;
        long[] shape = this.inputShape;
        String previous = "the network input";
        Set<String> names = new HashSet<>();
        for (Layer layer : this.layers) {
            for (Layer named : withInner(layer, new ArrayList<>())) {
                if (!names.add(named.name())) {
                    throw new IllegalArgumentException("two layers are named '" + named.name() + "'; layer names must be unique");
                }
            }
            if (!Arrays.equals(shape, layer.inputShape())) {
                throw new IllegalArgumentException("layer '" + layer.name() + "' expects input of shape "
                        + Arrays.toString(layer.inputShape()) + " but " + previous + " has shape " + Arrays.toString(shape));
            }
            for (Parameter p : layer.parameters()) {
                if (p.value().dataType() != dataType) {
                    throw new IllegalArgumentException("parameter " + p.name() + " is " + p.value().dataType()
                            + " but the network computes in " + dataType);
                }
            }
            shape = layer.outputShape();
            previous = "layer '" + layer.name() + "'";
        }
    }

    public DataType dataType() { return dataType; }
    public long[] inputShape() { return inputShape.clone(); }
    public long[] outputShape() { return layers.get(layers.size() - 1).outputShape(); }
    public List<Layer> layers() { return layers; }
    public Layer layer(int index) { return layers.get(index); }
    public int size() { return layers.size(); }
    public Loss loss() { return loss; }

    public int indexOf(Layer layer) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == layer) {
                return i;
            }
        }
        throw new IllegalArgumentException("layer '" + layer.name() + "' is not part of this network");
    }

    /** All trainable parameters, layer by layer. */
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (Layer l : layers) {
            ps.addAll(l.parameters());
        }
        return ps;
    }

    /** Non-trainable state (running statistics), as "layer.buffer" → array. */
    public Map<String, INDArray> buffers() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (Layer l : layers) {
            l.buffers().forEach((k, v) -> m.put(l.name() + "." + k, v));
        }
        return m;
    }

    /**
     * The layers that transport error through weights, in forward order, including those inside {@link Block}s (find
     * their records with {@link Trace#recordOf}).
     */
    public List<WeightLayer> weightLayers() {
        List<WeightLayer> ws = new ArrayList<>();
        for (Layer l : layers) {
            for (Layer inner : withInner(l, new ArrayList<>())) {
                if (inner instanceof WeightLayer w) {
                    ws.add(w);
                }
            }
        }
        return ws;
    }

    /** {@code layer} and, for a block, every layer inside it, depth first. */
    private static List<Layer> withInner(Layer layer, List<Layer> out) {
        out.add(layer);
        if (layer instanceof Block b) {
            for (Layer inner : b.layers()) {
                withInner(inner, out);
            }
        }
        return out;
    }

    /** A forward pass; {@code rng} draws this pass's dropout masks (ignored in evaluation). */
    public Trace forward(INDArray input, Mode mode, Rng rng) {
        return run(input, mode, rng, null, null);
    }

    /** A training pass that repeats the random choices (dropout masks) of {@code earlier}. */
    public Trace forwardLike(Trace earlier, INDArray input) {
        return run(input, earlier.mode(), null, earlier, null);
    }

    /**
     * As {@link #forwardLike(Trace, INDArray)}, with the first layer's output given instead of computed: a rule that
     * knows it in closed form (PEPITA's modulated input differs from the earlier one by a low-rank term, so a linear
     * first layer's response is the earlier response plus a cheap correction) saves that layer's cost. The first
     * layer's record holds {@code input} and {@code firstOutput}.
     */
    public Trace forwardLike(Trace earlier, INDArray input, INDArray firstOutput) {
        return run(input, earlier.mode(), null, earlier, firstOutput);
    }

    /** The raw output in evaluation mode. */
    public INDArray output(INDArray input) {
        return run(input, Mode.EVAL, null, null, null).output();
    }

    private Trace run(INDArray input, Mode mode, Rng rng, Trace earlier, INDArray firstOutput) {
        INDArray x = conform(input);
        List<LayerRecord> records = new ArrayList<>(layers.size());
        INDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            LayerRecord rec = new LayerRecord(layer, mode, rng == null ? null : rng.child(layer.name()),
                    earlier == null ? null : earlier.record(i));
            INDArray out = i == 0 && firstOutput != null ? firstOutput : layer.forward(h, rec);
            rec.complete(h, out);
            records.add(rec);
            h = out;
        }
        return new Trace(mode, x, records);
    }

    private INDArray conform(INDArray input) {
        long[] s = input.shape();
        if (s.length != inputShape.length + 1 || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), inputShape)) {
            throw new IllegalArgumentException("the network expects input of shape [N, "
                    + Arrays.toString(inputShape).replaceAll("[\\[\\]]", "") + "], got " + Arrays.toString(s));
        }
        return input.dataType() == dataType ? input : input.castTo(dataType);
    }

    /** One line per layer, with parameter counts. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        long total = 0;
        for (Layer l : layers) {
            long n = l.parameters().stream().mapToLong(p -> p.value().length()).sum();
            total += n;
            sb.append(String.format("%-14s %-28s %10d%n", l.name(), l.getClass().getSimpleName()
                    + Arrays.toString(l.outputShape()), n));
        }
        sb.append(String.format("%-43s %10d parameters (%s, loss %s)%n", "total", total, dataType, loss));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Network" + layers;
    }
}
