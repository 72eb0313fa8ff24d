package org.creditlab.rules.dfc;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.Activation;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Trace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network as Deep Feedback Control sees it: L layers i = 1..L, each a {@link Dense} (v_i = W_i r_{i−1} + b_i,
 * the somatic voltage at the feedforward state) followed by at most one {@link Activation} (r_i = φ_i(v_i)); a Dense
 * without an activation has φ_i = identity (the paper's linear output layer). Layers are numbered from 0 in code.
 *
 * <p>The weights are read live from the network, so the view stays valid while the optimizer updates them.
 */
public final class ControlledNetwork {
    private final Network network;
    private final List<Dense> dense = new ArrayList<>();
    private final List<Nonlinearity> phi = new ArrayList<>();
    private final List<Integer> denseIndex = new ArrayList<>();
    private final List<Integer> rateIndex = new ArrayList<>();
    private final int[] offsets;

    private ControlledNetwork(Network network) {
        this.network = network;
        if (network.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("DFC simulates the network in double precision (its convergence test "
                    + "uses a 1e-5 relative threshold); build the network with Precision.FLOAT64, got " + network.dataType());
        }
        for (int i = 0; i < network.size(); i++) {
            Layer layer = network.layer(i);
            if (layer instanceof Dense d) {
                dense.add(d);
                phi.add(Nonlinearity.identity());
                denseIndex.add(i);
                rateIndex.add(i);
            } else if (layer instanceof Activation a && !dense.isEmpty() && rateIndex.get(rateIndex.size() - 1) == i - 1
                    && network.layer(i - 1) instanceof Dense) {
                phi.set(phi.size() - 1, a.function());
                rateIndex.set(rateIndex.size() - 1, i);
            } else {
                throw new IllegalArgumentException("DFC controls a network of Dense layers, each followed by at most one "
                        + "Activation (tanh hidden layers and a linear output in the paper); layer " + i + " '"
                        + layer.name() + "' is a " + layer.getClass().getSimpleName()
                        + (layer instanceof Activation ? " that does not directly follow a Dense layer" : ", which DFC does not support"));
            }
        }
        offsets = new int[dense.size() + 1];
        for (int i = 0; i < dense.size(); i++) {
            offsets[i + 1] = offsets[i] + dense.get(i).outputs();
        }
    }

    /**
     * The DFC view of {@code network}.
     *
     * @throws IllegalArgumentException saying which layer is not a Dense/Activation block, or if the network is not
     *                                  float64
     */
    public static ControlledNetwork of(Network network) {
        return new ControlledNetwork(network);
    }

    public Network network() { return network; }
    /** L, the number of layers (Dense blocks). */
    public int depth() { return dense.size(); }
    /** n_i, the width of layer i (0-based). */
    public int size(int i) { return dense.get(i).outputs(); }
    /** n_0, the input width. */
    public int inputSize() { return dense.get(0).inputs(); }
    /** n_L, the output width (the dimension of the control signal u). */
    public int outputSize() { return size(depth() - 1); }
    /** Σ n_i over all layers (the length of the concatenated voltages v̄). */
    public int totalSize() { return offsets[depth()]; }
    /** Where layer i starts in the concatenation v̄ = (v_1, ..., v_L). */
    public int offset(int i) { return offsets[i]; }
    public Dense dense(int i) { return dense.get(i); }
    /** W_i, shape [n_i, n_{i−1}] (the live parameter array). */
    public INDArray weight(int i) { return dense.get(i).weight().value(); }
    /** b_i, or null for a layer without bias. */
    public INDArray bias(int i) { return dense.get(i).bias() == null ? null : dense.get(i).bias().value(); }
    public Nonlinearity phi(int i) { return phi.get(i); }

    /** The feedforward state of a forward pass: v_i^- from each Dense output, r_i^- from the layer after it. */
    NetworkState read(Trace trace) {
        INDArray[] v = new INDArray[depth()];
        INDArray[] r = new INDArray[depth()];
        for (int i = 0; i < depth(); i++) {
            v[i] = trace.record(denseIndex.get(i)).output();
            r[i] = trace.record(rateIndex.get(i)).output();
        }
        return new NetworkState(trace.input(), v, r);
    }

    /** Runs the feedforward pass on {@code x} (evaluation mode) and returns its state. */
    NetworkState feedforward(INDArray x) {
        return read(network.forward(x, Mode.EVAL, null));
    }
}
