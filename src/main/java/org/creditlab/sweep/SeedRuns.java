package org.creditlab.sweep;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.train.MetricsTable;

/** One configuration run with several seeds: the runs, and summaries over seeds. */
public final class SeedRuns {
    private final String label;
    private final List<RunResult> runs;

    public SeedRuns(String label, List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("'" + label + "' has no runs");
        }
        this.label = label;
        this.runs = List.copyOf(runs);
    }

    /** Runs (or loads) {@code experiment} once per seed. */
    public static SeedRuns of(String label, Experiment experiment, Runner runner, long... seeds) {
        List<RunResult> out = new ArrayList<>();
        for (long s : seeds) {
            out.add(runner.run(experiment.withSeed(s)));
        }
        return new SeedRuns(label, out);
    }

    public static SeedRuns of(String label, Experiment experiment, long... seeds) {
        return of(label, experiment, Runner.standard(), seeds);
    }

    public String label() { return label; }
    public List<RunResult> runs() { return runs; }

    public List<MetricsTable> metrics() {
        return runs.stream().map(RunResult::metrics).toList();
    }

    /** The metric's value at each run's last epoch (NaN for a run that diverged or has no epochs). */
    public double[] last(String column) {
        return runs.stream().mapToDouble(r -> r.diverged() || r.metrics().epochs() == 0 ? Double.NaN : r.last(column)).toArray();
    }

    /** The best value over epochs of each run (max or min). */
    public double[] best(String column, boolean maximize) {
        return runs.stream().mapToDouble(r -> {
            double[] v = r.metrics().column(column);
            return java.util.Arrays.stream(v).filter(Double::isFinite).reduce(maximize ? Math::max : Math::min).orElse(Double.NaN);
        }).toArray();
    }

    /** Mean ± std over seeds of the metric at the last epoch. */
    public Summary summary(String column) {
        return Summary.of(last(column));
    }

    @Override
    public String toString() {
        return label + " (" + runs.size() + " seeds)";
    }
}
