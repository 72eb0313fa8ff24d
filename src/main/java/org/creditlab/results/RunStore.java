package org.creditlab.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.creditlab.train.MetricsTable;
import org.creditlab.util.AtomicFiles;
import org.creditlab.util.ProjectPaths;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs on disk under {@code <root>/<experiment>/<run-id>/}: {@code config.json} (the full configuration),
 * {@code metrics.csv} (one row per epoch), {@code checkpoint.bin} (weights, rule and optimizer state) and
 * {@code status.json}. Every file is written atomically; status last, so a crash between writes leaves the previous,
 * consistent epoch as the truth.
 */
public final class RunStore {
    private final Path root;

    public RunStore(Path root) {
        this.root = root;
    }

    /** The project's {@code results/} folder. */
    public static RunStore standard() {
        return new RunStore(ProjectPaths.results());
    }

    public Path root() {
        return root;
    }

    public Path folder(String experiment, String runId) {
        return root.resolve(experiment).resolve(runId);
    }

    public RunStatus status(Path folder) {
        Path f = folder.resolve("status.json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.read(Files.readString(f), RunStatus.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    public void writeConfig(Path folder, String json) {
        AtomicFiles.writeString(folder.resolve("config.json"), json + "\n");
    }

    /** Stores one completed epoch: checkpoint, then metrics, then status. */
    public void writeEpoch(Path folder, MetricsTable metrics, Map<String, INDArray> state) {
        Checkpoint.save(folder.resolve("checkpoint.bin"), state);
        metrics.save(folder.resolve("metrics.csv"));
        writeStatus(folder, new RunStatus(RunStatus.RUNNING, metrics.epochs(), ""));
    }

    public void writeStatus(Path folder, RunStatus status) {
        AtomicFiles.writeString(folder.resolve("status.json"), Json.write(status) + "\n");
    }

    /** The stored metrics, truncated to the epochs the status vouches for. */
    public MetricsTable metrics(Path folder, String name) {
        RunStatus s = status(folder);
        Path csv = folder.resolve("metrics.csv");
        if (s == null || !Files.isRegularFile(csv)) {
            return new MetricsTable(name, java.util.List.of());
        }
        return MetricsTable.load(name, csv).head(s.epochsDone());
    }

    public Map<String, INDArray> checkpoint(Path folder) {
        return Checkpoint.load(folder.resolve("checkpoint.bin"));
    }

    public boolean hasCheckpoint(Path folder) {
        return Files.isRegularFile(folder.resolve("checkpoint.bin"));
    }

    /** Deletes a stored run (to retrain it). */
    public void delete(Path folder) {
        if (!folder.normalize().startsWith(root.normalize())) {
            throw new IllegalArgumentException(folder + " is not inside " + root);
        }
        AtomicFiles.deleteQuietly(folder);
    }

    static void ensure(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
    }
}
