package org.creditlab.papers.dfc;

import java.util.List;
import java.util.Map;
import org.creditlab.charts.Bars;
import org.creditlab.charts.Curves;
import org.creditlab.charts.Scatter;
import org.creditlab.diagnostics.ControllerTrace;
import org.creditlab.train.MetricsTable;

/** The DFC notebook's charts, built from the studies' results. */
public final class DfcFigures {
    private DfcFigures() {}

    /**
     * One metric over epochs, one mean ± std band per method; methods whose runs lack the column are skipped, and
     * methods none of whose runs is stored are named as not run.
     */
    public static Curves panel(String title, String yLabel, Map<Method, List<MetricsTable>> runs, String column) {
        Curves c = Curves.of(title, "epoch", yLabel);
        runs.forEach((method, tables) -> {
            if (shows(tables, column)) {
                c.band(method.label(), tables, column);
            }
        });
        return c;
    }

    /** Whether some run has {@code column}, or none has epochs (a band that the chart names as not run). */
    private static boolean shows(List<MetricsTable> tables, String column) {
        return tables.stream().anyMatch(t -> t.columns().contains(column)) || tables.stream().allMatch(t -> t.epochs() == 0);
    }

    /** Fig. 3F: the angles of the simulated DFC and DFC-SS updates with DFC-SSA's, along each DFC run. */
    public static Curves figure3F(Map<Method, List<MetricsTable>> runs) {
        Curves c = Curves.of("Fig. 3F: angle of simulated DFC / DFC-SS updates with DFC-SSA's", "epoch", "degrees");
        runs.forEach((method, tables) -> {
            if (method.isDfc() && shows(tables, "angle_dfc_ssa")) {
                c.band("DFC vs SSA along " + method.label(), tables, "angle_dfc_ssa");
                c.band("DFC-SS vs SSA along " + method.label(), tables, "angle_ss_ssa");
            }
        });
        return c.reference("identical", 0.0);
    }

    /**
     * Fig. 1D: one output unit and one control component over time, with the target dashed; a trace that is null (its
     * run not stored, {@link DfcStudy#figure1D}) is named as not run.
     */
    public static Curves output(ControllerTrace t) {
        Curves c = Curves.of("Fig. 1D: network output approaching the target", "time (τ_u)", "r_L(t)");
        return t == null ? c.notRun("output r_L(t)")
                : c.line("output r_L(t)", t.times(), t.outputOf(0)).reference("output target r_L*", t.target()[0]);
    }

    public static Curves control(ControllerTrace t) {
        Curves c = Curves.of("Fig. 1D: control signal", "time (τ_u)", "u(t)");
        return t == null ? c.notRun("u(t)") : c.line("u(t)", t.times(), t.controlOf(0));
    }

    /** Fig. 2: the random feedback matrices, the damped pseudo-inverse path, J^† and Jᵀ on the first two PCs. */
    public static Scatter feedbackSpace(FeedbackSpace f) {
        return Scatter.of(String.format("Fig. 2: Q satisfying Conditions 2 and 3 (PCA, %.0f%% of variance)", 100 * f.explained()),
                        "PC1", "PC2")
                .points("random Q = JᵀP with Re eig(JQ) > 0", FeedbackSpace.coordinate(f.random(), 0), FeedbackSpace.coordinate(f.random(), 1))
                .line("Jᵀ(JJᵀ + γI)⁻¹, γ ∈ [1e-5, 1e2]", FeedbackSpace.coordinate(f.damped(), 0), FeedbackSpace.coordinate(f.damped(), 1))
                .mark("J† (pseudo-inverse)", f.pseudoInverse()[0], f.pseudoInverse()[1])
                .mark("Jᵀ", f.transpose()[0], f.transpose()[1]);
    }

    /** The autoencoder's test loss per method, with the paper's (MNIST, 784-256-32-256-784) values dashed in its colour. */
    public static Curves autoencoder(String title, Map<Method, List<MetricsTable>> runs) {
        Curves c = panel(title, "test MSE", runs, "test_loss");
        runs.keySet().forEach(method -> {
            DfcReported.Reported paper = DfcReported.table1("mnist-autoencoder", method);
            c.reference(paper.tagged("paper (MNIST): " + method.label()), paper.mean() / 100, method.label());
        });
        return c;
    }

    /**
     * A Table 1 column as bars (ours, mean ± std) with the paper's values as markers. Where the rows trained for
     * different lengths (the trained-feedback rows are shortened at paper scale), each category names its epochs and a
     * second bar gives every row within the shortest row's epochs, as the table does.
     */
    public static Bars table1(String title, String column, Map<Method, List<MetricsTable>> runs) {
        boolean classification = !column.equals("mnist-autoencoder");
        Bars b = Bars.of(title, "method", classification ? "test error (%)" : "test loss (×10⁻²)");
        int shortest = DfcTables.equalTrainingEpochs(column, runs);
        boolean uneven = shortest > 0;
        runs.forEach((method, tables) -> {
            double[] v = tables.stream().mapToDouble(m -> DfcTables.value(column, m)).toArray();
            int epochs = tables.stream().mapToInt(MetricsTable::epochs).max().orElse(0);
            String label = method.label() + (uneven && epochs > 0 ? " (" + epochs + " ep.)" : "");
            b.bar(label, "ours", v);
            if (uneven) {
                b.bar(label, "ours within " + shortest + " epochs",
                        tables.stream().filter(m -> m.epochs() > 0).mapToDouble(m -> DfcTables.value(column, m.head(shortest))).toArray());
            }
            DfcReported.Reported paper = DfcReported.table1(column, method);
            // the same tag as the tables and findings: a chart must not look surer of the paper than they are
            b.reference(label, paper.tagged("paper"), paper.mean());
        });
        return b;
    }
}
