package org.creditlab.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.creditlab.results.Provenance;
import org.creditlab.results.RecordFolder;
import org.creditlab.results.RecordTier;
import org.creditlab.results.RunFolder;
import org.creditlab.results.RunLock;
import org.creditlab.results.RunStatus;
import org.creditlab.results.RunStore;
import org.creditlab.results.StoreException;
import org.creditlab.results.StoredRun;
import org.creditlab.util.IoMessages;

/**
 * Run records: exporting a finished run of {@code results/} to the records tier, loading a record in place of a run
 * that {@code results/} lacks, and verifying records for people. A record holds the run's configuration, metrics and
 * status, the analyses of its trained network, and no weights, so a run loaded from one has metrics and analyses only
 * ({@link RunResult#recorded()}, {@link RunResult#analysis}).
 */
public final class RecordedRuns {
    private RecordedRuns() {}

    /**
     * The run {@code e} from the store's records tier, or null if it must come from {@code results/}: the store has no
     * tier or no record of it, {@code results/} holds it finished (which wins), or the record does not verify (said
     * through {@code note}). A record made by other code versions loads with a STALE note, or is refused.
     *
     * @param notes receives the notes of the returned result (the ones {@code note} reports, and quieter ones)
     */
    static RunResult load(Experiment e, RunStore store, boolean refuseStale, List<String> notes, Consumer<String> note) {
        RecordTier tier = store.records();
        Path record = tier == null ? null : tier.folder(e.name(), e.runId());
        if (record == null || !Files.isDirectory(record)) {
            return null;
        }
        Path results = store.folder(e.name(), e.runId());
        RunStatus inResults = Files.isDirectory(results) ? new RunFolder(results).peek() : null;
        if (inResults != null && inResults.isFinished()) {
            return null;
        }
        StoredRun stored;
        try {
            stored = new RecordFolder(record).open(e.toJson(), e.training().epochs());
        } catch (StoreException x) {
            note.accept(x.getMessage() + ". The record is not used: the run trains in " + results + " instead (check "
                    + "records with 'runs verify'; export the run again with 'runs record' once it is trained)");
            return null;
        }
        Provenance now = CodeVersion.of(e);
        List<String> code = stored.provenance().codeDifferences(now);
        String retrain = "to retrain it, turn the records tier off (CREDITLAB_RECORDS=none), run the experiment, and "
                + "export it again: java -jar target/creditlab.jar runs record " + e.name() + "/" + e.runId();
        if (!code.isEmpty() && refuseStale) {
            throw new StoreException(record, record + " was recorded under other code versions (" + String.join("; ", code)
                    + "). Stale runs are refused (CREDITLAB_REFUSE_STALE or Runner.refuseStale); " + retrain);
        }
        if (!code.isEmpty()) {
            StaleRuns.loaded(record, code);
            note.accept("STALE: " + record + " was recorded under other code versions (" + String.join("; ", code)
                    + "); its numbers may differ from the current code's; " + retrain);
        }
        List<String> bits = stored.provenance().bitDifferences(now);
        if (!bits.isEmpty()) {
            note.accept(record + " was recorded with " + String.join("; ", bits));
        }
        if (inResults != null) {
            note.accept(results + " holds an unfinished run of the same configuration; the record of the finished "
                    + "run is used, and the unfinished one is left as it is");
        }
        notes.add(record + ": loaded from the run record, which keeps the configuration, per-epoch metrics and "
                + "analyses (no trained network or rule)");
        return result(e, record, stored, notes);
    }

    /**
     * Run {@code e} from {@code tier} alone, {@code results/} not consulted: what a table built from the repository's
     * records shows, on any machine. Empty if the tier has no record of it; a record that does not verify throws,
     * naming it, and one made by other code versions loads with a STALE note.
     */
    public static Optional<RunResult> read(Experiment e, RecordTier tier) {
        Path record = tier.folder(e.name(), e.runId());
        if (!Files.isDirectory(record)) {
            return Optional.empty();
        }
        StoredRun stored = new RecordFolder(record).open(e.toJson(), e.training().epochs());
        List<String> notes = new ArrayList<>();
        List<String> code = stored.provenance().codeDifferences(CodeVersion.of(e));
        if (!code.isEmpty()) {
            notes.add("STALE: " + record + " was recorded under other code versions (" + String.join("; ", code) + ")");
        }
        return Optional.of(result(e, record, stored, notes));
    }

    private static RunResult result(Experiment e, Path record, StoredRun stored, List<String> notes) {
        return RunResult.fromRecord(e, stored.metrics(e.name()), record, stored.isDiverged(), stored.message(),
                stored.provenance(), notes, stored.analyses());
    }

    /** True if the store's records tier holds a committed record of finished run {@code e} (unverified: for scheduling). */
    public static boolean isRecorded(RunStore store, Experiment e) {
        RecordTier tier = store.records();
        if (tier == null) {
            return false;
        }
        RunStatus s = new RecordFolder(tier.folder(e.name(), e.runId())).peek();
        return s != null && s.isFinished();
    }

    /**
     * Exports the finished run in {@code runFolder} to {@code tier}, or refuses with a message saying why (unfinished,
     * damaged, stale, in use) and what to do.
     *
     * @return a line saying what was written
     * @throws IllegalStateException if the run cannot be recorded
     */
    public static String export(Path runFolder, RecordTier tier) {
        List<String> problems = new ArrayList<>();
        Experiment e = StoredRuns.configuration(runFolder, problems);
        if (e == null) {
            throw new IllegalStateException("not recorded: " + String.join("; ", problems));
        }
        RunLock lock = RunLock.tryAcquire(runFolder);
        if (lock == null) {
            throw new IllegalStateException("not recorded: " + runFolder + " is in use by " + RunLock.holder(runFolder)
                    + "; wait for it to finish");
        }
        try (lock) {
            RunFolder run = new RunFolder(runFolder);
            StoredRun s;
            try {
                s = run.open(e.toJson(), e.training().epochs(), false, problems::add);
            } catch (StoreException x) {
                throw new IllegalStateException("not recorded: " + x.getMessage());
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("not recorded: " + runFolder + " does not verify (" + String.join("; ", problems)
                        + "); run 'runs verify --repair " + runFolder + "' first");
            }
            if (!s.isFinished()) {
                throw new IllegalStateException("not recorded: " + runFolder + " is not finished (" + s.epochsDone() + " of "
                        + e.training().epochs() + " epochs done): a record is made of a complete or diverged run. Run "
                        + "its experiment again to finish it (it resumes), then record it");
            }
            List<String> code = s.provenance().codeDifferences(CodeVersion.of(e));
            if (!code.isEmpty()) {
                throw new IllegalStateException("not recorded: " + runFolder + " was made by other code versions ("
                        + String.join("; ", code) + "); retrain it first: " + StoreException.resetCommand(runFolder));
            }
            Map<String, String> files = new LinkedHashMap<>();
            for (String name : RecordFolder.FILES) {
                files.put(name, name.equals(RunFolder.METRICS) ? s.metricsCsv() : text(runFolder.resolve(name)));
            }
            s.analyses().forEach((name, json) -> files.put(RunFolder.analysisFile(name), json));
            RecordFolder record = new RecordFolder(tier.folder(e.name(), e.runId()));
            if (unchanged(record, e, files)) {
                return "unchanged " + record.dir() + " (already the record of " + runFolder + ")";
            }
            record.write(e.name(), files);
            record.open(e.toJson(), e.training().epochs());
            return "recorded " + runFolder + " -> " + record.dir() + " (" + s.state() + ", " + s.epochsDone()
                    + " epochs, " + size(record.dir()) + " bytes)";
        }
    }

    /** Verifies one record folder, as a load would, without changing anything. */
    public static StoredRuns.Summary inspect(Path folder) {
        List<String> problems = new ArrayList<>();
        Experiment e = StoredRuns.configuration(folder, problems);
        int planned = e == null ? -1 : e.training().epochs();
        long bytes = size(folder);
        try {
            StoredRun s = new RecordFolder(folder).open(e == null ? null : e.toJson(), planned);
            String code = StoredRuns.codeColumn(e, s, problems);
            return new StoredRuns.Summary(folder, s.state(), s.epochsDone(), planned, code, bytes, problems);
        } catch (StoreException x) {
            problems.add(x.getMessage());
            return new StoredRuns.Summary(folder, "damaged", -1, planned, "-", bytes, problems);
        }
    }

    private static boolean unchanged(RecordFolder record, Experiment e, Map<String, String> files) {
        try {
            record.open(e.toJson(), e.training().epochs());
            for (Map.Entry<String, String> f : files.entrySet()) {
                if (!record.read(f.getKey()).equals(f.getValue())) {
                    return false;
                }
            }
            return true;
        } catch (StoreException x) {
            return false;
        }
    }

    /** A file of a run folder that verified just now (under its lock). */
    private static String text(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException x) {
            throw new IllegalStateException("not recorded: cannot read " + IoMessages.describe(f, x), x);
        }
    }

    private static long size(Path folder) {
        try (var s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException x) {
            return -1;
        }
    }
}
