package org.creditlab.execution;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.creditlab.util.Nd4jNatives;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs on this machine's cores, in this process: up to {@code workers} runs at a time, one thread each, each
 * single-threaded inside ND4J and BLAS. The default way to use a machine's cores.
 *
 * <p>Threads rather than worker JVMs, by measurement: a worker JVM pays its start, ND4J's initialisation and the
 * dataset's loading again for every run (10–15 s here, more than a QUICK run), while threads share this process's
 * loaded data and warm code (README, "Many runs: every core, or a SLURM cluster"). ND4J keeps workspaces and random streams per thread, each
 * run seeds its own streams, and single-threaded kernels do not depend on which thread calls them, so every run gives
 * the numbers a serial execution gives, bit for bit (tested).
 *
 * <p>Runs with the same name and run id train once; the copies are then loaded from the store. A run whose thread
 * throws is retried {@code retries} times, then returned as {@link RunResult#missing missing} with the error; its
 * committed epochs are kept, so running it again resumes it. Listener objects attached to the runner are not safe to
 * call from two runs at once, so such a runner's runs train one after another, and the executor says so.
 */
public final class ThreadExecutor implements RunExecutor {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final int workers;
    private final int retries;
    private final PrintStream out;

    public ThreadExecutor(int workers, int retries, PrintStream out) {
        RunNames.checkCounts(workers, retries);
        this.workers = workers;
        this.retries = retries;
        this.out = out;
    }

    @Override
    public String describe() {
        return workers + " local worker" + (workers == 1 ? "" : "s");
    }

    @Override
    public List<RunResult> runAll(List<Experiment> experiments, Runner runner) {
        if (workers == 1 || experiments.size() < 2) {
            return new SerialExecutor().runAll(experiments, runner);
        }
        if (runner.hasListeners()) {
            out.println("these " + experiments.size() + " runs train one after another: the runner has listeners "
                    + "attached, which two runs cannot share at once (name the measurements with "
                    + "Experiment.Builder.addDiagnostics or Runner.diagnose to run them in parallel)");
            return new SerialExecutor().runAll(experiments, runner);
        }
        List<Integer> first = new ArrayList<>(); // one index per distinct run; its copies load it afterwards
        Map<String, Integer> firstOfRun = new HashMap<>();
        for (int i = 0; i < experiments.size(); i++) {
            if (runner.store() == null || firstOfRun.putIfAbsent(RunNames.key(experiments.get(i)), i) == null) {
                first.add(i);
            }
        }
        Map<Integer, RunResult> results;
        try (SingleThreadedKernels ignored = SingleThreadedKernels.enter(out)) {
            results = train(experiments, first, runner);
        }
        List<RunResult> ordered = new ArrayList<>();
        for (int i = 0; i < experiments.size(); i++) {
            RunResult r = results.get(i);
            if (r == null) { // a copy of a run trained above
                RunResult original = results.get(firstOfRun.get(RunNames.key(experiments.get(i))));
                r = original.missing() ? original : runner.run(experiments.get(i));
            }
            ordered.add(r);
        }
        return ordered;
    }

    private Map<Integer, RunResult> train(List<Experiment> experiments, List<Integer> indices, Runner runner) {
        String id = Integer.toHexString(experiments.hashCode() & 0xfffff);
        SweepProgress progress = new SweepProgress(id, indices.size(), out);
        EpochTally tally = new EpochTally(experiments);
        progress.say(indices.size() + " runs on " + describe() + " in this process");
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger running = new AtomicInteger();
        ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(workers, indices.size()),
                ThreadExecutor::workerThread);
        CompletionService<Attempt> done = new ExecutorCompletionService<>(pool);
        Map<Integer, RunResult> results = new HashMap<>();
        Map<Integer, Integer> attempts = new HashMap<>();
        int failed = 0;
        int notTrained = 0;
        int loaded = 0;
        try {
            for (int i : indices) {
                submit(done, i, attempts, experiments, runner, tally, cancelled, running);
            }
            int outstanding = indices.size();
            while (outstanding > 0) {
                Future<Attempt> next = done.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (next != null) {
                    Attempt a = next.get();
                    // as the runner runs it (its diagnostics added), so the label names the run's real folder
                    Experiment run = runner.prepare(experiments.get(a.index()));
                    String label = RunNames.label(a.index(), run);
                    if (a.result() != null) {
                        tally.finished(a.index());
                        results.put(a.index(), a.result());
                        outstanding--;
                        if (a.result().missing()) { // a load-only runner's run that is neither stored nor recorded
                            notTrained++;
                            progress.notTrainedHere();
                            progress.say("not trained " + label + " (load only: neither stored nor recorded)");
                        } else if (a.result().loaded()) {
                            loaded++;
                            progress.notTrainedHere();
                            progress.say("loaded " + label + " (stored)");
                        } else {
                            progress.say("finished " + label + " in " + SweepProgress.format(a.took()));
                        }
                    } else if (attempts.get(a.index()) <= retries) {
                        progress.say("FAILED " + label + " (attempt " + attempts.get(a.index()) + " of " + (retries + 1)
                                + "): " + a.error() + "; retrying");
                        submit(done, a.index(), attempts, experiments, runner, tally, cancelled, running);
                    } else {
                        String why = label + " failed " + attempts.get(a.index()) + " time(s); last error: " + a.error()
                                + ". Its committed epochs are kept: running it again resumes it.";
                        progress.say("GAVE UP on " + why);
                        a.cause().printStackTrace(out);
                        tally.finished(a.index());
                        results.put(a.index(), RunResult.missing(run,
                                runner.store() == null ? null : runner.store().folder(run.name(), run.runId()), why));
                        failed++;
                        outstanding--;
                    }
                }
                int finished = results.size() - failed;
                progress.estimate(tally.timeLeft(indices, workers));
                progress.update(finished, running.get(), outstanding - running.get(), failed, "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: the runs in progress stop at their next batch; their committed "
                    + "epochs are kept and resume on the next run", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a worker thread failed outside its run: " + e.getCause(), e.getCause());
        } finally {
            cancelled.set(true);
            pool.shutdownNow();
        }
        progress.say("all " + indices.size() + " runs ended: " + (indices.size() - failed - notTrained - loaded) + " trained, "
                + (loaded > 0 ? loaded + " loaded from the store, " : "")
                + (notTrained > 0 ? notTrained + " not trained (load only), " : "") + failed + " failed, in "
                + SweepProgress.format(progress.elapsed()));
        return results;
    }

    /**
     * A thread for one run at a time, whose OpenMP parallel regions (oneDNN's convolutions) use one thread. OpenMP
     * keeps that setting per calling thread, so {@link SingleThreadedKernels} cannot make it for the workers. Left at
     * its default (one thread per core), each run's convolutions would wait on cores the other runs hold: on 2 cores
     * already busy, a reference-CNN epoch with the default took 47 s, against 9.6 s with one OpenMP thread.
     */
    static Thread workerThread(Runnable r) {
        Thread t = new Thread(() -> {
            Nd4jNatives.setOpenMpThreadsOfThisThread(1);
            r.run();
        }, "creditlab-run");
        t.setDaemon(true);
        return t;
    }

    private record Attempt(int index, RunResult result, Throwable cause, Duration took) {
        String error() {
            return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
    }

    /** Submits run {@code index}'s next attempt, counted and timed by {@code tally} (a retry starts its count afresh). */
    private static void submit(CompletionService<Attempt> done, int index, Map<Integer, Integer> attempts,
                               List<Experiment> experiments, Runner runner, EpochTally tally, AtomicBoolean cancelled,
                               AtomicInteger running) {
        attempts.merge(index, 1, Integer::sum);
        done.submit(() -> {
            Instant start = Instant.now();
            running.incrementAndGet();
            try {
                RunResult r = runner.forConcurrentRun().listen(new StopWhenCancelled(cancelled))
                        .listen(tally.listener(index)).run(experiments.get(index));
                return new Attempt(index, r, null, Duration.between(start, Instant.now()));
            } catch (RuntimeException | Error e) {
                return new Attempt(index, null, e, Duration.between(start, Instant.now()));
            } finally {
                running.decrementAndGet();
            }
        });
    }

    /** Ends a run at its next batch once the sweep is given up (an interrupted notebook cell), keeping its epochs. */
    private record StopWhenCancelled(AtomicBoolean cancelled) implements TrainingListener {
        @Override
        public void afterBatch(TrainingRun run, int epoch, int batch, double loss) {
            if (cancelled.get()) {
                throw new IllegalStateException(run.name() + " stopped: its sweep was interrupted");
            }
        }
    }

    /**
     * One BLAS and ND4J thread per run while runs share the cores: more would oversubscribe them. The settings are
     * restored afterwards (a notebook kernel may have been started with more).
     */
    private record SingleThreadedKernels(int blas, int nd4j) implements AutoCloseable {
        static SingleThreadedKernels enter(PrintStream out) {
            int blas = Nd4j.factory().blas().getMaxThreads();
            int nd4j = Nd4j.getEnvironment().maxThreads();
            if (blas > 1 || nd4j > 1) {
                out.println("runs in parallel use one thread each (BLAS had " + blas + ", ND4J " + nd4j
                        + "); set OMP_NUM_THREADS=1 to match a serial run's numbers bit for bit");
                Nd4j.factory().blas().setMaxThreads(1);
                Nd4j.getEnvironment().setMaxThreads(1);
            }
            return new SingleThreadedKernels(blas, nd4j);
        }

        @Override
        public void close() {
            Nd4j.factory().blas().setMaxThreads(blas);
            Nd4j.getEnvironment().setMaxThreads(nd4j);
        }
    }
}
