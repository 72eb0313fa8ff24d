package org.creditlab.papers.copi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.diagnostics.Analyses;
import org.creditlab.diagnostics.CopiAnalyses;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.experiment.Runner;
import org.creditlab.experiment.RunResult;
import org.creditlab.notebook.Profile;
import org.creditlab.papers.copi.CopiPresets.Setup;
import org.creditlab.rules.copi.Compression;
import org.creditlab.rules.copi.CopiSpec;
import org.creditlab.sweep.Search;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.train.ConsoleProgress;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The runs of {@code notebooks/copi.ipynb}, at the scale of a {@link Profile}: every method on each setup of
 * {@link CopiPresets}, the learning-rate sweeps, and the compression of the trained networks (Figure 3C), which COPI
 * (BP)'s runs keep as an analysis ({@link CopiPresets#ANALYSES}). Every run is stored under
 * {@code results/copi-<setup>/}, so a second execution loads (or reads its record) instead of training.
 */
public final class CopiStudy {
    private CopiStudy() {}

    /**
     * One row per dataset of the paper's FULL profile plus Fashion-MNIST: whether it is present here, and what this
     * profile runs on it.
     */
    public static Table datasets(Profile profile) {
        List<Setup> setups = CopiPresets.setups(Profile.FULL);
        List<String> status = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (Setup full : setups) {
            boolean present = full.present();
            status.add(present ? "present" : "not present (cannot be downloaded here)");
            Setup used = CopiPresets.setups(profile).stream().filter(s -> s.dataset() == full.dataset()).findFirst().orElse(null);
            runs.add(used == null ? "FULL profile only" : !present ? "skipped" : used.sizesText() + ", "
                    + (used.data().trainLimit() > 0 ? used.data().trainLimit() + " training images, " : "") + used.epochs()
                    + " epochs (" + used.decorrelationOnlyEpochs() + " R only), " + used.seeds().length + " seeds");
        }
        return Table.create("Datasets (" + profile + " profile)",
                StringColumn.create("dataset", setups.stream().map(s -> s.dataset().directory()).toList()),
                StringColumn.create("status", status), StringColumn.create("this profile runs", runs));
    }

    /** Every setup of the profile with its runs, or null for a dataset that is not present. */
    public static Map<Setup, Map<Method, SeedRuns>> runPresent(Profile profile) {
        Map<Setup, Map<Method, SeedRuns>> out = new LinkedHashMap<>();
        for (Setup s : CopiPresets.setups(profile)) {
            out.put(s, s.present() ? runAll(s) : null);
        }
        return out;
    }

    /** The runner of the paper's runs: stored, epoch lines only, with the decorrelation measure recorded. */
    public static Runner runner() {
        return Runner.standard().progress(ConsoleProgress.epochsOnly()).diagnose(Diagnostics.spec(Diagnostics.CORRELATION, CopiPresets.PROBE));
    }

    /** Trains (or loads) every method on {@code s} with all its seeds. */
    public static Map<Method, SeedRuns> runAll(Setup s) {
        SeedRuns.Batch<Method> batch = SeedRuns.batch(runner());
        for (Method m : Method.values()) {
            batch.add(m, m.label(), CopiPresets.experiment(m, s), s.seeds());
        }
        return batch.run();
    }

    /**
     * The learning-rate sweep of COPI-BP: α = 10, 100, 1000 at η = 1e-3, i.e. effective rates α·η = 0.01, 0.1, 1.
     * Trials share the experiment name of {@link CopiPresets#experiment}, so the α = 1000 trial is COPI-BP's seed 1, loaded.
     */
    public static Search copiSweep(Setup s) {
        return Search.grid(Map.of("alpha", List.of(10.0, 100.0, 1000.0)), t -> CopiPresets.experiment(Method.COPI_BP, s)
                .toBuilder().rule(new CopiSpec().toBuilder().lossMultiplier(t.number("alpha"))
                        .decorrelationOnlyEpochs(s.decorrelationOnlyEpochs()).build()).build());
    }

    /** The learning-rate sweep of BP-Adam: 1e-3, 1e-4, 1e-5 (the 1e-4 trial is BP-Adam's seed 1, loaded). */
    public static Search adamSweep(Setup s) {
        return Search.grid(Map.of("lr", List.of(1e-3, 1e-4, 1e-5)), t -> CopiPresets.experiment(Method.BP_ADAM, s)
                .toBuilder().optimizer(CopiPresets.copiAdam(t.number("lr"))).build());
    }

    /**
     * The compression curve of every seed's trained network with {@code readout}, as each run kept it when its training
     * ended ({@link Analyses#COPI_COMPRESSION}), so from records too; diverged and missing seeds are skipped.
     */
    public static List<List<Compression.Level>> compression(SeedRuns runs, Compression.Readout readout) {
        List<List<Compression.Level>> out = new ArrayList<>();
        for (RunResult r : runs.runs()) {
            if (!r.diverged() && !r.missing()) {
                CopiAnalyses.Compressions c = r.analysis(Analyses.COPI_COMPRESSION, CopiAnalyses.Compressions.class);
                out.add(readout == Compression.Readout.DIAGONAL ? c.diagonal() : c.leastSquares());
            }
        }
        return out;
    }
}
