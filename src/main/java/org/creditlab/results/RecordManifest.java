package org.creditlab.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.creditlab.util.Sha256;

/**
 * The manifest of a run record ({@code record.json}): what marks a folder of the records tier as a complete record,
 * and what pins its files. Writing it is the record's commit, as {@code status.json} is an epoch's: a folder without
 * it is an export that did not finish. The run's own {@code status.json} is kept verbatim (it still names the
 * checkpoint the run had; the record does not keep it), so the checksums it pins remain checkable.
 *
 * @param format     the record format ({@link RecordFolder#FORMAT})
 * @param runId      the run this record belongs to (the folder's name)
 * @param experiment the experiment (the parent folder's name)
 * @param files      SHA-256 of every other file of the record, by file name
 * @param exported   when the record was written (ISO-8601)
 * @param checksum   SHA-256 of this manifest's JSON with this field null, so a hand edit is detected
 */
public record RecordManifest(int format, String runId, String experiment, Map<String, String> files, String exported,
                             String checksum) {

    public RecordManifest {
        files = files == null ? Map.of() : new TreeMap<>(files);
    }

    /** A new manifest, stamped with the time and sealed with its own checksum. */
    static RecordManifest of(String runId, String experiment, Map<String, String> files) {
        RecordManifest m = new RecordManifest(RecordFolder.FORMAT, runId, experiment, files, Instant.now().toString(), null);
        return new RecordManifest(m.format, runId, experiment, files, m.exported, m.unsealedChecksum());
    }

    /** True if {@link #checksum} matches the other fields. */
    @JsonIgnore
    boolean isSealed() {
        return checksum != null && checksum.equals(unsealedChecksum());
    }

    private String unsealedChecksum() {
        return Sha256.hex(Json.write(new RecordManifest(format, runId, experiment, files, exported, null)));
    }
}
