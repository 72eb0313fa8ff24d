package org.creditlab.sweep;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.creditlab.experiment.RunResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The trials of a {@link Search}: their values, their runs, and a table of both. */
public final class SearchResult {

    /** One trial: its index, the values it used, and its run (which may have diverged). */
    public record TrialResult(int index, Map<String, Object> values, RunResult run) {
        /** The metric at the last epoch, NaN if the run diverged or is missing. */
        public double last(String column) {
            return run.hasResult() ? run.last(column) : Double.NaN;
        }

        /** The metric's best value over epochs (highest or lowest), NaN if the run diverged or is missing. */
        public double best(String column, boolean maximize) {
            return run.hasResult() ? run.metrics().atBest(column, column, maximize) : Double.NaN;
        }
    }

    private final List<TrialResult> trials;

    /** The trials of a search ({@link Search#run} builds it; tests build one from hand-made runs). */
    public SearchResult(List<TrialResult> trials) {
        this.trials = List.copyOf(trials);
    }

    public List<TrialResult> trials() {
        return trials;
    }

    /** How many trials diverged (their loss became NaN or infinite; {@link RunResult#diverged()}). */
    public int diverged() {
        return (int) trials.stream().filter(t -> t.run().diverged()).count();
    }

    /** How many trials have no run: not trained (as under {@code CREDITLAB_TRAIN=no}) or failed every attempt. */
    public int missing() {
        return (int) trials.stream().filter(t -> t.run().missing()).count();
    }

    /** The final values of a metric over trials (NaN for diverged trials). */
    public double[] last(String column) {
        return trials.stream().mapToDouble(t -> t.last(column)).toArray();
    }

    /**
     * The trial with the best final value of {@code column}, among those that did not diverge. With trials missing it
     * is the best of those that ran, not necessarily the search's: see {@link #missing()}.
     */
    public Optional<TrialResult> best(String column, boolean maximize) {
        return bestBy(t -> t.last(column), maximize);
    }

    /**
     * The trial whose best epoch is best by {@code column}, among those that did not diverge: the choice that early
     * stopping on {@code column} makes, where {@link #best} judges each trial by its last epoch alone.
     */
    public Optional<TrialResult> bestAtAnyEpoch(String column, boolean maximize) {
        return bestBy(t -> t.best(column, maximize), maximize);
    }

    private Optional<TrialResult> bestBy(ToDoubleFunction<TrialResult> score, boolean maximize) {
        Comparator<TrialResult> c = Comparator.comparingDouble(score);
        return trials.stream().filter(t -> Double.isFinite(score.applyAsDouble(t))).max(maximize ? c : c.reversed());
    }

    /** One row per trial: its values, the final value of each metric, and its status (ok, diverged or missing). */
    public Table table(String name, String... metrics) {
        Set<String> keys = new LinkedHashSet<>();
        trials.forEach(t -> keys.addAll(t.values().keySet()));
        Table table = Table.create(name, IntColumn.create("trial", trials.stream().mapToInt(TrialResult::index).toArray()));
        for (String k : keys) {
            if (trials.stream().allMatch(t -> !t.values().containsKey(k) || t.values().get(k) instanceof Number)) {
                table.addColumns(DoubleColumn.create(k, trials.stream().mapToDouble(t -> t.values().containsKey(k)
                        ? ((Number) t.values().get(k)).doubleValue() : Double.NaN).toArray()));
            } else {
                table.addColumns(StringColumn.create(k, trials.stream().map(t -> String.valueOf(t.values().get(k))).toList()));
            }
        }
        for (String m : metrics) {
            table.addColumns(DoubleColumn.create(m, last(m)));
        }
        table.addColumns(StringColumn.create("status", trials.stream().map(t -> t.run().missing() ? "missing" : t.run().diverged() ? "diverged" : "ok").toList()));
        return table;
    }
}
