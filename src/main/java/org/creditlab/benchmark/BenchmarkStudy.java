package org.creditlab.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.creditlab.data.DatasetException;
import org.creditlab.data.Datasets;
import org.creditlab.execution.Executors;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.Network;
import org.creditlab.sweep.Search;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;

/**
 * The benchmark's runs, in two batches handed to the executor ({@link Executors#standard()}: local threads, worker
 * processes or SLURM), every run stored:
 *
 * <ol>
 *   <li>the search: for every rule, {@link BenchmarkScale#trials()} random trials of its {@link SearchSpace}, all
 *   with the same seed and data, drawn from the same stream ({@link BenchmarkPresets#SEARCH_SEED}), so rules with the
 *   same range try the same learning rates;</li>
 *   <li>the chosen setting: the trial with the best validation accuracy at its best epoch
 *   ({@link BenchmarkPresets#SELECTION}, early stopping; the test set chooses nothing), run with every seed, all fresh: the trial's own
 *   run is not reused, so its seed's luck on the validation split does not reach the test column
 *   ({@link BenchmarkScale#seedList}). A search with a trial not run chooses nothing.</li>
 * </ol>
 */
public final class BenchmarkStudy {
    private BenchmarkStudy() {}

    /** Every registered rule. */
    public static BenchmarkResult run(BenchmarkScale s, Runner runner) {
        return run(s, runner, Entrant.registered(), System.out::println);
    }

    /**
     * The rules {@code entrants}, with a progress line per phase to {@code say}, and the timing sitting kept for the
     * scale ({@link EpochCosts#stored}).
     */
    public static BenchmarkResult run(BenchmarkScale s, Runner runner, List<Entrant> entrants, Consumer<String> say) {
        BenchmarkResult r = runs(s, runner, entrants, say);
        return EpochCosts.stored(s).map(r::withCosts).orElse(r);
    }

    private static BenchmarkResult runs(BenchmarkScale s, Runner runner, List<Entrant> entrants, Consumer<String> say) {
        if (!runner.isLoadOnly()) {
            requireData(s);
        }
        List<Entrant> eligible = new ArrayList<>();
        List<RuleResult> refused = new ArrayList<>();
        for (Entrant e : entrants) {
            String why = refusal(e, s);
            if (why == null) {
                eligible.add(e);
            } else {
                refused.add(RuleResult.refused(e, why));
                say.accept("benchmark: " + e.name() + " does not run on the benchmark's network: " + why);
            }
        }
        List<SearchResult> searches = searchAll(eligible, s, runner, say);
        SeedRuns.Batch<String> batch = SeedRuns.batch(runner);
        List<SearchResult.TrialResult> chosen = new ArrayList<>();
        for (int i = 0; i < eligible.size(); i++) {
            // a search with trials not run (CREDITLAB_TRAIN=no, a failed worker) chooses nothing: its best so far may not be its best
            boolean complete = searches.get(i).trials().stream().noneMatch(t -> t.run().missing());
            SearchResult.TrialResult best = complete ? searches.get(i).bestAtAnyEpoch(BenchmarkPresets.SELECTION, true).orElse(null) : null;
            chosen.add(best);
            if (best != null) {
                batch.add(eligible.get(i).name(), eligible.get(i).name(), best.run().experiment(), s.seedList());
            }
        }
        say.accept("benchmark: the chosen settings of " + chosen.stream().filter(c -> c != null).count() + " rules, "
                + s.seeds() + " fresh seeds each (the search's runs used seed " + BenchmarkPresets.TRIAL_SEED + ")");
        Map<String, SeedRuns> finals = batch.run();
        List<RuleResult> out = new ArrayList<>();
        for (int i = 0; i < eligible.size(); i++) {
            Entrant e = eligible.get(i);
            out.add(new RuleResult(e, null, searches.get(i), chosen.get(i), finals.get(e.name())));
        }
        out.addAll(refused);
        out.sort((a, b) -> Integer.compare(entrants.indexOf(a.entrant()), entrants.indexOf(b.entrant())));
        return new BenchmarkResult(s, out);
    }

    /**
     * The stored and recorded runs of {@code entrants} at scale {@code s}, training nothing, without the kept timing:
     * what a new timing sitting ({@link CostSitting}) times.
     */
    public static BenchmarkResult stored(BenchmarkScale s, List<Entrant> entrants) {
        return runs(s, Runner.standard().loadOnly(true).quiet(), entrants, message -> { });
    }

    /**
     * Loads the scale's dataset once before anything is planned, so that a dataset that is absent (MNIST or CIFAR-10 on
     * a machine without them) stops the benchmark with the loader's message instead of failing every run twice.
     */
    private static void requireData(BenchmarkScale s) {
        try {
            Datasets.load(BenchmarkPresets.data(s));
        } catch (DatasetException e) {
            throw new DatasetException("the benchmark on " + s.dataset().title() + " needs its files, and no run was started: "
                    + e.getMessage(), e);
        }
    }

    /** The search of one rule, as planned (nothing runs). */
    public static Search search(Entrant e, BenchmarkScale s) {
        Experiment base = BenchmarkPresets.base(e, s);
        return Search.random(s.trials(), BenchmarkPresets.SEARCH_SEED, t -> e.setup().space(s.architecture()).apply(base, t));
    }

    /** Every rule's trials in one executor call, so that they share the workers. */
    private static List<SearchResult> searchAll(List<Entrant> eligible, BenchmarkScale s, Runner runner, Consumer<String> say) {
        List<List<Search.Planned>> plans = eligible.stream().map(e -> search(e, s).plan()).toList();
        List<Experiment> all = plans.stream().flatMap(p -> p.stream().map(Search.Planned::experiment)).toList();
        say.accept("benchmark: searching " + eligible.size() + " rules × " + s.trials() + " trials = " + all.size() + " runs ("
                + s.describe() + ")");
        List<RunResult> runs = Executors.standard().runAll(all, runner);
        List<SearchResult> out = new ArrayList<>();
        int next = 0;
        for (List<Search.Planned> plan : plans) {
            List<SearchResult.TrialResult> trials = new ArrayList<>();
            for (Search.Planned p : plan) {
                trials.add(new SearchResult.TrialResult(p.index(), p.values(), runs.get(next++)));
            }
            out.add(new SearchResult(trials));
        }
        return out;
    }

    /**
     * Why the rule cannot run on its benchmark network (its network form has no such network, or its {@code create}
     * refuses it, e.g. a rule for dense layers only on the CNN), or null if it can.
     */
    static String refusal(Entrant e, BenchmarkScale s) {
        try {
            Experiment base = BenchmarkPresets.base(e, s);
            Network net = base.network().build(base.seed());
            e.spec().create(net, base.seed());
            return null;
        } catch (IllegalArgumentException | UnsupportedOperationException x) {
            return x.getMessage();
        }
    }
}
