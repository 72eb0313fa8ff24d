package org.creditlab.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.creditlab.train.MetricsTable;
import org.creditlab.util.AtomicFiles;
import org.creditlab.util.CrashPoints;
import org.creditlab.util.IoMessages;
import org.creditlab.util.Sha256;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The files of one stored run and the protocol that keeps them trustworthy.
 *
 * <p><b>Commit.</b> An epoch is written as {@code checkpoint-NNNN.bin} (self-verifying: run id, epoch, metrics and
 * state, with a checksum), then {@code metrics.csv}, then {@code status.json}, each atomically. Renaming
 * {@code status.json} into place is the commit: it names the epoch's checkpoint and pins the checksums of the
 * checkpoint, the metrics and {@code config.json}. Until then the previous status, and the previous checkpoint it
 * names, stay the truth; after it, the older checkpoint is deleted.
 *
 * <p><b>Open.</b> Every resume and load cross-checks the parts against the status: checksums, run id, the
 * checkpoint's epoch, rows against epochs. A part that disagrees is rebuilt from verified parts ({@code metrics.csv}
 * and {@code config.json} from the checkpoint and the experiment) or, if the status itself cannot be trusted, the run
 * falls back to the newest checkpoint that verifies. Each repair is reported.
 *
 * <p><b>Analyses.</b> A run that completes may keep analyses of its trained network ({@code analyses/<name>.json},
 * written before the final status, which pins their checksums). An analysis file that disagrees cannot be rebuilt
 * from the metrics, so the run falls back to its last checkpoint, and finishing it makes the analyses again. If nothing verifies, opening stops with
 * a message naming the file, what is wrong and the command that resets the run; nothing is deleted.
 */
public final class RunFolder {
    /** The storage format; bump it when the files change shape. */
    public static final int FORMAT = 2;
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String STATUS = "status.json";
    /** The folder of a completed run's analyses, one JSON file each. */
    public static final String ANALYSES = "analyses";
    /** Where the files of a format-1 run (no checksums, cannot be verified) are kept when the run is trained again. */
    public static final String FORMAT1_FOLDER = "format1-unverified";
    private static final String FORMAT1_CHECKPOINT = "checkpoint.bin";
    private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-(\\d+)\\.bin");

    private final Path dir;
    private final String runId;
    private String configSha;
    private RunStatus committed;

    /** The folder of run {@code dir.getFileName()}. */
    public RunFolder(Path dir) {
        this.dir = dir;
        this.runId = dir.getFileName().toString();
    }

    public Path dir() {
        return dir;
    }

    /** The file of analysis {@code name}, relative to a run or record folder: {@code analyses/<name>.json}. */
    public static String analysisFile(String name) {
        return ANALYSES + "/" + name + ".json";
    }

    /**
     * The verified state of the run, after any repair. Call it holding the folder's {@link RunLock}.
     *
     * @param configJson    the run's configuration (its hash is the run id), or null if unknown (inspection only)
     * @param plannedEpochs the epochs the configuration asks for, or -1 if unknown
     * @param repair        rebuild damaged parts and remove leftovers; if false, only report what would be done
     * @param notes         receives a line for each repair, fall-back or leftover
     * @throws StoreException if nothing verified is stored, yet something is
     */
    public StoredRun open(String configJson, int plannedEpochs, boolean repair, Consumer<String> notes) {
        String verb = repair ? "" : "would be ";
        if (repair) {
            List<String> removed = AtomicFiles.removeTemporaryFiles(dir);
            if (!removed.isEmpty()) {
                notes.accept(dir + ": removed " + removed.size() + " temporary file(s) an interrupted write left: " + removed);
            }
            AtomicFiles.removeTemporaryFiles(dir.resolve(ANALYSES));
        }
        if (isFormat1()) {
            notes.accept(dir + " was stored by an older CreditLab (storage format 1, without checksums), so it cannot "
                    + "be verified; " + (repair ? "its files were moved to " : "loading it moves its files to ")
                    + FORMAT1_FOLDER + "/ (kept, not used) and the run is trained again");
            if (!repair) {
                return StoredRun.fresh();
            }
            setAsideFormat1();
        }
        String configText = configJson == null ? null : configJson + "\n";
        configSha = configText == null ? null : Sha256.hex(configText);
        List<Path> checkpoints = checkpointFiles();
        if (!Files.exists(dir.resolve(STATUS)) && checkpoints.isEmpty() && metricsAreEmptyOrAbsent()) {
            // nothing was computed (a new run, or one interrupted before its first commit); start() writes the config
            committed = null;
            return StoredRun.fresh();
        }
        String problem;
        RunStatus status = null;
        try {
            status = readStatus();
            problem = statusProblem(status, plannedEpochs);
        } catch (StoreException e) {
            problem = e.getMessage();
        }
        if (problem == null) {
            Checkpoint checkpoint = null;
            Map<String, String> analyses = Map.of();
            try {
                checkpoint = status.checkpoint() == null ? null : Checkpoint.verify(dir.resolve(status.checkpoint()));
                problem = checkpoint == null ? null : checkpointProblem(checkpoint, status);
                if (problem == null) {
                    analyses = verifiedAnalyses(status);
                }
            } catch (StoreException e) {
                problem = e.getMessage();
            }
            if (problem == null) {
                String metrics = intactMetrics(status.metricsSha256());
                if (metrics == null) {
                    metrics = checkpoint == null ? "" : checkpoint.metrics();
                    notes.accept(dir.resolve(METRICS) + " does not match the checksum committed in " + STATUS + "; "
                            + verb + "restored from " + (checkpoint == null ? "the empty table of a run with no epochs"
                            : status.checkpoint()));
                    if (repair) {
                        AtomicFiles.deleteQuietly(folderInTheWay(METRICS));
                        AtomicFiles.writeString(dir.resolve(METRICS), metrics);
                    }
                }
                checkConfig(configText, status.configSha256(), repair, notes);
                if (repair) {
                    removeCheckpointsExcept(status.checkpoint(), notes);
                }
                committed = status;
                return new StoredRun(status.state(), status.epochsDone(), status.message(), metrics,
                        checkpoint == null ? null : dir.resolve(status.checkpoint()), status.provenance(), analyses);
            }
        }
        Checkpoint best = newestIntactCheckpoint(checkpoints, plannedEpochs, notes);
        if (best == null) {
            throw new StoreException(dir, problem + ". No intact checkpoint is stored in " + dir + " to fall back to, "
                    + "so its results cannot be trusted. To retrain the run from scratch: " + StoreException.resetCommand(dir));
        }
        String name = checkpointName(best.epoch());
        notes.accept(problem + ". " + (repair ? "Fell" : "Would fall") + " back to " + name + " (epoch " + best.epoch()
                + "), whose checksum, run id and epoch agree" + (plannedEpochs > best.epoch()
                ? "; epochs after " + best.epoch() + " will be trained again" : "; the run will be finished again, its "
                + "analyses made again"));
        if (repair) {
            AtomicFiles.deleteQuietly(folderInTheWay(METRICS));
            AtomicFiles.writeString(dir.resolve(METRICS), best.metrics());
            if (configText != null) {
                writeConfigIfDifferent(configText);
            }
            committed = null;
            writeStatus(RunStatus.RUNNING, best.epoch(), "", name, best.sha256(), Sha256.hex(best.metrics()), best.provenance());
            removeCheckpointsExcept(name, notes);
        }
        return new StoredRun(RunStatus.RUNNING, best.epoch(), "", best.metrics(), dir.resolve(name), best.provenance(),
                Map.of());
    }

    /** Writes the configuration of a run that has nothing committed yet. */
    public void start(String configJson) {
        configSha = Sha256.hex(configJson + "\n");
        writeConfigIfDifferent(configJson + "\n");
    }

    /** Commits one finished epoch: checkpoint, metrics, then the status that makes them visible. */
    public void commitEpoch(int epoch, String metricsCsv, Map<String, INDArray> state, Provenance provenance) {
        String name = checkpointName(epoch);
        String sha = Checkpoint.save(dir.resolve(name), runId, epoch, provenance, metricsCsv, state);
        AtomicFiles.writeString(dir.resolve(METRICS), metricsCsv);
        String previous = committed == null ? null : committed.checkpoint();
        writeStatus(RunStatus.RUNNING, epoch, "", name, sha, Sha256.hex(metricsCsv), provenance);
        if (previous != null && !previous.equals(name)) {
            AtomicFiles.deleteQuietly(dir.resolve(previous));
        }
        CrashPoints.reach("commit", "cleaned");
    }

    /** Marks the run complete or diverged at its last committed epoch, without analyses. */
    public void commitEnd(String state, String message, Provenance provenance) {
        commitEnd(state, message, provenance, Map.of());
    }

    /**
     * Marks the run complete or diverged at its last committed epoch, keeping its analyses: each file is written
     * atomically, then the status that pins their checksums (until it is renamed into place, they are not part of the run).
     *
     * @param analyses the JSON of each analysis by name ({@link #analysisFile})
     */
    public void commitEnd(String state, String message, Provenance provenance, Map<String, String> analyses) {
        Map<String, String> checksums = new TreeMap<>();
        analyses.forEach((name, json) -> {
            AtomicFiles.writeString(dir.resolve(analysisFile(name)), json);
            checksums.put(name, Sha256.hex(json));
        });
        if (committed == null) {
            // diverged in the first epoch: nothing else was committed
            AtomicFiles.writeString(dir.resolve(METRICS), "");
            writeStatus(state, 0, message, null, null, Sha256.hex(""), provenance, checksums);
            return;
        }
        writeStatus(state, committed.epochsDone(), message, committed.checkpoint(), committed.checkpointSha256(),
                committed.metricsSha256(), provenance, checksums);
    }

    /** Deletes the run's results but keeps its configuration and lock, so that it trains again from scratch. */
    public List<String> reset() {
        List<String> removed = new ArrayList<>();
        for (Path p : list()) {
            String n = p.getFileName().toString();
            if (!n.equals(CONFIG) && !n.equals(RunLock.FILE)) {
                AtomicFiles.deleteQuietly(p);
                removed.add(n);
            }
        }
        committed = null;
        return removed;
    }

    /** The bytes the folder holds. */
    public long size() {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    public static String checkpointName(int epoch) {
        return String.format("checkpoint-%04d.bin", epoch);
    }

    private void writeStatus(String state, int epochs, String message, String checkpoint, String checkpointSha,
                             String metricsSha, Provenance provenance) {
        writeStatus(state, epochs, message, checkpoint, checkpointSha, metricsSha, provenance, Map.of());
    }

    private void writeStatus(String state, int epochs, String message, String checkpoint, String checkpointSha,
                             String metricsSha, Provenance provenance, Map<String, String> analyses) {
        RunStatus s = RunStatus.commit(state, epochs, message, runId, checkpoint, checkpointSha, metricsSha, configSha,
                provenance, analyses);
        AtomicFiles.deleteQuietly(folderInTheWay(STATUS));
        AtomicFiles.writeString(dir.resolve(STATUS), Json.write(s) + "\n");
        committed = s;
    }

    /** A run written before checksums: its checkpoint had no epoch in its name and its status no format. */
    private boolean isFormat1() {
        if (Files.exists(dir.resolve(FORMAT1_CHECKPOINT))) {
            return true;
        }
        try {
            return Files.isRegularFile(dir.resolve(STATUS)) && readStatus().format() == 0;
        } catch (StoreException e) {
            return false; // unreadable: the verified open reports it
        }
    }

    private void setAsideFormat1() {
        Path aside = dir.resolve(FORMAT1_FOLDER);
        try {
            Files.createDirectories(aside);
            for (String name : List.of(FORMAT1_CHECKPOINT, METRICS, STATUS)) {
                if (Files.exists(dir.resolve(name))) {
                    AtomicFiles.move(dir.resolve(name), aside.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new StoreException(dir, "cannot set aside the format-1 files of " + IoMessages.describe(dir, e)
                    + "; move or delete them by hand, or run " + StoreException.resetCommand(dir), e);
        }
    }

    /**
     * The committed state and epochs as the status file says, without verifying anything: for deciding what to
     * schedule and for progress displays only. Null if there is no readable status (nothing committed yet, or a damaged
     * file, which {@link #open} then deals with).
     */
    public RunStatus peek() {
        try {
            return Files.isRegularFile(dir.resolve(STATUS)) ? readStatus() : null;
        } catch (StoreException e) {
            return null;
        }
    }

    private RunStatus readStatus() {
        Path f = dir.resolve(STATUS);
        if (!Files.exists(f)) {
            throw new StoreException(f, f + " is missing");
        }
        String text = readText(f);
        try {
            return Json.read(text, RunStatus.class);
        } catch (IllegalArgumentException e) {
            throw new StoreException(f, f + " is not a valid status (" + e.getMessage() + ")");
        }
    }

    private String statusProblem(RunStatus s, int plannedEpochs) {
        Path f = dir.resolve(STATUS);
        if (s.format() < FORMAT) {
            return f + " was written by an older CreditLab (storage format " + Math.max(1, s.format())
                    + ", without checksums), so the run cannot be verified";
        }
        if (!s.isSealed()) {
            return f + " has been altered: its checksum does not match its fields";
        }
        if (!runId.equals(s.runId())) {
            return f + " belongs to run " + s.runId() + ", not to " + runId + " (was the folder copied or renamed?)";
        }
        if (plannedEpochs >= 0 && s.epochsDone() > plannedEpochs) {
            return f + " says " + s.epochsDone() + " epochs are done, but the configuration has " + plannedEpochs;
        }
        if (plannedEpochs >= 0 && s.isComplete() && s.epochsDone() != plannedEpochs) {
            return f + " says the run is complete after " + s.epochsDone() + " of its " + plannedEpochs + " epochs";
        }
        if ((s.epochsDone() > 0) != (s.checkpoint() != null)) {
            return f + " says " + s.epochsDone() + " epochs are done but names " + (s.checkpoint() == null ? "no checkpoint" : s.checkpoint());
        }
        if (configSha != null && !configSha.equals(s.configSha256())) {
            return f + " was committed for a different configuration than this run's";
        }
        return null;
    }

    private String checkpointProblem(Checkpoint c, RunStatus s) {
        Path f = dir.resolve(s.checkpoint());
        if (!runId.equals(c.runId())) {
            return f + " belongs to run " + c.runId() + ", not to " + runId;
        }
        if (c.epoch() != s.epochsDone()) {
            return f + " holds epoch " + c.epoch() + " but " + STATUS + " committed epoch " + s.epochsDone();
        }
        if (!c.sha256().equals(s.checkpointSha256())) {
            return f + " is not the checkpoint " + STATUS + " committed (its checksum differs)";
        }
        return null;
    }

    /** The text of every analysis {@code s} pins, by name; a {@link StoreException} naming the first file that disagrees. */
    private Map<String, String> verifiedAnalyses(RunStatus s) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> a : s.analyses().entrySet()) {
            Path f = dir.resolve(analysisFile(a.getKey()));
            String text = Files.isRegularFile(f) ? readText(f) : null;
            if (text == null || !Sha256.hex(text).equals(a.getValue())) {
                throw new StoreException(f, f + (text == null ? " is missing" : " does not match the checksum committed in "
                        + STATUS) + " (an analysis of the trained network, made when the run completed)");
            }
            out.put(a.getKey(), text);
        }
        return out;
    }

    /** The newest checkpoint whose checksum, run id, epoch and metrics agree, or null. */
    private Checkpoint newestIntactCheckpoint(List<Path> files, int plannedEpochs, Consumer<String> notes) {
        List<Path> newestFirst = new ArrayList<>(files);
        newestFirst.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        for (Path p : newestFirst) {
            try {
                Checkpoint c = Checkpoint.verify(p);
                String problem = !runId.equals(c.runId()) ? "belongs to run " + c.runId()
                        : !p.getFileName().toString().equals(checkpointName(c.epoch())) ? "holds epoch " + c.epoch()
                        : plannedEpochs >= 0 && c.epoch() > plannedEpochs ? "holds more epochs than planned"
                        : MetricsTable.fromCsv(runId, c.metrics()).epochs() != c.epoch() ? "holds metrics of a different length"
                        : null;
                if (problem == null) {
                    return c;
                }
                notes.accept(p + " " + problem + "; not used");
            } catch (StoreException | IllegalArgumentException e) {
                notes.accept(e.getMessage() + "; not used");
            }
        }
        return null;
    }

    /** The text of metrics.csv if its checksum is {@code sha}, else null. */
    private String intactMetrics(String sha) {
        Path f = dir.resolve(METRICS);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            return Sha256.hex(text).equals(sha) ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    private boolean metricsAreEmptyOrAbsent() {
        Path f = dir.resolve(METRICS);
        try {
            return !Files.exists(f) || (Files.isRegularFile(f) && Files.size(f) == 0);
        } catch (IOException e) {
            return false;
        }
    }

    private void checkConfig(String configText, String sha, boolean repair, Consumer<String> notes) {
        Path f = dir.resolve(CONFIG);
        String stored = null;
        try {
            stored = Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            // unreadable counts as damaged
        }
        if (stored != null && Sha256.hex(stored).equals(sha)) {
            return;
        }
        String what = stored == null ? "is missing or unreadable" : "does not match the checksum committed in " + STATUS;
        if (configText == null) {
            notes.accept(f + " " + what + "; running the run's experiment again rewrites it");
            return;
        }
        notes.accept(f + " " + what + "; " + (repair ? "" : "would be ") + "rewritten from the experiment, whose hash is the run id");
        if (repair) {
            writeConfigIfDifferent(configText);
        }
    }

    private void writeConfigIfDifferent(String configText) {
        Path f = dir.resolve(CONFIG);
        try {
            if (Files.isRegularFile(f) && Files.readString(f, StandardCharsets.UTF_8).equals(configText)) {
                return;
            }
        } catch (IOException e) {
            // rewrite it below
        }
        AtomicFiles.deleteQuietly(folderInTheWay(CONFIG));
        AtomicFiles.writeString(f, configText);
    }

    private void removeCheckpointsExcept(String keep, Consumer<String> notes) {
        for (Path p : checkpointFiles()) {
            if (!p.getFileName().toString().equals(keep)) {
                AtomicFiles.deleteQuietly(p);
                notes.accept(p + " is not the committed checkpoint (an interrupted commit left it) and was removed");
            }
        }
    }

    /** {@code name} if a folder stands where that file belongs (it can only be removed to write the file). */
    private Path folderInTheWay(String name) {
        Path p = dir.resolve(name);
        return Files.isDirectory(p) ? p : null;
    }

    private List<Path> checkpointFiles() {
        List<Path> out = new ArrayList<>();
        for (Path p : list()) {
            Matcher m = CHECKPOINT.matcher(p.getFileName().toString());
            if (m.matches()) {
                out.add(p);
            }
        }
        return out;
    }

    private List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new StoreException(dir, "cannot list the run folder " + IoMessages.describe(dir, e));
        }
    }

    private static String readText(Path f) {
        if (Files.isDirectory(f)) {
            throw new StoreException(f, f + " is a folder, not a file");
        }
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException(f, "cannot read " + IoMessages.describe(f, e));
        }
    }
}
