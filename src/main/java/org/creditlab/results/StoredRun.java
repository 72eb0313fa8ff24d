package org.creditlab.results;

import java.nio.file.Path;
import java.util.Map;
import org.creditlab.train.MetricsTable;

/**
 * What a run folder verifiably holds, after {@link RunFolder#open}.
 *
 * @param state      {@link RunStatus#RUNNING} (also for a new run), {@link RunStatus#COMPLETE} or {@link RunStatus#DIVERGED}
 * @param epochsDone committed epochs
 * @param message    why the run diverged, or empty
 * @param metricsCsv the committed metrics (verified)
 * @param checkpoint the committed checkpoint (verified), or null when no epoch is committed
 * @param provenance the code that wrote it, or null for a new run
 * @param analyses   the JSON of each analysis the finished run kept, by name (verified); empty for an unfinished run
 */
public record StoredRun(String state, int epochsDone, String message, String metricsCsv, Path checkpoint,
                        Provenance provenance, Map<String, String> analyses) {

    public StoredRun {
        analyses = analyses == null ? Map.of() : Map.copyOf(analyses);
    }

    static StoredRun fresh() {
        return new StoredRun(RunStatus.RUNNING, 0, "", "", null, null, Map.of());
    }

    public boolean isFinished() {
        return RunStatus.COMPLETE.equals(state) || RunStatus.DIVERGED.equals(state);
    }

    public boolean isDiverged() {
        return RunStatus.DIVERGED.equals(state);
    }

    public MetricsTable metrics(String name) {
        return MetricsTable.fromCsv(name, metricsCsv);
    }
}
