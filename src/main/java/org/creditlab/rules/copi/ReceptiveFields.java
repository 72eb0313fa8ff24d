package org.creditlab.rules.copi;

import java.util.List;
import org.creditlab.data.Batch;
import org.creditlab.data.Batches;
import org.creditlab.data.Dataset;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Trace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Linear-readout receptive fields (the COPI paper's Figure 3B): because the first layer's input x̃ = R₁·pixels is
 * decorrelated, a unit's pre-activation a_i is read out from it by ⟨x̃ a_i⟩ / ⟨x̃²⟩, one pixel at a time. The authors
 * floor ⟨x̃²⟩ at 0.1 and show the layer-2 units of a COPI network, each scaled to its own max |value|.
 */
public final class ReceptiveFields {
    /** The authors' floor of ⟨x̃²⟩. */
    public static final double VARIANCE_FLOOR = 0.1;
    private static final int BATCH = 1000;

    private ReceptiveFields() {}

    /**
     * The receptive fields [units, inputs] of the units of dense layer {@code layer} (1 = the first), read out from the
     * first dense layer's input over {@code data}.
     */
    public static INDArray of(Network network, Dataset data, int layer, double varianceFloor) {
        List<Integer> dense = Compression.denseIndices(network);
        if (layer < 1 || layer > dense.size()) {
            throw new IllegalArgumentException("the network has dense layers 1.." + dense.size() + ", not " + layer);
        }
        int first = dense.get(0);
        int target = dense.get(layer - 1);
        LinearReadout r = new LinearReadout(((Dense) network.layer(first)).inputs(),
                ((Dense) network.layer(target)).outputs(), false);
        for (Batch b : Batches.inOrder(data, BATCH)) {
            Trace t = network.forward(b.input(), Mode.EVAL, null);
            r.add(t.record(first).input(), t.record(target).output());
        }
        return r.diagonal(varianceFloor);
    }

    /** The first dense layer's (decorrelated) input for the rows of {@code x}: R₁·x, what the network "sees". */
    public static INDArray decorrelatedInput(Network network, INDArray x) {
        int first = Compression.denseIndices(network).get(0);
        return network.forward(x, Mode.EVAL, null).record(first).input();
    }
}
