package org.creditlab.execution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.creditlab.experiment.Experiment;

/**
 * Where every run of a sweep stands, from the store, the runs' locks, the logs and (where SLURM's commands are
 * present) the queue: what {@code creditlab sweep status} prints.
 */
public final class SweepStatus {
    private final SweepFolder sweep;
    private final List<RunProgress> progress = new ArrayList<>();

    private SweepStatus(SweepFolder sweep) {
        this.sweep = sweep;
        Map<Integer, String> queued = Slurm.available() ? Slurm.queued(JobScript.jobName(sweep.manifest())) : Map.of();
        for (int i = 0; i < sweep.manifest().size(); i++) {
            RunProgress p = sweep.progress(i);
            String q = queued.get(i);
            if (!p.finished() && p != RunProgress.RUNNING && q != null) {
                p = q.equals("PENDING") ? RunProgress.QUEUED : RunProgress.RUNNING;
            }
            progress.add(p);
        }
    }

    public static SweepStatus of(SweepFolder sweep) {
        return new SweepStatus(sweep);
    }

    public int size() {
        return progress.size();
    }

    public RunProgress progress(int index) {
        return progress.get(index);
    }

    /** e.g. "#3  running   4/20 epochs  kunin-zoo/kp-s2-1a2b3c4d5e". */
    public String line(int index) {
        Experiment e = sweep.manifest().experiment(index);
        RunProgress p = progress.get(index);
        String s = String.format(Locale.ROOT, "#%-4d %-9s %4d/%-4d epochs  %s/%s", index, p.label(), sweep.epochsDone(index),
                e.training().epochs(), e.name(), e.runId());
        List<Path> logs = sweep.logsOf(index);
        return p == RunProgress.FAILED && !logs.isEmpty() ? s + "  log: " + logs.get(logs.size() - 1) : s;
    }

    /** e.g. "12 runs: 8 done, 0 diverged, 2 running, 0 queued, 1 failed, 1 missing". */
    public String summary() {
        Map<RunProgress, Integer> counts = new EnumMap<>(RunProgress.class);
        progress.forEach(p -> counts.merge(p, 1, Integer::sum));
        StringBuilder b = new StringBuilder(progress.size() + " runs:");
        for (RunProgress p : RunProgress.values()) {
            b.append(p == RunProgress.DONE ? " " : ", ").append(counts.getOrDefault(p, 0)).append(' ').append(p.label());
        }
        return b.toString();
    }
}
