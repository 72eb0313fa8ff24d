package org.creditlab.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.creditlab.util.AtomicFiles;
import org.creditlab.util.IoMessages;
import org.creditlab.util.ProjectPaths;

/**
 * Runs on disk under {@code <root>/<experiment>/<run-id>/}, each a {@link RunFolder}: {@code config.json} (the full
 * configuration), {@code metrics.csv} (one row per epoch), {@code checkpoint-NNNN.bin} (weights, rule and optimizer
 * state of the last committed epoch) and {@code status.json} (the commit record), guarded by a {@link RunLock}.
 * Beneath it, a store may read a {@link RecordTier}: finished runs kept without checkpoints, never written here.
 */
public final class RunStore {
    private final Path root;
    private final RecordTier records;

    /** A store of {@code root} alone, without a records tier. */
    public RunStore(Path root) {
        this(root, null);
    }

    public RunStore(Path root, RecordTier records) {
        this.root = root;
        this.records = records;
    }

    /** The project's {@code results/} folder, over the project's records tier ({@link RecordTier#standard()}). */
    public static RunStore standard() {
        return new RunStore(ProjectPaths.results(), RecordTier.standard());
    }

    public Path root() {
        return root;
    }

    /** The records tier read beneath this store, or null if none. */
    public RecordTier records() {
        return records;
    }

    public Path folder(String experiment, String runId) {
        return root.resolve(experiment).resolve(runId);
    }

    /** Every run folder, sorted: the folders two levels down that hold a configuration or a status. */
    public List<Path> runFolders() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (var experiments = Files.list(root)) {
            for (Path e : experiments.filter(Files::isDirectory).sorted().toList()) {
                try (var runs = Files.list(e)) {
                    runs.filter(r -> Files.exists(r.resolve(RunFolder.CONFIG)) || Files.exists(r.resolve(RunFolder.STATUS)))
                            .sorted().forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new StoreException(root, "cannot list the results folder " + IoMessages.describe(root, e));
        }
        return out;
    }

    /** Deletes a stored run, folder and all. */
    public void delete(Path folder) {
        if (!folder.toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(folder + " is not inside the results folder " + root);
        }
        AtomicFiles.deleteQuietly(folder);
    }

    static void ensure(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StoreException(folder, "cannot create the run folder " + IoMessages.describe(folder, e)
                    + "; choose a writable results folder (--results, or CREDITLAB_HOME)", e);
        }
    }
}
