package org.creditlab.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.creditlab.util.Sha256;

/**
 * The commit record of a stored run ({@code status.json}). Renaming it into place is the one atomic step that makes
 * an epoch visible: it names the checkpoint of that epoch and pins the checksums of every file that belongs with it,
 * so a file written before the rename (or damaged after it) can never be mistaken for the committed one.
 *
 * @param format           storage format ({@link RunFolder#FORMAT}; 0 when read from a format-1 file, which had none)
 * @param state            "running" (interrupted runs stay in this state), "complete" or "diverged"
 * @param epochsDone       epochs whose metrics and checkpoint are committed
 * @param message          why a run diverged, or empty
 * @param runId            the run this status belongs to (the folder's name)
 * @param checkpoint       the committed checkpoint's file name, or null before the first epoch
 * @param checkpointSha256 the checkpoint's own checksum (its last 32 bytes)
 * @param metricsSha256    SHA-256 of {@code metrics.csv}
 * @param configSha256     SHA-256 of {@code config.json}
 * @param provenance       the code and build that produced the run
 * @param updated          when this status was written (ISO-8601)
 * @param checksum         SHA-256 of this record's JSON with this field null, so a hand-edited status is detected
 * @param analyses         SHA-256 of each analysis file ({@code analyses/<name>.json}) by analysis name, pinned when
 *                         the run completes; left out of the JSON when empty, so a status without analyses is written,
 *                         and sealed, exactly as before they existed
 */
public record RunStatus(int format, String state, int epochsDone, String message, String runId, String checkpoint,
                        String checkpointSha256, String metricsSha256, String configSha256, Provenance provenance,
                        String updated, String checksum,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> analyses) {
    public static final String RUNNING = "running";
    public static final String COMPLETE = "complete";
    public static final String DIVERGED = "diverged";

    public RunStatus {
        analyses = analyses == null ? Map.of() : new TreeMap<>(analyses);
    }

    /** A new commit record, stamped with the time and its own checksum. */
    static RunStatus commit(String state, int epochsDone, String message, String runId, String checkpoint,
                            String checkpointSha256, String metricsSha256, String configSha256, Provenance provenance,
                            Map<String, String> analyses) {
        return new RunStatus(RunFolder.FORMAT, state, epochsDone, message == null ? "" : message, runId, checkpoint,
                checkpointSha256, metricsSha256, configSha256, provenance, Instant.now().toString(), null, analyses).sealed();
    }

    @JsonIgnore
    public boolean isComplete() {
        return COMPLETE.equals(state);
    }

    @JsonIgnore
    public boolean isDiverged() {
        return DIVERGED.equals(state);
    }

    @JsonIgnore
    public boolean isFinished() {
        return isComplete() || isDiverged();
    }

    /** True if {@link #checksum} matches the other fields. */
    @JsonIgnore
    boolean isSealed() {
        return checksum != null && checksum.equals(unsealedChecksum());
    }

    private RunStatus sealed() {
        return new RunStatus(format, state, epochsDone, message, runId, checkpoint, checkpointSha256, metricsSha256,
                configSha256, provenance, updated, unsealedChecksum(), analyses);
    }

    private String unsealedChecksum() {
        return Sha256.hex(Json.write(new RunStatus(format, state, epochsDone, message, runId, checkpoint,
                checkpointSha256, metricsSha256, configSha256, provenance, updated, null, analyses)));
    }
}
