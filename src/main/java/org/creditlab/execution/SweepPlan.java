package org.creditlab.execution;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RecordedRuns;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.results.RunStatus;
import org.creditlab.util.ProjectPaths;

/**
 * What a sweep must train elsewhere and how its results come back, shared by the executors that use other processes:
 * runs already stored (in the store, or as a record in its records tier) are only loaded; a run listed twice trains
 * once; runs that need this process ({@link Portability}) train here; everything else goes to workers or cluster
 * tasks. Afterwards every result is loaded from the store in the caller's order, and a run that failed every attempt
 * is returned as missing.
 */
final class SweepPlan {
    private final List<Experiment> experiments;
    private final Manifest manifest;
    private final List<Integer> remote = new ArrayList<>();
    private final Map<String, Integer> firstOfRun = new HashMap<>();

    SweepPlan(List<Experiment> requested, Runner runner, PrintStream out) {
        this.experiments = requested.stream().map(runner::prepare).toList();
        this.manifest = Manifest.of(ProjectPaths.root(), runner.store().root(), this.experiments);
        Portability portability = new Portability();
        String local = null;
        for (int i = 0; i < experiments.size(); i++) {
            String why = portability.whyLocal(experiments.get(i), runner);
            local = local == null ? why : local;
            if (why == null && firstOfRun.putIfAbsent(RunNames.key(experiments.get(i)), i) == null && !isStored(i)
                    && !RecordedRuns.isRecorded(runner.store(), experiments.get(i))) {
                remote.add(i);
            }
        }
        if (local != null) {
            out.println("some runs train in this process, not in workers: " + local);
        }
    }

    Manifest manifest() {
        return manifest;
    }

    /** The runs to train in other processes: not stored yet, portable, and each run once. */
    List<Integer> remote() {
        return remote;
    }

    /** Every result in order: loaded from the store, trained here if it had to be, or missing with the failure. */
    List<RunResult> results(Runner runner, Map<Integer, String> failed) {
        List<RunResult> out = new ArrayList<>();
        for (int i = 0; i < experiments.size(); i++) {
            Integer first = firstOfRun.get(RunNames.key(experiments.get(i)));
            String why = first == null ? null : failed.get(first);
            out.add(why == null ? runner.run(experiments.get(i))
                    : RunResult.missing(experiments.get(i), manifest.runFolder(i), why));
        }
        return out;
    }

    private boolean isStored(int index) {
        RunStatus s = SweepFolder.peek(manifest, index);
        return s != null && s.isFinished();
    }
}
