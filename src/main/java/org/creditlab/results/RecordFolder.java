package org.creditlab.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.creditlab.train.MetricsTable;
import org.creditlab.util.AtomicFiles;
import org.creditlab.util.IoMessages;
import org.creditlab.util.Sha256;

/**
 * One run record in the records tier ({@link RecordTier}): the small, tracked trace of a finished run, kept without
 * its checkpoint. It holds the run's {@code config.json}, {@code metrics.csv} and {@code status.json}, exactly as the
 * run folder had them, the analyses of the trained network the status pins ({@code analyses/<name>.json}; none for a
 * run whose experiment names none), and {@code record.json} ({@link RecordManifest}), written last, which pins them
 * all.
 *
 * <p><b>Verified open.</b> A record is used only if everything agrees: the manifest is sealed, of this format, of this
 * run and experiment, and its files match their checksums; the status is sealed, of this run, finished, and pins the
 * same configuration, metrics and analyses; the metrics have one row per epoch done; and, when the caller knows the
 * experiment, the configuration is exactly the experiment's. A record is never repaired: anything else is a
 * {@link StoreException} naming the file.
 */
public final class RecordFolder {
    /** The record format; bump it when a record's files change shape. */
    public static final int FORMAT = 1;
    public static final String MANIFEST = "record.json";
    /** The run's files every record keeps; a record also keeps the analyses its status pins ({@link RunFolder#analysisFile}). */
    public static final List<String> FILES = List.of(RunFolder.CONFIG, RunFolder.METRICS, RunFolder.STATUS);
    /** The first storage format whose status carries checksums (and so can be verified). */
    private static final int SEALED_STATUS_FORMAT = 2;

    private final Path dir;
    private final String runId;

    public RecordFolder(Path dir) {
        this.dir = dir;
        this.runId = dir.getFileName().toString();
    }

    public Path dir() {
        return dir;
    }

    /** True if the folder holds a manifest, i.e. an export of it finished (whether it verifies is {@link #open}'s to say). */
    public boolean isCommitted() {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /** The record's status without verifying anything (for scheduling only); null if there is no committed record. */
    public RunStatus peek() {
        if (!isCommitted()) {
            return null;
        }
        try {
            return Json.read(read(RunFolder.STATUS), RunStatus.class);
        } catch (StoreException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The verified record.
     *
     * @param configJson    the experiment's configuration, or null if unknown (then only the record's own agreement is checked)
     * @param plannedEpochs the epochs the configuration asks for, or -1 if unknown
     * @return the finished run, with no checkpoint
     * @throws StoreException naming the file that disagrees
     */
    public StoredRun open(String configJson, int plannedEpochs) {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.exists(manifestFile)) {
            throw new StoreException(manifestFile, manifestFile + " is missing, so " + dir + " is not a complete record "
                    + "(an export that did not finish?); export the run again with 'runs record'");
        }
        RecordManifest manifest;
        try {
            manifest = Json.read(read(MANIFEST), RecordManifest.class);
        } catch (IllegalArgumentException e) {
            throw new StoreException(manifestFile, manifestFile + " is not a valid record manifest (" + e.getMessage() + ")");
        }
        check(manifest.format() == FORMAT, manifestFile, "has record format " + manifest.format() + ", but this "
                + "CreditLab reads format " + FORMAT + (manifest.format() > FORMAT ? " (written by a newer CreditLab)" : ""));
        check(manifest.isSealed(), manifestFile, "has been altered: its checksum does not match its fields");
        check(runId.equals(manifest.runId()), manifestFile, "belongs to run " + manifest.runId() + ", not to " + runId
                + " (was the folder copied or renamed?)");
        String experiment = dir.getParent() == null ? null : dir.getParent().getFileName().toString();
        check(experiment == null || experiment.equals(manifest.experiment()), manifestFile, "belongs to experiment "
                + manifest.experiment() + ", not to " + experiment + " (was the folder moved?)");
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : FILES) {
            check(manifest.files().containsKey(name), manifestFile, "does not list " + name);
        }
        for (Map.Entry<String, String> f : manifest.files().entrySet()) {
            String text = read(f.getKey());
            check(Sha256.hex(text).equals(f.getValue()), dir.resolve(f.getKey()),
                    "does not match the checksum in " + MANIFEST + " (edited after the export?)");
            texts.put(f.getKey(), text);
        }
        Path statusFile = dir.resolve(RunFolder.STATUS);
        RunStatus status;
        try {
            status = Json.read(texts.get(RunFolder.STATUS), RunStatus.class);
        } catch (IllegalArgumentException e) {
            throw new StoreException(statusFile, statusFile + " is not a valid status (" + e.getMessage() + ")");
        }
        check(status.format() >= SEALED_STATUS_FORMAT, statusFile, "was written by storage format "
                + Math.max(1, status.format()) + ", without checksums, so the record cannot be verified");
        check(status.isSealed(), statusFile, "has been altered: its checksum does not match its fields");
        check(runId.equals(status.runId()), statusFile, "belongs to run " + status.runId() + ", not to " + runId);
        check(status.isFinished(), statusFile, "says the run is " + status.state() + ": a record is of a finished run");
        check(Sha256.hex(texts.get(RunFolder.CONFIG)).equals(status.configSha256()), dir.resolve(RunFolder.CONFIG),
                "is not the configuration " + RunFolder.STATUS + " committed");
        check(Sha256.hex(texts.get(RunFolder.METRICS)).equals(status.metricsSha256()), dir.resolve(RunFolder.METRICS),
                "is not the metrics " + RunFolder.STATUS + " committed");
        check(configJson == null || Sha256.hex(configJson + "\n").equals(status.configSha256()),
                dir.resolve(RunFolder.CONFIG), "is not this experiment's configuration (its hash is not the run id)");
        check(plannedEpochs < 0 || !status.isComplete() || status.epochsDone() == plannedEpochs, statusFile,
                "says the run is complete after " + status.epochsDone() + " of its " + plannedEpochs + " epochs");
        int rows;
        try {
            rows = MetricsTable.fromCsv(runId, texts.get(RunFolder.METRICS)).epochs();
        } catch (RuntimeException e) {
            throw new StoreException(dir.resolve(RunFolder.METRICS), dir.resolve(RunFolder.METRICS)
                    + " is not a valid metrics table (" + e.getMessage() + ")");
        }
        check(rows == status.epochsDone(), dir.resolve(RunFolder.METRICS), "has " + rows + " rows, but "
                + RunFolder.STATUS + " says " + status.epochsDone() + " epochs are done");
        Map<String, String> analyses = new TreeMap<>();
        for (Map.Entry<String, String> a : status.analyses().entrySet()) {
            String file = RunFolder.analysisFile(a.getKey());
            check(texts.containsKey(file), manifestFile, "does not list " + file + ", which " + RunFolder.STATUS + " pins");
            check(Sha256.hex(texts.get(file)).equals(a.getValue()), dir.resolve(file),
                    "is not the analysis " + RunFolder.STATUS + " committed");
            analyses.put(a.getKey(), texts.get(file));
        }
        return new StoredRun(status.state(), status.epochsDone(), status.message(), texts.get(RunFolder.METRICS), null,
                status.provenance(), analyses);
    }

    /**
     * Writes the record: the run's files, each atomically, then the manifest that commits them. An existing manifest
     * is removed first, so that a crash part-way leaves an uncommitted folder, never a record mixing two exports.
     *
     * @param files the text of each of {@link #FILES} and of each analysis the run's status pins, as the verified run folder
     *              holds it
     */
    public void write(String experiment, Map<String, String> files) {
        for (String name : FILES) {
            if (!files.containsKey(name)) {
                throw new IllegalArgumentException("a record needs " + name);
            }
        }
        AtomicFiles.deleteQuietly(dir.resolve(MANIFEST));
        AtomicFiles.removeTemporaryFiles(dir);
        AtomicFiles.removeTemporaryFiles(dir.resolve(RunFolder.ANALYSES));
        Map<String, String> checksums = new LinkedHashMap<>();
        files.forEach((name, text) -> {
            AtomicFiles.writeString(dir.resolve(name), text);
            checksums.put(name, Sha256.hex(text));
        });
        AtomicFiles.writeString(dir.resolve(MANIFEST), Json.write(RecordManifest.of(runId, experiment, checksums)) + "\n");
    }

    /** The text of file {@code name} of the record, or a {@link StoreException} naming it. */
    public String read(String name) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new StoreException(f, f + (Files.exists(f) ? " is not a file" : " is missing") + "; the record is incomplete");
        }
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException(f, "cannot read " + IoMessages.describe(f, e));
        }
    }

    private static void check(boolean ok, Path file, String problem) {
        if (!ok) {
            throw new StoreException(file, file + " " + problem);
        }
    }
}
