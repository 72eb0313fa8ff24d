package org.creditlab.papers.copi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.creditlab.data.DataSplits;
import org.creditlab.experiment.RunResult;
import org.creditlab.rules.copi.Compression;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.sweep.Summary;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The COPI paper's Figure 3C over seeds: network compression of each trained COPI network, and its table. */
public final class CopiAnalyses {
    private CopiAnalyses() {}

    /** The compression curve of every seed's trained network (diverged seeds are skipped). */
    public static List<List<Compression.Level>> compression(SeedRuns runs, DataSplits data, Compression.Readout readout) {
        List<List<Compression.Level>> out = new ArrayList<>();
        for (RunResult r : runs.runs()) {
            if (!r.diverged()) {
                DataSplits d = data.as(r.network().dataType());
                out.add(Compression.curve(r.network(), d.train(), d.test(), readout));
            }
        }
        return out;
    }

    /**
     * Accuracy (mean ± std over seeds) per number of layers removed, for the authors' readout and for the full
     * least-squares readout, beside the authors' MNIST values.
     */
    public static Table compressionTable(String title, List<List<Compression.Level>> diagonal,
                                         List<List<Compression.Level>> leastSquares) {
        int levels = diagonal.get(0).size();
        int rows = Math.max(levels, CopiReported.MNIST_COMPRESSION_TEST.length);
        List<String> source = new ArrayList<>();
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        List<String> lsTest = new ArrayList<>();
        List<String> paperTrain = new ArrayList<>();
        List<String> paperTest = new ArrayList<>();
        for (int k = 0; k < rows; k++) {
            if (k < levels) {
                source.add(k == 0 ? "the network" : "input of " + diagonal.get(0).get(k).source());
                train.add(mean(diagonal, k, true));
                test.add(mean(diagonal, k, false));
                lsTest.add(mean(leastSquares, k, false));
            } else {
                source.add("(our network has no layer to remove)");
                train.add("");
                test.add("");
                lsTest.add("");
            }
            paperTrain.add(k < CopiReported.MNIST_COMPRESSION_TRAIN.length
                    ? String.format(Locale.ROOT, "%.2f", 100 * CopiReported.MNIST_COMPRESSION_TRAIN[k]) : "");
            paperTest.add(k < CopiReported.MNIST_COMPRESSION_TEST.length
                    ? String.format(Locale.ROOT, "%.2f", 100 * CopiReported.MNIST_COMPRESSION_TEST[k]) : "");
        }
        return Table.create(title, IntColumn.create("layers removed", IntStream.range(0, rows).toArray()),
                StringColumn.create("readout from", source), StringColumn.create("train acc %", train),
                StringColumn.create("test acc %", test), StringColumn.create("test acc %, least-squares readout", lsTest),
                StringColumn.create("paper MNIST train %", paperTrain), StringColumn.create("paper MNIST test %", paperTest));
    }

    private static String mean(List<List<Compression.Level>> curves, int level, boolean train) {
        return Summary.of(curves.stream().mapToDouble(c -> train ? c.get(level).trainAccuracy() : c.get(level).testAccuracy())
                .toArray()).format(true);
    }
}
