package org.creditlab.execution;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;

/**
 * Runs a sweep as one SLURM job array, one task per run, then loads the results from the store like any stored runs.
 * The store must be on a file system the nodes share; its lock and verified commits keep concurrent tasks safe.
 *
 * <p>While it waits it shows runs done, running, queued and failed, with an estimate of the time left. Asked again for
 * the same runs (a notebook executed again while its sweep is still running), it submits nothing new: it finds the
 * sweep's tasks in the queue by the job name {@code creditlab-<sweep id>} and waits for them. A task that ends without
 * finishing its run (killed, out of time or memory, a node lost) is submitted again up to {@link SlurmConfig#retries}
 * times; then the run is reported missing with the path of its last log, and the others are still returned.
 */
public final class SlurmExecutor implements RunExecutor {
    private final SlurmConfig config;
    private final PrintStream out;

    public SlurmExecutor(SlurmConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    @Override
    public String describe() {
        return "SLURM job arrays" + (config.partition().isEmpty() ? "" : " on partition " + config.partition());
    }

    @Override
    public List<RunResult> runAll(List<Experiment> experiments, Runner runner) {
        if (runner.store() == null) {
            return new SerialExecutor().runAll(experiments, runner);
        }
        SweepPlan plan = new SweepPlan(experiments, runner, out);
        Map<Integer, String> failed = plan.remote().isEmpty() ? Map.of() : runOnCluster(plan);
        return plan.results(runner, failed);
    }

    /** Submits what is not already queued, waits, resubmits what died; returns the runs that failed every attempt. */
    Map<Integer, String> runOnCluster(SweepPlan plan) {
        SweepFolder sweep = SweepFolder.create(plan.manifest());
        String jobName = JobScript.jobName(plan.manifest());
        Path script = JobScript.write(sweep, config);
        SweepProgress progress = new SweepProgress(plan.manifest().id(), plan.remote().size(), out);
        Map<Integer, String> queue = Slurm.queued(jobName);
        List<Integer> submit = new ArrayList<>();
        for (int i : plan.remote()) {
            if (!queue.containsKey(i)) {
                submit.add(i);
            }
        }
        Map<Integer, Integer> attempts = new HashMap<>();
        plan.remote().forEach(i -> attempts.put(i, queue.containsKey(i) ? 1 : 0));
        if (!submit.isEmpty()) {
            submit.forEach(i -> attempts.merge(i, 1, Integer::sum));
            String job = Slurm.submit(script, submit, config.maxParallel());
            progress.say("submitted " + submit.size() + " runs as job array " + job + " (" + jobName + "; logs: "
                    + sweep.logs() + "; 'creditlab sweep status " + sweep.manifestFile() + "' shows them)");
        }
        if (submit.size() < plan.remote().size()) {
            progress.say((plan.remote().size() - submit.size()) + " runs were already queued by an earlier submission; waiting for them");
        }
        Map<Integer, String> failed = new LinkedHashMap<>();
        while (true) {
            Map<Integer, String> queued = Slurm.queued(jobName);
            int done = 0, running = 0, waiting = 0;
            List<Integer> again = new ArrayList<>();
            for (int i : plan.remote()) {
                if (failed.containsKey(i)) {
                    continue;
                }
                RunProgress p = sweep.progress(i);
                String state = queued.get(i);
                if (p.finished()) {
                    done++;
                } else if (state != null) {
                    if (state.equals("PENDING")) {
                        waiting++;
                    } else {
                        running++;
                    }
                } else if (attempts.get(i) <= config.retries()) {
                    again.add(i);
                } else {
                    String log = sweep.logsOf(i).isEmpty() ? "(no log: the task never started)" : sweep.logsOf(i).get(sweep.logsOf(i).size() - 1).toString();
                    String why = ProcessExecutor.label(plan.manifest(), i) + " failed " + attempts.get(i) + " time(s) on the cluster. "
                            + "Last log: " + log + ". Its committed epochs are kept: submitting it again resumes it.";
                    progress.say("GAVE UP on " + why);
                    failed.put(i, why);
                }
            }
            if (!again.isEmpty()) {
                again.forEach(i -> attempts.merge(i, 1, Integer::sum));
                String job = Slurm.submit(script, again, config.maxParallel());
                progress.say("resubmitted " + again.size() + " runs whose task ended unfinished (" + describeIndices(again)
                        + ") as job " + job);
                waiting += again.size();
            }
            progress.update(done, running, waiting, failed.size(), "");
            if (done + failed.size() == plan.remote().size()) {
                progress.say(done + " runs finished, " + failed.size() + " failed, in " + SweepProgress.format(progress.elapsed()));
                return failed;
            }
            SweepProgress.pause(Duration.ofSeconds(config.poll()), "the sweep's tasks keep running on the cluster, and asking "
                    + "for the same runs again waits for them instead of submitting them again");
        }
    }

    /**
     * Submits the runs of {@code sweep} that are neither finished nor queued, without waiting; returns the job id, or
     * null if there was nothing to submit.
     */
    public String submitUnfinished(SweepFolder sweep) {
        Map<Integer, String> queued = Slurm.queued(JobScript.jobName(sweep.manifest()));
        List<Integer> submit = new ArrayList<>();
        for (int i = 0; i < sweep.manifest().size(); i++) {
            if (!queued.containsKey(i) && !sweep.progress(i).finished() && sweep.progress(i) != RunProgress.RUNNING) {
                submit.add(i);
            }
        }
        return submit.isEmpty() ? null : Slurm.submit(JobScript.write(sweep, config), submit, config.maxParallel());
    }

    private static String describeIndices(List<Integer> indices) {
        return "#" + String.join(", #", indices.stream().map(String::valueOf).toList());
    }

}
