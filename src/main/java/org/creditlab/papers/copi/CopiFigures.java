package org.creditlab.papers.copi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.creditlab.charts.Bars;
import org.creditlab.charts.Curves;
import org.creditlab.charts.ImageGrid;
import org.creditlab.data.Dataset;
import org.creditlab.diagnostics.Analyses;
import org.creditlab.diagnostics.CopiAnalyses;
import org.creditlab.diagnostics.CorrelationListener;
import org.creditlab.diagnostics.Correlations;
import org.creditlab.diagnostics.FloatRows;
import org.creditlab.experiment.RunResult;
import org.creditlab.rules.copi.Compression;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.sweep.Summary;
import org.creditlab.train.MetricsTable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The figures of {@code notebooks/copi.ipynb}, each naming the paper figure it reproduces. */
public final class CopiFigures {
    private CopiFigures() {}

    /** One metric of every method, mean ± std over seeds, against the epoch (the R-only epochs included). */
    public static Curves curves(String title, String yLabel, Map<Method, SeedRuns> runs, String column) {
        Curves c = Curves.of(title, "epoch (the first ones train only R)", yLabel);
        runs.forEach((m, r) -> c.band(m.label(), r.metrics(), column));
        return c;
    }

    /**
     * Fig. 2's curves of {@code column} with the paper's final values of every method it plots (CIFAR-10, read off its
     * curves) as dashed lines in the method's colour, {@code paper} giving each method's value; methods the paper does
     * not plot get none.
     */
    public static Curves fig2(String title, String yLabel, Map<Method, SeedRuns> runs, String column,
                              Map<Method, Double> paper, String what) {
        Curves c = curves(title, yLabel, runs, column);
        runs.keySet().stream().filter(paper::containsKey).forEach(m ->
                c.reference("paper CIFAR-10 final " + what + ": " + m.label(), paper.get(m), m.label()));
        return c;
    }

    /**
     * The mean off-diagonal |correlation| of each dense layer's input over training (mean ± std over seeds), with its
     * value in the untrained network ({@code before}, from {@link CorrelationListener#measure}) as dashed lines.
     */
    public static Curves decorrelation(String title, SeedRuns runs, Map<String, Double> before) {
        Curves c = Curves.of(title, "epoch (the first ones train only R)", "mean |off-diagonal correlation|");
        MetricsTable first = runs.metrics().get(0);
        for (String column : first.columns()) {
            if (column.startsWith(CorrelationListener.PREFIX)) {
                String layer = column.substring(CorrelationListener.PREFIX.length());
                c.band("input of " + layer, runs.metrics(), column);
                if (before.containsKey(column)) {
                    c.reference("before training: input of " + layer, before.get(column));
                }
            }
        }
        return c;
    }

    /**
     * The paper's Figure 3A: the first training images (x − 0.5), the same images through the learned R₁, and
     * ZCA-whitened (fitted on the whole training set). R₁x is the analysis the run kept when its training ended
     * ({@link Analyses#COPI_DECORRELATED_INPUT}), so the figure needs no trained network: {@code run} may come from a
     * record. {@code train} is the run's training set (the images and the whitening need no network). A run without a
     * result (not run, or diverged) gives an empty grid that says so.
     */
    public static ImageGrid decorrelationVsZca(RunResult run, Dataset train) {
        String title = "Input (x − 0.5), COPI-decorrelated R₁x, ZCA-whitened (paper Fig. 3A)";
        if (!run.hasResult()) {
            return withoutResult(title, run, train);
        }
        INDArray decorrelated = run.analysis(Analyses.COPI_DECORRELATED_INPUT, FloatRows.class).toArray();
        int count = decorrelated.rows();
        INDArray x = train.features().get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
        INDArray whitened = Correlations.zca(train.features(), 1e-8).apply(x);
        long[] shape = imageShape(train);
        ImageGrid g = ImageGrid.of(title, shape, count).symmetric();
        for (int i = 0; i < count; i++) {
            g.add(x.getRow(i).castTo(DataType.DOUBLE).sub(0.5), i == 0 ? "x − 0.5" : "");
        }
        for (int i = 0; i < count; i++) {
            g.add(decorrelated.getRow(i), i == 0 ? "R₁x" : "");
        }
        for (int i = 0; i < count; i++) {
            g.add(whitened.getRow(i), i == 0 ? "ZCA" : "");
        }
        return g;
    }

    /**
     * The paper's Figure 3B: the linear-readout receptive fields of the first layer-2 units, as the run kept them when
     * its training ended ({@link Analyses#COPI_RECEPTIVE_FIELDS}, {@link CopiAnalyses#RECEPTIVE_FIELDS} of them);
     * {@code train} gives the image shape. A run without a result gives an empty grid that says so.
     */
    public static ImageGrid receptiveFields(RunResult run, Dataset train, int columns) {
        if (!run.hasResult()) {
            return withoutResult("Linear-readout receptive fields of layer-2 units (paper Fig. 3B)", run, train);
        }
        FloatRows rf = run.analysis(Analyses.COPI_RECEPTIVE_FIELDS, FloatRows.class);
        ImageGrid g = ImageGrid.of("Linear-readout receptive fields of the first " + rf.rows() + " layer-2 units (paper Fig. 3B)",
                imageShape(train), columns).symmetric();
        for (int i = 0; i < rf.rows(); i++) {
            g.add(rf.row(i), "");
        }
        return g;
    }

    /** An empty grid whose note names the run and why it has nothing to show. */
    private static ImageGrid withoutResult(String title, RunResult run, Dataset train) {
        return ImageGrid.of(title, imageShape(train), 1).note(run.experiment().name() + "/" + run.experiment().runId()
                + ": " + run.whyNoResult() + ", so there is nothing to show");
    }

    /**
     * The paper's Figure 3C: accuracy per number of layers removed (the authors' readout, and the test accuracy of the
     * full least-squares readout), with the authors' MNIST values as markers. Without curves (no seed ran) our series
     * are named without a result.
     */
    public static Bars compression(String title, List<List<Compression.Level>> diagonal, List<List<Compression.Level>> leastSquares) {
        Bars b = Bars.of(title, "layers removed", "accuracy");
        if (diagonal.isEmpty()) {
            for (String series : List.of("train (ours)", "test (ours)", "test, least-squares readout (ours)")) {
                b.bar("0", series, new double[0]);
            }
        }
        for (int k = 0; k < levels(diagonal); k++) {
            final int level = k;
            String c = String.valueOf(k);
            b.bar(c, "train (ours)", diagonal.stream().mapToDouble(l -> l.get(level).trainAccuracy()).toArray());
            b.bar(c, "test (ours)", diagonal.stream().mapToDouble(l -> l.get(level).testAccuracy()).toArray());
            b.bar(c, "test, least-squares readout (ours)", leastSquares.stream().mapToDouble(l -> l.get(level).testAccuracy()).toArray());
        }
        for (int k = 0; k < CopiReported.MNIST_COMPRESSION_TEST.length; k++) {
            b.reference(String.valueOf(k), "paper MNIST train", CopiReported.MNIST_COMPRESSION_TRAIN[k]);
            b.reference(String.valueOf(k), "paper MNIST test", CopiReported.MNIST_COMPRESSION_TEST[k]);
        }
        return b;
    }

    /** The learning-rate sweep: one curve per trial of COPI (BP) and BP (Adam). */
    public static Curves sweep(String title, SearchResult copi, SearchResult adam, String column) {
        Curves c = Curves.of(title, "epoch (the first ones train only R)", "accuracy");
        for (SearchResult.TrialResult t : copi.trials()) {
            double effective = ((Number) t.values().get("alpha")).doubleValue() * CopiPresets.ETA;
            c.line(String.format(Locale.ROOT, "COPI (BP), α·η = %.2g", effective), t.run().metrics(), column);
        }
        for (SearchResult.TrialResult t : adam.trials()) {
            c.line("BP (Adam), lr = " + t.values().get("lr"), t.run().metrics(), column);
        }
        return c;
    }

    private static long[] imageShape(Dataset data) {
        long[] s = data.exampleShape();
        if (s.length == 3) {
            return s;
        }
        int side = (int) Math.round(Math.sqrt(data.featureCount()));
        if (side * side == data.featureCount()) {
            return new long[] {1, side, side};
        }
        int grey = data.featureCount() / 3;
        int rgbSide = (int) Math.round(Math.sqrt(grey));
        return new long[] {3, rgbSide, rgbSide};
    }

    /**
     * Accuracy (mean ± std over seeds) per number of layers removed, for the authors' readout and for the full
     * least-squares readout, beside the authors' MNIST values.
     */
    public static Table compressionTable(String title, List<List<Compression.Level>> diagonal,
                                         List<List<Compression.Level>> leastSquares) {
        int levels = levels(diagonal);
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
                source.add(diagonal.isEmpty() ? "(not run)" : "(our network has no layer to remove)");
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

    /** Compression levels of the curves (every seed's network has the same); 0 without curves. */
    private static int levels(List<List<Compression.Level>> curves) {
        return curves.isEmpty() ? 0 : curves.get(0).size();
    }

    private static String mean(List<List<Compression.Level>> curves, int level, boolean train) {
        return Summary.of(curves.stream().mapToDouble(c -> train ? c.get(level).trainAccuracy() : c.get(level).testAccuracy())
                .toArray()).format(true);
    }
}
