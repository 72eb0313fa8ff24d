package org.creditlab.execution;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.util.IoMessages;

/**
 * Runs on this machine's cores: up to {@code workers} worker JVMs at a time, each single-threaded
 * ({@code OMP_NUM_THREADS=1}, the fastest setting per run on these machines) and each training one run into the store.
 * The results are then loaded from the store in the caller's order, so they are the runs a serial execution would
 * produce, bit for bit.
 *
 * <p>Each run gets its own ND4J workspaces, OpenMP runtime and memory, exactly as a run on a cluster node does, which
 * makes this the local rehearsal of a SLURM sweep. It is not the default: each worker JVM pays its start, ND4J's
 * initialisation and the dataset's loading (10–15 s here), more than a QUICK run; {@link ThreadExecutor} does not.
 *
 * <p>Runs already stored are loaded without a worker; runs that need this process ({@link Portability}) train here,
 * after the workers. A worker that dies is retried {@code retries} times; then its run is returned as
 * {@link RunResult#missing missing}, with its log's path.
 */
public final class ProcessExecutor implements RunExecutor {
    private static final Duration POLL = Duration.ofMillis(200);

    private final int workers;
    private final int retries;
    private final PrintStream out;
    private final List<String> jvmOptions;

    public ProcessExecutor(int workers, int retries, PrintStream out) {
        this(workers, retries, out, List.of());
    }

    /** @param jvmOptions options for every worker JVM besides those of {@code CREDITLAB_WORKER_JVM_OPTIONS} */
    public ProcessExecutor(int workers, int retries, PrintStream out, List<String> jvmOptions) {
        RunNames.checkCounts(workers, retries);
        this.workers = workers;
        this.retries = retries;
        this.out = out;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    public ProcessExecutor(int workers) {
        this(workers, 1, System.out);
    }

    @Override
    public String describe() {
        return workers + " worker process" + (workers == 1 ? "" : "es");
    }

    @Override
    public List<RunResult> runAll(List<Experiment> experiments, Runner runner) {
        if (runner.store() == null || workers == 1 || experiments.size() < 2) {
            return new SerialExecutor().runAll(experiments, runner);
        }
        SweepPlan plan = new SweepPlan(experiments, runner, out);
        Map<Integer, String> failed = plan.remote().size() < 2 ? Map.of() : train(plan.manifest(), plan.remote());
        return plan.results(runner, failed);
    }

    /** Trains the runs in worker processes; returns the failures (index → message), each after its last attempt. */
    private Map<Integer, String> train(Manifest manifest, List<Integer> indices) {
        SweepFolder sweep = SweepFolder.create(manifest);
        SweepProgress progress = new SweepProgress(manifest.id(), indices.size(), out);
        progress.say(manifest.size() + " runs, " + indices.size() + " to train on " + describe()
                + " (logs: " + sweep.logs() + ")");
        Deque<Integer> queue = new ArrayDeque<>(indices);
        Map<Integer, Integer> attempts = new HashMap<>();
        Map<Integer, Worker> running = new LinkedHashMap<>();
        Map<Integer, String> failed = new LinkedHashMap<>();
        int done = 0;
        Thread cleanup = new Thread(() -> running.values().forEach(w -> w.process().destroyForcibly()));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            while (!queue.isEmpty() || !running.isEmpty()) {
                while (running.size() < workers && !queue.isEmpty()) {
                    int i = queue.poll();
                    int attempt = attempts.merge(i, 1, Integer::sum);
                    running.put(i, start(sweep, i, attempt, jvmOptions));
                }
                for (var it = running.entrySet().iterator(); it.hasNext(); ) {
                    var entry = it.next();
                    Worker w = entry.getValue();
                    if (w.process().isAlive()) {
                        continue;
                    }
                    it.remove();
                    int i = entry.getKey();
                    int exit = w.process().exitValue();
                    if (exit == 0 && sweep.progress(i).finished()) {
                        done++;
                        progress.say("finished " + label(manifest, i) + " in "
                                + SweepProgress.format(Duration.between(w.started(), Instant.now())));
                    } else if (attempts.get(i) <= retries) {
                        progress.say("FAILED " + label(manifest, i) + " (exit " + exit + ", attempt " + attempts.get(i)
                                + " of " + (retries + 1) + "); retrying. Log: " + w.log() + "\n" + SweepFolder.tail(w.log(), 5));
                        queue.add(i);
                    } else {
                        String why = label(manifest, i) + " failed " + attempts.get(i) + " time(s); last exit " + exit
                                + ". Log: " + w.log() + ". Its committed epochs are kept: running it again resumes it.";
                        progress.say("GAVE UP on " + why + "\n" + SweepFolder.tail(w.log(), 5));
                        failed.put(i, why);
                    }
                }
                progress.update(done, running.size(), queue.size(), failed.size(), "");
                SweepProgress.pause(POLL, "the workers were stopped; their committed epochs are kept and resume on the next run");
            }
        } finally {
            running.values().forEach(w -> w.process().destroyForcibly());
            removeHook(cleanup);
        }
        progress.say("all " + indices.size() + " runs ended: " + done + " finished, " + failed.size() + " failed, in "
                + SweepProgress.format(progress.elapsed()));
        return failed;
    }

    private record Worker(Process process, Path log, Instant started) {}

    private static Worker start(SweepFolder sweep, int index, int attempt, List<String> jvmOptions) {
        Path log = sweep.log(index, "attempt" + attempt);
        ProcessBuilder pb = new ProcessBuilder(WorkerCommand.of(sweep.manifestFile(), String.valueOf(index), jvmOptions));
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put(Executors.EXECUTOR_VARIABLE, "serial");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            return new Worker(pb.start(), log, Instant.now());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a worker JVM: " + IoMessages.describe(e)
                    + "; set CREDITLAB_EXECUTOR=serial to train in this process", e);
        }
    }

    static String label(Manifest m, int index) {
        return RunNames.label(index, m.experiment(index));
    }


    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down, and the hook runs anyway
        }
    }
}
