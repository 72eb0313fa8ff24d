package org.creditlab.rules.copi;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.data.Batch;
import org.creditlab.data.Batches;
import org.creditlab.data.Dataset;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Trace;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The COPI paper's network compression (its Figure 3C): remove the top k dense layers and map the (decorrelated)
 * input x_s of the dense layer that is now on top straight to the output a_L by a linear readout fitted on the
 * training set, then measure train and test accuracy. k = 0 is the network itself; k = L − 1 maps the decorrelated
 * pixels to the output.
 */
public final class Compression {
    /** The authors' guard for features that are always zero (they replace exact zeros by 1e-4 before squaring). */
    public static final double VARIANCE_FLOOR = 1e-8;
    private static final int BATCH = 1000;

    /** One bar of the figure. */
    public record Level(int layersRemoved, String source, double trainAccuracy, double testAccuracy) {}

    /** Which readout replaces the removed layers. */
    public enum Readout {
        /** ⟨a_L xᵀ⟩ / ⟨x²⟩, the authors' (exact under decorrelation). */
        DIAGONAL,
        /** ⟨a_L xᵀ⟩ ⟨x xᵀ⟩⁻¹ (a tiny ridge keeps constant features harmless). */
        LEAST_SQUARES
    }

    private Compression() {}

    /** Every level from 0 removed to all but the first dense layer removed. */
    public static List<Level> curve(Network network, Dataset train, Dataset test, Readout readout) {
        List<Integer> dense = denseIndices(network);
        List<Level> out = new ArrayList<>();
        for (int k = 0; k < dense.size(); k++) {
            int source = dense.get(dense.size() - 1 - k);
            if (k == 0) {
                out.add(new Level(0, "network", accuracy(network, train, -1, null), accuracy(network, test, -1, null)));
            } else {
                INDArray w = fit(network, train, source, readout);
                out.add(new Level(k, network.layer(source).name(), accuracy(network, train, source, w),
                        accuracy(network, test, source, w)));
            }
        }
        return out;
    }

    /** The readout [outputs, inputs of layer {@code source}] from that layer's input to the network output. */
    public static INDArray fit(Network network, Dataset train, int source, Readout readout) {
        Dense d = (Dense) network.layer(source);
        int outputs = (int) network.outputShape()[0];
        LinearReadout r = new LinearReadout(d.inputs(), outputs, readout == Readout.LEAST_SQUARES);
        for (Batch b : Batches.inOrder(train, BATCH)) {
            Trace t = network.forward(b.input(), Mode.EVAL, null);
            r.add(t.record(source).input(), t.output());
        }
        return readout == Readout.DIAGONAL ? r.diagonal(VARIANCE_FLOOR) : r.leastSquares(1e-9);
    }

    /**
     * Accuracy when the layers from {@code source} up are replaced by {@code readout} (source &lt; 0: the network
     * itself). The authors apply the leaky ReLU to the readout's output; that leaves the arg-max unchanged.
     */
    public static double accuracy(Network network, Dataset data, int source, INDArray readout) {
        long correct = 0;
        for (Batch b : Batches.inOrder(data, BATCH)) {
            Trace t = network.forward(b.input(), Mode.EVAL, null);
            INDArray out = source < 0 ? t.output()
                    : t.record(source).input().castTo(DataType.DOUBLE).mmul(readout.transpose());
            correct += Loss.correct(out, b.target().castTo(out.dataType()));
        }
        return (double) correct / data.size();
    }

    static List<Integer> denseIndices(Network network) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < network.size(); i++) {
            if (network.layer(i) instanceof Dense) {
                out.add(i);
            }
        }
        return out;
    }
}
