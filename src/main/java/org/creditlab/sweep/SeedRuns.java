package org.creditlab.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.execution.Executors;
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

    /** Runs (or loads) {@code experiment} once per seed, the seeds side by side ({@link Executors#standard()}). */
    public static SeedRuns of(String label, Experiment experiment, Runner runner, long... seeds) {
        return batch(runner).add(label, label, experiment, seeds).run().get(label);
    }

    /**
     * Several configurations, each with its seeds, run as one batch so that all of their runs share the workers:
     * <pre>{@code
     * var batch = SeedRuns.<Method>batch(runner);
     * for (Method m : Method.values()) batch.add(m, m.label(), experiment(m), seeds);
     * Map<Method, SeedRuns> runs = batch.run();
     * }</pre>
     */
    public static <K> Batch<K> batch(Runner runner) {
        return new Batch<>(runner);
    }

    /** Configurations collected for one executor call; {@link #run()} returns them by key, in insertion order. */
    public static final class Batch<K> {
        private record Entry<K>(K key, String label, List<Experiment> experiments) {}

        private final Runner runner;
        private final List<Entry<K>> entries = new ArrayList<>();

        private Batch(Runner runner) {
            this.runner = runner;
        }

        public Batch<K> add(K key, String label, Experiment experiment, long... seeds) {
            if (entries.stream().anyMatch(e -> e.key().equals(key))) {
                throw new IllegalArgumentException("the batch has '" + key + "' already");
            }
            entries.add(new Entry<>(key, label, Arrays.stream(seeds).mapToObj(experiment::withSeed).toList()));
            return this;
        }

        public Map<K, SeedRuns> run() {
            List<Experiment> all = entries.stream().flatMap(e -> e.experiments().stream()).toList();
            List<RunResult> results = Executors.standard().runAll(all, runner);
            Map<K, SeedRuns> out = new LinkedHashMap<>();
            int next = 0;
            for (Entry<K> e : entries) {
                out.put(e.key(), new SeedRuns(e.label(), results.subList(next, next + e.experiments().size())));
                next += e.experiments().size();
            }
            return out;
        }
    }

    /**
     * Seeds of {@code experiment} that are not run, each a {@link RunResult#missing} saying {@code why}: a configuration
     * that cannot be run yet (it depends on runs that are missing), kept in its place so tables and findings say so.
     */
    public static SeedRuns notRun(String label, Experiment experiment, String why, long... seeds) {
        return new SeedRuns(label, Arrays.stream(seeds).mapToObj(s -> RunResult.missing(experiment.withSeed(s), null, why)).toList());
    }

    public static SeedRuns of(String label, Experiment experiment, long... seeds) {
        return of(label, experiment, Runner.standard(), seeds);
    }

    public String label() { return label; }
    public List<RunResult> runs() { return runs; }

    /** Runs that could not be produced (every attempt failed); their places are kept in {@link #runs()}. */
    public int missing() {
        return (int) runs.stream().filter(RunResult::missing).count();
    }

    public List<MetricsTable> metrics() {
        return runs.stream().map(RunResult::metrics).toList();
    }

    /** The metric's value at each run's last epoch (NaN for a run that diverged or has no epochs). */
    public double[] last(String column) {
        return runs.stream().mapToDouble(r -> r.hasResult() ? r.last(column) : Double.NaN).toArray();
    }

    /**
     * The best value over epochs of each run (max or min); NaN for a run that diverged or has no epochs, as in
     * {@link #last} (a diverged run's peak before it diverged is not its result).
     */
    public double[] best(String column, boolean maximize) {
        return runs.stream().mapToDouble(r -> {
            if (!r.hasResult()) {
                return Double.NaN;
            }
            double[] v = r.metrics().column(column);
            return Arrays.stream(v).filter(Double::isFinite).reduce(maximize ? Math::max : Math::min).orElse(Double.NaN);
        }).toArray();
    }

    /** Mean ± std over seeds of the metric at the last epoch; diverged and missing runs are counted apart. */
    public Summary summary(String column) {
        return Summary.of(runs.stream().filter(r -> !r.missing())
                .mapToDouble(r -> r.hasResult() ? r.last(column) : Double.NaN).toArray(), missing());
    }

    /**
     * Mean ± std over seeds of {@code column} at each run's epoch of best {@code selectBy} (early stopping, e.g. the
     * test accuracy at the best validation epoch); diverged and missing runs are counted apart.
     */
    public Summary summaryAtBest(String column, String selectBy, boolean maximize) {
        return Summary.of(runs.stream().filter(r -> !r.missing())
                .mapToDouble(r -> r.hasResult() ? r.metrics().atBest(column, selectBy, maximize) : Double.NaN).toArray(), missing());
    }

    @Override
    public String toString() {
        return label + " (" + runs.size() + " seeds)";
    }
}
