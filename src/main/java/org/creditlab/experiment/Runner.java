package org.creditlab.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.creditlab.data.DataSplits;
import org.creditlab.data.Datasets;
import org.creditlab.diagnostics.AnalysisListener;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.nn.Network;
import org.creditlab.optim.Optimizers;
import org.creditlab.results.Checkpoint;
import org.creditlab.results.Json;
import org.creditlab.results.Provenance;
import org.creditlab.results.RecordTier;
import org.creditlab.results.RunFolder;
import org.creditlab.results.RunLock;
import org.creditlab.results.RunStatus;
import org.creditlab.results.RunStore;
import org.creditlab.results.StoreException;
import org.creditlab.results.StoredRun;
import org.creditlab.rules.LearningRule;
import org.creditlab.train.ConsoleProgress;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.Trainer;
import org.creditlab.train.TrainingDivergedException;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs experiments against a {@link RunStore}: a complete stored run is loaded instead of retrained, an interrupted
 * one resumes from its last committed epoch, a new one trains and commits every epoch as it completes. Every load
 * and resume is verified first ({@link RunFolder#open}), and one process at a time writes a run ({@link RunLock}):
 * a second one waits, then loads what the first stored.
 *
 * <p><b>Stale runs.</b> A stored run whose code versions ({@link CodeVersion}) differ from the current code's is
 * loaded with a note saying so ({@link RunResult#stale()}), or refused by a runner built with
 * {@link #refuseStale(boolean) refuseStale(true)} (also set by the environment variable
 * {@code CREDITLAB_REFUSE_STALE=true}). An interrupted run is never resumed under different code versions.
 *
 * <p><b>Analyses.</b> The analyses an experiment names are measured when its training ends (after a resume too) and
 * committed with the run's final status, so a loaded run has them as the trained one did ({@link RunResult#analysis}).
 *
 * <p><b>Records.</b> A run that {@code results/} does not hold finished is loaded from the store's records tier if a
 * record of it verifies ({@link RecordedRuns#load}): metrics and analyses, and nothing is written. Otherwise it trains here.
 *
 * <p><b>Load only.</b> A runner built with {@link #loadOnly(boolean) loadOnly(true)} (also set by the environment
 * variable {@code CREDITLAB_TRAIN=no}) never trains: a run neither finished in {@code results/} nor recorded comes back
 * missing ({@link RunResult#missing()}), saying so. Figures and tables then show what is stored, in minutes.
 */
public final class Runner {
    private final RunStore store;
    private final TrainingListener progress;
    private final List<TrainingListener> listeners;
    private final Consumer<String> notices;
    private final boolean refuseStale;
    private final Duration lockPoll;
    private final List<String> diagnostics;
    private final boolean loadOnly;
    /** How the message of a run that a load-only runner did not train begins ({@link RunResult#notTrained()}). */
    static final String NOT_TRAINED = "not trained";

    private Runner(RunStore store, TrainingListener progress, List<TrainingListener> listeners,
                   Consumer<String> notices, boolean refuseStale, Duration lockPoll, List<String> diagnostics,
                   boolean loadOnly) {
        this.store = store;
        this.progress = progress;
        this.listeners = List.copyOf(listeners);
        this.notices = notices;
        this.refuseStale = refuseStale;
        this.lockPoll = lockPoll;
        this.diagnostics = List.copyOf(diagnostics);
        this.loadOnly = loadOnly;
    }

    /** Stores under the project's results/, shows progress, and prints notes about stored runs to stderr. */
    public static Runner standard() {
        return new Runner(RunStore.standard(), ConsoleProgress.standard(), List.of(), System.err::println,
                Boolean.parseBoolean(System.getenv("CREDITLAB_REFUSE_STALE")), Duration.ofMillis(500), List.of(),
                loadOnly(System.getenv("CREDITLAB_TRAIN")));
    }

    /** CREDITLAB_TRAIN's value: "yes" (or unset) trains what is missing, "no" loads only. */
    static boolean loadOnly(String v) {
        if (v == null || v.isBlank() || v.trim().equalsIgnoreCase("yes")) {
            return false;
        }
        if (v.trim().equalsIgnoreCase("no")) {
            return true;
        }
        throw new IllegalArgumentException("CREDITLAB_TRAIN=" + v + ": say 'yes' (train the runs that are neither stored "
                + "nor recorded; the default) or 'no' (load stored and recorded runs only, train nothing)");
    }

    public Runner store(RunStore s) { return new Runner(s, progress, listeners, notices, refuseStale, lockPoll, diagnostics, loadOnly); }
    /** Trains without reading or writing results (benchmarks, tests). */
    public Runner noStore() { return store(null); }
    public Runner progress(TrainingListener p) { return new Runner(store, p, listeners, notices, refuseStale, lockPoll, diagnostics, loadOnly); }
    public Runner quiet() { return progress(null); }
    /** Where repairs, fall-backs, stale runs and lock waits are reported (also kept in {@link RunResult#notes()}). */
    public Runner notices(Consumer<String> n) { return new Runner(store, progress, listeners, n, refuseStale, lockPoll, diagnostics, loadOnly); }
    /** Refuse to load a stored run produced by other code versions, instead of loading it with a note. */
    public Runner refuseStale(boolean r) { return new Runner(store, progress, listeners, notices, r, lockPoll, diagnostics, loadOnly); }

    /** Train nothing: runs neither finished in the store nor recorded come back missing, saying so. */
    public Runner loadOnly(boolean l) { return new Runner(store, progress, listeners, notices, refuseStale, lockPoll, diagnostics, l); }

    /** True if this runner only loads finished runs and records ({@link #loadOnly(boolean)}), training nothing. */
    public boolean isLoadOnly() {
        return loadOnly;
    }

    /** The store runs are kept in, or null for a runner that stores nothing. */
    public RunStore store() {
        return store;
    }

    /**
     * True if listeners were attached with {@link #listen}: they are objects of this process, so runs that need them
     * train here, not in worker processes. Diagnostics named in the experiment travel with it instead.
     */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * This runner for one of several runs training at once in this process: a {@link ConsoleProgress} of its own (the
     * console's keeps per-run state); other progress listeners are shared, like any listener.
     */
    public Runner forConcurrentRun() {
        return progress instanceof ConsoleProgress c ? progress(c.forConcurrentRun()) : this;
    }

    /**
     * Adds diagnostics ({@link Diagnostics}) to every experiment this runner runs: a study's measurements, named once.
     * They become part of each experiment ({@link #prepare}), so they travel to worker processes and into run ids.
     */
    public Runner diagnose(String... specs) {
        List<String> d = new ArrayList<>(diagnostics);
        for (String spec : specs) {
            Diagnostics.check(spec);
            d.add(spec);
        }
        return new Runner(store, progress, listeners, notices, refuseStale, lockPoll, d, loadOnly);
    }

    /** The experiment as this runner runs it: with the runner's diagnostics added. */
    public Experiment prepare(Experiment e) {
        return diagnostics.isEmpty() ? e : e.toBuilder().addDiagnostics(diagnostics.toArray(String[]::new)).build();
    }

    public Runner listen(TrainingListener l) {
        List<TrainingListener> ls = new ArrayList<>(listeners);
        ls.add(l);
        return new Runner(store, progress, ls, notices, refuseStale, lockPoll, diagnostics, loadOnly);
    }

    /**
     * The record of {@code experiment} as this runner would run it (its diagnostics added), from the store's records
     * tier alone: never trained, and {@code results/} not consulted. Empty without a store, a tier or a record.
     */
    public Optional<RunResult> recorded(Experiment experiment) {
        RecordTier tier = store == null ? null : store.records();
        return tier == null ? Optional.empty() : RecordedRuns.read(prepare(experiment), tier);
    }

    public RunResult run(Experiment experiment) {
        Experiment e = prepare(experiment);
        Path folder = store == null ? null : store.folder(e.name(), e.runId());
        List<String> notes = new ArrayList<>();
        Consumer<String> note = n -> {
            notes.add(n);
            notices.accept(n);
        };
        if (store != null) {
            RunResult recorded = RecordedRuns.load(e, store, refuseStale, notes, note); // a record, if results/ lacks the run
            if (recorded != null) {
                return recorded;
            }
        }
        if (loadOnly && (store == null || !isFinished(folder))) {
            return RunResult.missing(e, folder, NOT_TRAINED + " (CREDITLAB_TRAIN=no, or Runner.loadOnly): " + e.name() + "/"
                    + e.runId() + (store == null ? ": this runner has no store" : " is neither finished in "
                    + store.root() + " nor recorded") + "; train it with CREDITLAB_TRAIN unset");
        }
        // built only for a run that trains or resumes here, or loads with its weights
        Network net = e.network().build(e.seed());
        LearningRule rule = e.rule().create(net, e.seed());
        Optimizers optimizers = new Optimizers(e.optimizers());
        if (store == null) {
            return train(e, Datasets.load(e.data()), net, rule, optimizers, List.of(), null, null, List.of());
        }
        try (RunLock lock = RunLock.acquire(folder, lockPoll, notices)) {
            if (lock.previousOwner() != null) {
                note.accept(folder + " was last written by " + lock.previousOwner() + ", which stopped without "
                        + "releasing it (crashed or killed); its last committed epoch is used");
            }
            RunFolder run = new RunFolder(folder);
            StoredRun stored = run.open(e.toJson(), e.training().epochs(), true, note);
            Provenance now = CodeVersion.of(e);
            checkVersions(stored, now, folder, note);
            List<EpochRecord> done = List.of();
            if (stored.checkpoint() != null) {
                Map<String, INDArray> saved = Checkpoint.load(stored.checkpoint()).arrays();
                Checkpoint.restoreInto(RunState.model(net, rule), saved, stored.checkpoint());
                optimizers.restore(RunState.optimizerPart(saved), RunState.parameters(net, rule));
                done = stored.metrics(e.name()).rows();
            }
            if (stored.isFinished()) {
                return RunResult.of(e, net, rule, new MetricsTable(e.name(), done), folder, true,
                        stored.isDiverged(), stored.message(), stored.provenance(), notes, stored.analyses());
            }
            DataSplits data = Datasets.load(e.data());
            if (stored.epochsDone() == 0) {
                run.start(e.toJson()); // after the data loaded, so a refused data spec leaves no configuration behind
            }
            return train(e, data, net, rule, optimizers, done, run, now, notes);
        }
    }

    private static boolean isFinished(Path folder) {
        RunStatus s = Files.isDirectory(folder) ? new RunFolder(folder).peek() : null;
        return s != null && s.isFinished();
    }

    /** Stale code: a note (or a refusal) for a finished run; always a refusal for an interrupted one. */
    private void checkVersions(StoredRun stored, Provenance now, Path folder, Consumer<String> note) {
        if (stored.provenance() == null) {
            return;
        }
        List<String> code = stored.provenance().codeDifferences(now);
        if (!code.isEmpty() && (!stored.isFinished() || refuseStale)) {
            throw new StoreException(folder, folder + " was " + (stored.isFinished() ? "stored" : "interrupted")
                    + " under other code versions (" + String.join("; ", code) + "). "
                    + (stored.isFinished() ? "Stale runs are refused (CREDITLAB_REFUSE_STALE or Runner.refuseStale)."
                    : "Resuming it would mix two versions of the code in one run.")
                    + " To retrain it: " + StoreException.resetCommand(folder));
        }
        if (!code.isEmpty()) {
            StaleRuns.loaded(folder, code);
            note.accept("STALE: " + folder + " was stored under other code versions (" + String.join("; ", code)
                    + "); its numbers may differ from the current code's. To retrain it: "
                    + StoreException.resetCommand(folder));
        }
        List<String> bits = stored.provenance().bitDifferences(now);
        if (!bits.isEmpty()) {
            note.accept(folder + " was " + (stored.isFinished() ? "stored" : "begun") + " with " + String.join("; ", bits)
                    + (stored.isFinished() ? "" : "; the resumed epochs may differ from an uninterrupted run in the last bits"));
        }
    }

    private RunResult train(Experiment e, DataSplits data, Network net, LearningRule rule, Optimizers optimizers, List<EpochRecord> done,
                            RunFolder run, Provenance now, List<String> notes) {
        Trainer trainer = new Trainer(e.name() + "/" + e.runId(), net, rule, optimizers, e.training(), e.seed());
        if (progress != null) {
            trainer.listen(progress);
        }
        // Before the store: listeners may add columns to the epoch's record, which the store then saves.
        listeners.forEach(trainer::listen);
        e.diagnostics().forEach(d -> trainer.listen(Diagnostics.create(d)));
        AnalysisListener analyses = new AnalysisListener(e.analyses());
        trainer.listen(analyses);
        if (run != null) {
            trainer.listen(new TrainingListener() {
                @Override
                public void endEpoch(TrainingRun r, EpochRecord record) {
                    run.commitEpoch(r.history().size(), new MetricsTable(e.name(), r.history()).toCsv(),
                            RunState.all(net, rule, optimizers), now);
                }
            });
        }
        Path folder = run == null ? null : run.dir();
        try {
            MetricsTable metrics = trainer.fit(data, done);
            Map<String, String> kept = new LinkedHashMap<>();
            analyses.results().forEach((name, result) -> kept.put(name, Json.write(result) + "\n"));
            if (run != null) {
                run.commitEnd(RunStatus.COMPLETE, "", now, kept);
            }
            return RunResult.of(e, net, rule, metrics, folder, false, false, "", now, notes, kept);
        } catch (TrainingDivergedException d) {
            if (run != null) {
                run.commitEnd(RunStatus.DIVERGED, d.getMessage(), now);
            }
            notices.accept(d.getMessage());
            return new RunResult(e, net, rule, d.metrics(), folder, false, true, d.getMessage(), now, notes);
        }
    }
}
