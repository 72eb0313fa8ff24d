package org.creditlab.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.creditlab.util.IoMessages;
import org.creditlab.util.ProjectPaths;

/**
 * The records tier: {@code <root>/<experiment>/<run-id>/}, one {@link RecordFolder} per finished run that was exported
 * with {@code runs record}. It is tracked in git and read-only to training: a {@link RunStore} reads it beneath its
 * own folder, and nothing but the export writes it.
 */
public final class RecordTier {
    private final Path root;

    public RecordTier(Path root) {
        this.root = root;
    }

    /** The project's records tier ({@link ProjectPaths#records()}), or null if it is turned off. */
    public static RecordTier standard() {
        Path p = ProjectPaths.records();
        return p == null ? null : new RecordTier(p);
    }

    public Path root() {
        return root;
    }

    public Path folder(String experiment, String runId) {
        return root.resolve(experiment).resolve(runId);
    }

    /** Every record folder, sorted: the folders two levels down that hold any file of a record. */
    public List<Path> recordFolders() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (var experiments = Files.list(root)) {
            for (Path e : experiments.filter(Files::isDirectory).sorted().toList()) {
                try (var records = Files.list(e)) {
                    records.filter(r -> Files.exists(r.resolve(RecordFolder.MANIFEST))
                                    || RecordFolder.FILES.stream().anyMatch(f -> Files.exists(r.resolve(f))))
                            .sorted().forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new StoreException(root, "cannot list the records folder " + IoMessages.describe(root, e));
        }
        return out;
    }
}
