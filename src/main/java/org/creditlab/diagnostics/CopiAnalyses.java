package org.creditlab.diagnostics;

import java.util.List;
import org.creditlab.data.Dataset;
import org.creditlab.nn.Network;
import org.creditlab.rules.copi.Compression;
import org.creditlab.rules.copi.ReceptiveFields;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The COPI paper's measurements of a trained network (its Figure 3), as {@link Analysis analyses}, so that the figures
 * can be drawn from a run record. Each computes what {@code papers.copi} once computed from the trained network, on the
 * run's own data: the same images, the same readouts.
 */
public final class CopiAnalyses {
    /** Training images whose decorrelated input is kept (the figure's columns). */
    public static final int INPUT_IMAGES = 10;
    /**
     * Receptive fields kept: the first units of layer 2. Each is a float32 image of the input's size (3 KB for 784
     * pixels, 4 KB as base64), so 16 keep a record near 100 KB with the decorrelated inputs.
     */
    public static final int RECEPTIVE_FIELDS = 16;

    /** The compression curves of one network, with the authors' readout and with least squares. */
    public record Compressions(List<Compression.Level> diagonal, List<Compression.Level> leastSquares) {}

    private CopiAnalyses() {}

    /** R₁x of the first {@link #INPUT_IMAGES} training images: what the first dense layer sees. */
    static Analysis decorrelatedInput() {
        return run -> {
            Dataset train = run.data().train();
            INDArray x = train.features().get(NDArrayIndex.interval(0, Math.min(INPUT_IMAGES, train.size())), NDArrayIndex.all());
            Network network = run.network();
            return FloatRows.of(ReceptiveFields.decorrelatedInput(network, x.castTo(network.dataType())));
        };
    }

    /** The linear-readout receptive fields of the first {@link #RECEPTIVE_FIELDS} layer-2 units, over the training set. */
    static Analysis receptiveFields() {
        return run -> {
            INDArray rf = ReceptiveFields.of(run.network(), run.data().train(), 2, ReceptiveFields.VARIANCE_FLOOR);
            return FloatRows.of(rf.get(NDArrayIndex.interval(0, Math.min(RECEPTIVE_FIELDS, rf.rows())), NDArrayIndex.all()));
        };
    }

    /** The compression curve with each readout, fitted on the training set and measured on training and test sets. */
    static Analysis compression() {
        return run -> new Compressions(
                Compression.curve(run.network(), run.data().train(), run.data().test(), Compression.Readout.DIAGONAL),
                Compression.curve(run.network(), run.data().train(), run.data().test(), Compression.Readout.LEAST_SQUARES));
    }
}
