package org.creditlab.papers.pepita;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.creditlab.charts.Bars;
import org.creditlab.charts.Curves;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.diagnostics.Slowness;
import org.creditlab.experiment.RunResult;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.sweep.Summary;
import org.creditlab.train.MetricsTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The PEPITA notebook's figures and tables, built from stored runs and the papers' reported numbers. */
public final class PepitaFigures {
    private PepitaFigures() {}

    /** Test-accuracy curves, mean ± std over seeds, one band per method (with the authors' CIFAR-10 run if relevant). */
    public static Curves accuracyCurves(String title, DatasetName dataset, Map<Method, SeedRuns> runs) {
        Curves c = Curves.of(title, "epoch", "test accuracy");
        runs.forEach((m, r) -> c.band(m.label(), r.metrics(), "test_acc"));
        if (dataset == DatasetName.CIFAR10) {
            double[][] t = PepitaReported.TUTORIAL_CIFAR10_CURVE;
            c.points("authors' tutorial run (PEPITA, verified)", Arrays.stream(t).mapToDouble(p -> p[0]).toArray(),
                    Arrays.stream(t).mapToDouble(p -> p[1] / 100).toArray());
        }
        return c;
    }

    /**
     * Our check of why PEPITA falls behind BP on Fashion-MNIST: its test accuracy at the MNIST preset's rate and at
     * {@link PepitaStudy#STABLE_LR}, beside BP's at the preset's rate, with the paper's MNIST gap for orientation.
     */
    public static Curves stableRate(Map<Method, SeedRuns> fmnist, SeedRuns stable) {
        double lr = PepitaPresets.icmlCode(DatasetName.MNIST).learningRate();
        PepitaReported paper = PepitaReported.of("PEPITA", DatasetName.MNIST).orElseThrow();
        PepitaReported paperBp = PepitaReported.of("BP", DatasetName.MNIST).orElseThrow();
        boolean unverified = paper.status() == PepitaReported.Status.UNVERIFIED || paperBp.status() == PepitaReported.Status.UNVERIFIED;
        Curves c = Curves.of(String.format(Locale.ROOT, "PEPITA at a stable rate, our check (paper, MNIST: PEPITA %.2f, BP %.2f%s)",
                paper.mean(), paperBp.mean(), unverified ? " [unverified]" : ""), "epoch", "test accuracy");
        for (Method m : List.of(Method.BP, Method.PEPITA)) {
            SeedRuns r = fmnist == null ? null : fmnist.get(m);
            String label = m.label() + " (η = " + lr + ")";
            if (r == null) {
                c.notRun(label);
            } else {
                c.band(label, r.metrics(), "test_acc");
            }
        }
        return c.band("PEPITA (η = " + PepitaStudy.STABLE_LR + ")", stable.metrics(), "test_acc");
    }

    /**
     * The ICML main table with our numbers beside the paper's: one row per dataset and method. Datasets that are not
     * here say "not present"; present ones that this profile does not run say so; nothing is filled in for them.
     */
    public static Table accuracyTable(Map<DatasetName, Map<Method, SeedRuns>> ours) {
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn method = StringColumn.create("method");
        StringColumn ourColumn = StringColumn.create("ours: test accuracy % (mean ± std)");
        IntColumn seeds = IntColumn.create("seeds");
        StringColumn paper = StringColumn.create("paper: test accuracy %");
        for (DatasetName d : PepitaStudy.DATASETS) {
            for (Method m : Method.values()) {
                dataset.append(d.directory());
                method.append(m.label());
                SeedRuns r = ours.containsKey(d) ? ours.get(d).get(m) : null;
                if (r == null) {
                    ourColumn.append(Datasets.isPresent(d) ? "not run in this profile" : "not present");
                    seeds.appendMissing();
                } else {
                    ourColumn.append(r.summary("test_acc").format(true));
                    seeds.append(r.runs().size());
                }
                paper.append(PepitaReported.of(m.label(), d).map(PepitaReported::describe)
                        .orElse(d == DatasetName.FASHION_MNIST ? "not in the paper" : "not reported"));
            }
        }
        return Table.create("ICML 2022 main table (FC 1×1024, 100 epochs) beside ours", dataset, method, ourColumn, seeds, paper);
    }

    /**
     * The ICML conv table beside ours: our rows for the dataset we ran ({@code ranOn}), then the paper's rows for each
     * dataset of its table (all [unverified]).
     */
    public static Table convTable(DatasetName ranOn, Map<String, SeedRuns> ours) {
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn method = StringColumn.create("method");
        StringColumn ourColumn = StringColumn.create("ours: test accuracy % (mean ± std)");
        StringColumn paper = StringColumn.create("paper: test accuracy %");
        ours.forEach((label, r) -> {
            dataset.append(ranOn.directory());
            method.append(label);
            ourColumn.append(r.summary("test_acc").format(true) + " (" + r.runs().size() + " seeds)");
            paper.append(PepitaReported.conv(label.startsWith("PEPITA") ? "PEPITA" : label, ranOn).map(PepitaReported::describe)
                    .orElse(ranOn == DatasetName.FASHION_MNIST ? "not in the paper" : "not reported"));
        });
        for (PepitaReported r : PepitaReported.ICML_CONV_TABLE) {
            if (r.dataset() != ranOn) {
                dataset.append(r.dataset().directory());
                method.append(r.method());
                ourColumn.append(Datasets.isPresent(r.dataset()) ? "not run in this profile" : "not present");
                paper.append(r.describe());
            }
        }
        return Table.create("ICML 2022 conv table (1 conv layer + FC) beside ours", dataset, method, ourColumn, paper);
    }

    /**
     * The conv comparison's numbers: each convention's accuracy and its gap to BP, or that it was not run. The verdict
     * is the findings' (PepitaFindings' conv claim), computed from the same runs.
     */
    public static String convGaps(Map<String, SeedRuns> ours) {
        double bp = ours.get(Method.BP.label()).summary("test_acc").mean();
        StringBuilder sb = new StringBuilder();
        ours.forEach((label, r) -> {
            if (!label.equals(Method.BP.label())) {
                double acc = r.summary("test_acc").mean();
                sb.append(Double.isFinite(acc) && Double.isFinite(bp)
                        ? String.format(Locale.ROOT, "%s: %.2f%%, %.2f points below BP (%.2f%%). ", label, 100 * acc,
                                100 * (bp - acc), 100 * bp)
                        : label + ": not run" + (Double.isFinite(bp) ? "" : ", nor BP") + ". ");
            }
        });
        return sb.append("The verdict is the findings' row \"on the one-conv network PEPITA ends a few points below BP\" below.").toString().strip();
    }

    /** The angle between F and (W_L⋯W_1)ᵀ, and between PEPITA's first-layer update and AFA's, over epochs. */
    public static Curves alignment(SeedRuns pepita) {
        return Curves.of("Anti-alignment of F; PEPITA vs AFA (ICML 2022, ICLR 2024)", "epoch", "degrees")
                .band("angle(F, (W₂W₁)ᵀ)", pepita.metrics(), "angle_F_Wt")
                .band("angle(ΔW₁, AFA's ΔW₁)", pepita.metrics(), "angle_afa/dense1")
                .reference("90°", 90);
    }

    /** ‖W₁‖_F over epochs, one band per method. */
    public static Curves firstLayerNorm(Map<Method, SeedRuns> runs) {
        Curves c = Curves.of("Norm of the first layer (ICML 2022 alignment figure)", "epoch", "‖W₁‖_F").logY();
        runs.forEach((m, r) -> c.band(m.label(), r.metrics(), "norm_W/dense1"));
        return c;
    }

    /** Final test accuracy for each scale s of F. */
    public static Bars projectionScales(Map<Double, SeedRuns> runs) {
        Bars b = Bars.of("Sensitivity to the scale of F at η = " + PepitaStudy.STABLE_LR + " (ours; the ICML 2022 paper states "
                + "robustness to it [unverified]): F in U(±s·√(6/d)), default s = " + PepitaStudy.DEFAULT_SCALE, "s", "final test accuracy");
        runs.forEach((s, r) -> {
            String category = "s = " + s;
            // at a large scale every seed may diverge: the empty slot says so
            b.bar(category, "ours", r.last("test_acc")).whyEmpty(category, whyNoResult(r.runs()));
        });
        return b;
    }

    /** Why none of {@code runs} has a result ("not run", "diverged", or both), or "" if one has. */
    private static String whyNoResult(List<RunResult> runs) {
        return runs.stream().anyMatch(RunResult::hasResult) ? ""
                : runs.stream().map(RunResult::whyNoResult).distinct().collect(Collectors.joining(", "));
    }

    /** Final test accuracy of the follow-up's variants (and BP) for 1, 2 and 3 hidden layers. */
    public static Bars followUp(Map<String, Map<Integer, SeedRuns>> runs) {
        return byDepth("ICLR 2024 Table 2 / Fig. 3: PEPITA variants by depth", runs);
    }

    /** The same numbers as a table, with the mean angle between F and the forward product for PEPITA variants. */
    public static Table followUpTable(Map<String, Map<Integer, SeedRuns>> runs) {
        return byDepthTable("ICLR 2024 comparison (its numbers are unverified: none shown)", runs);
    }

    /** Final test accuracy of the follow-up's update modes (and BP) by depth ({@link PepitaStudy#modes}). */
    public static Bars modes(Map<String, Map<Integer, SeedRuns>> runs) {
        return byDepth("ICLR 2024: PEPITA's update modes (modulated, forward, Hebbian, time-local) by depth", runs);
    }

    /** The update modes' numbers as a table, with the angle between F and the forward product at the end. */
    public static Table modesTable(Map<String, Map<Integer, SeedRuns>> runs) {
        return byDepthTable("ICLR 2024 update modes (its Fig. 3a and S1 numbers are unverified: none shown)", runs);
    }

    private static Bars byDepth(String title, Map<String, Map<Integer, SeedRuns>> runs) {
        Bars b = Bars.of(title, "hidden layers", "final test accuracy");
        runs.forEach((variant, byDepth) -> byDepth.forEach((depth, r) -> b.bar(depth + " hidden", variant, r.last("test_acc"))));
        // at paper scale the deeper networks may not have run yet: their empty slots say so
        Map<Integer, List<RunResult>> atDepth = new LinkedHashMap<>();
        runs.values().forEach(byDepth -> byDepth.forEach((depth, r) -> atDepth.computeIfAbsent(depth, k -> new ArrayList<>()).addAll(r.runs())));
        atDepth.forEach((depth, r) -> b.whyEmpty(depth + " hidden", whyNoResult(r)));
        return b;
    }

    private static Table byDepthTable(String title, Map<String, Map<Integer, SeedRuns>> runs) {
        StringColumn variant = StringColumn.create("variant");
        IntColumn depth = IntColumn.create("hidden layers");
        StringColumn acc = StringColumn.create("test accuracy %");
        DoubleColumn angle = DoubleColumn.create("angle(F, W-product) at the end");
        runs.forEach((v, byDepth) -> byDepth.forEach((k, r) -> {
            variant.append(v);
            depth.append(k);
            acc.append(r.summary("test_acc").format(true));
            angle.append(Summary.of(r.metrics().stream().mapToDouble(t -> last(t, "angle_F_Wt")).toArray()).mean());
        }));
        return Table.create(title, variant, depth, acc, angle);
    }

    /** The mean over seeds of a column, epoch by epoch (over the seeds that reached each epoch). */
    public static double[] meanCurve(SeedRuns runs, String column) {
        List<double[]> series = new ArrayList<>();
        runs.metrics().forEach(m -> series.add(m.column(column)));
        int n = series.stream().mapToInt(s -> s.length).max().orElse(0);
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            final int k = i;
            mean[i] = series.stream().filter(s -> s.length > k).mapToDouble(s -> s[k]).average().orElse(Double.NaN);
        }
        return mean;
    }

    /**
     * The slowness fit of each method's mean test curve over the first {@code window} points (chance prepended); a
     * method without runs (not yet run) has no fit.
     */
    public static Map<Method, Slowness> slowness(Map<Method, SeedRuns> runs, int window, double chance) {
        Map<Method, Slowness> out = new LinkedHashMap<>();
        runs.forEach((m, r) -> {
            double[] curve = meanCurve(r, "test_acc");
            if (curve.length > 0) {
                out.put(m, Slowness.fit(curve, window, chance));
            }
        });
        return out;
    }

    public static Table slownessTable(Map<Method, Slowness> fits) {
        StringColumn method = StringColumn.create("method");
        DoubleColumn a = DoubleColumn.create("A (max accuracy in the window)");
        DoubleColumn s = DoubleColumn.create("slowness s (epochs)");
        DoubleColumn rmse = DoubleColumn.create("fit rmse");
        fits.forEach((m, f) -> {
            method.append(m.label());
            a.append(f.asymptote());
            s.append(f.s());
            rmse.append(f.rmse());
        });
        method.append("authors' example output (numbers verified; its run probably BP on MNIST, a guess)");
        a.append(PepitaReported.SLOWNESS_EXAMPLE_ASYMPTOTE);
        s.append(PepitaReported.SLOWNESS_EXAMPLE_S);
        rmse.appendMissing();
        return Table.create("Convergence speed: acc(t) = A·t/(s + t) fitted to the mean test curve", method, a, s, rmse);
    }

    /** The fitted slowness of each method, with the authors' saved example output as a marker at BP. */
    public static Bars slownessFigure(Map<Method, Slowness> fits) {
        Bars b = Bars.of("Slowness s of acc(t) = A·t/(s + t) (ICML 2022 convergence rate)", "method", "s (epochs)");
        fits.forEach((m, f) -> b.bar(m.label(), "ours", f.s(), 0));
        return b.reference(Method.BP.label(), "authors' example output (numbers verified; probably BP on MNIST)", PepitaReported.SLOWNESS_EXAMPLE_S);
    }

    private static double last(MetricsTable t, String column) {
        return t.epochs() > 0 && t.last().has(column) ? t.last().get(column) : Double.NaN;
    }

    /** The first milestone of the schedule at this length: the slowness window (60 at the paper's 100 epochs). */
    public static int slownessWindow(int epochs) {
        return PepitaPresets.SCHEDULE.rescaled(PepitaPresets.EPOCHS, epochs).milestones().get(0);
    }

}
