package org.creditlab.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.creditlab.data.Dataset;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Trace;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * After each epoch, how correlated each dense layer's input is: the mean off-diagonal |correlation|
 * ({@link Correlations#meanOffDiagonalAbsCorrelation}) of the input of every dense layer on a fixed probe of the
 * first training examples, in evaluation mode. Columns "corr/dense1", "corr/dense2", ...; with a decorrelating
 * network (COPI) the input of dense k is the output of its decorrelation layer.
 */
public final class CorrelationListener implements TrainingListener {
    /** The column prefix. */
    public static final String PREFIX = "corr/";

    private final int probe;

    /** @param probe how many training examples (the first ones) the measure uses */
    public CorrelationListener(int probe) {
        if (probe < 2) {
            throw new IllegalArgumentException("the probe needs at least two examples, got " + probe);
        }
        this.probe = probe;
    }

    @Override
    public void endEpoch(TrainingRun run, EpochRecord record) {
        measure(run.network(), run.data().train(), probe).forEach(record::put);
    }

    /** The measure for every dense layer's input, by column name, on the first {@code probe} examples of {@code data}. */
    public static Map<String, Double> measure(Network network, Dataset data, int probe) {
        int n = Math.min(probe, data.size());
        INDArray x = data.features().get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        Trace trace = network.forward(x, Mode.EVAL, null);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < network.size(); i++) {
            Layer l = network.layer(i);
            if (l instanceof Dense) {
                out.put(PREFIX + l.name(), Correlations.meanOffDiagonalAbsCorrelation(trace.record(i).input()));
            }
        }
        return out;
    }
}
