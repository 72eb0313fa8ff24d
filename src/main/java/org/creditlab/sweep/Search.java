package org.creditlab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.creditlab.execution.Executors;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.util.Rng;

/**
 * A metaparameter search: a random search (each trial draws its values from its own stream) or a grid (every
 * combination of the axes). Each trial is an {@link Experiment} built by the caller from the trial's values, run
 * through a {@link Runner}, so every trial is stored under {@code results/<experiment>/} and a repeated search loads
 * them instead of retraining. Diverged trials are kept and reported as such.
 *
 * <pre>{@code
 * SearchResult r = Search.random(12, 7, t -> base.toBuilder().rule(new WeightMirrorSpec(
 *         t.logUniform("alpha", 1e-5, 1e-1), t.logUniform("beta", 1e-5, 1e-1))).build()).run(Runner.standard());
 * }</pre>
 */
public final class Search {
    private final List<Map<String, Object>> points;
    private final long seed;
    private final Function<Trial, Experiment> make;

    private Search(List<Map<String, Object>> points, long seed, Function<Trial, Experiment> make) {
        this.points = points;
        this.seed = seed;
        this.make = make;
    }

    /** {@code trials} random trials, drawn from {@code seed}. */
    public static Search random(int trials, long seed, Function<Trial, Experiment> make) {
        List<Map<String, Object>> pts = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            pts.add(Map.of());
        }
        return new Search(pts, seed, make);
    }

    /** Every combination of the axes' values (the first axis varies slowest). */
    public static Search grid(Map<String, List<?>> axes, Function<Trial, Experiment> make) {
        List<Map<String, Object>> pts = new ArrayList<>();
        pts.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<?>> axis : axes.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : pts) {
                for (Object v : axis.getValue()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(axis.getKey(), v);
                    next.add(q);
                }
            }
            pts = next;
        }
        return new Search(pts, 0, make);
    }

    public int size() {
        return points.size();
    }

    /** One trial as planned: its index, the values it drew and the experiment it runs. */
    public record Planned(int index, Map<String, Object> values, Experiment experiment) {}

    /** Every trial's values and experiment, without running anything (to inspect the search space). */
    public List<Planned> plan() {
        List<Planned> out = new ArrayList<>();
        Rng rng = Rng.of(seed).child("search");
        for (int i = 0; i < points.size(); i++) {
            Trial t = new Trial(i, rng.child("trial", i), points.get(i));
            Experiment e = make.apply(t); // draws the trial's values
            out.add(new Planned(i, t.values(), e));
        }
        return out;
    }

    /** Runs (or loads) every trial, side by side ({@link Executors#standard()}). */
    public SearchResult run(Runner runner) {
        List<Planned> planned = plan();
        List<RunResult> runs = Executors.standard().runAll(planned.stream().map(Planned::experiment).toList(), runner);
        List<SearchResult.TrialResult> out = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            out.add(new SearchResult.TrialResult(planned.get(i).index(), planned.get(i).values(), runs.get(i)));
        }
        return new SearchResult(out);
    }
}
