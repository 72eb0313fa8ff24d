package org.creditlab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.creditlab.results.RunFolder;
import org.creditlab.results.RunLock;
import org.creditlab.results.StoreException;
import org.creditlab.results.StoredRun;

/**
 * What the stored runs hold, for people: one {@link Summary} per run folder, verified exactly as a load or resume
 * would verify it, but without changing anything (unless asked to repair).
 */
public final class StoredRuns {
    private StoredRuns() {}

    /**
     * One run folder.
     *
     * @param state    running, complete, diverged, "in use" (another process holds its lock) or "damaged"
     * @param planned  the epochs its configuration asks for, or -1 if the configuration is unreadable
     * @param code     its provenance, with "STALE" in front if the code that made it differs from the current code
     * @param problems what verification found (empty: the run verifies)
     */
    public record Summary(Path folder, String state, int epochsDone, int planned, String code, long bytes,
                          List<String> problems) {
        public boolean verifies() {
            return problems.isEmpty();
        }
    }

    /** Verifies one run folder; with {@code repair}, also rebuilds what can be rebuilt, as a load would. */
    public static Summary inspect(Path folder, boolean repair) {
        RunFolder run = new RunFolder(folder);
        List<String> problems = new ArrayList<>();
        Experiment e = configuration(folder, problems);
        int planned = e == null ? -1 : e.training().epochs();
        RunLock lock = RunLock.tryAcquire(folder);
        if (lock == null) {
            return new Summary(folder, "in use", -1, planned, "locked by " + RunLock.holder(folder), run.size(), List.of());
        }
        try (lock) {
            StoredRun s = run.open(e == null ? null : e.toJson(), planned, repair && e != null, problems::add);
            String code = codeColumn(e, s, problems);
            return new Summary(folder, s.state(), s.epochsDone(), planned, code, run.size(), problems);
        } catch (StoreException ex) {
            problems.add(ex.getMessage());
            return new Summary(folder, "damaged", -1, planned, "-", run.size(), problems);
        }
    }

    /**
     * A summary's code column: the run's provenance, with "STALE" in front, and the differences added to
     * {@code problems}, when the code that made it differs from the current code ({@code e} null: not compared).
     */
    static String codeColumn(Experiment e, StoredRun s, List<String> problems) {
        if (s.provenance() == null) {
            return "-";
        }
        List<String> differences = e == null ? List.of() : s.provenance().codeDifferences(CodeVersion.of(e));
        if (differences.isEmpty()) {
            return s.provenance().describe();
        }
        problems.add("stale: " + String.join("; ", differences));
        return "STALE " + s.provenance().describe();
    }

    /** The experiment in config.json, checked against the folder's name (its run id); null with a problem if not. */
    static Experiment configuration(Path folder, List<String> problems) {
        Path f = folder.resolve(RunFolder.CONFIG);
        try {
            Experiment e = Experiment.fromJson(Files.readString(f));
            if (!e.runId().equals(folder.getFileName().toString())) {
                problems.add(f + " describes run " + e.runId() + ", not " + folder.getFileName()
                        + " (edited or copied); loading the run's experiment rewrites it");
                return null;
            }
            return e;
        } catch (IOException | RuntimeException ex) {
            problems.add(f + " cannot be read as an experiment (" + ex.getMessage() + "); loading the run's "
                    + "experiment rewrites it");
            return null;
        }
    }
}
