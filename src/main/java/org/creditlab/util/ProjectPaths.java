package org.creditlab.util;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's folders are: {@code data/}, {@code results/}, {@code records/}, {@code figures/}. The root is the environment
 * variable CREDITLAB_HOME (or system property creditlab.home) if set, otherwise the nearest folder at or above the
 * working directory that holds both {@code pom.xml} and {@code notebooks/}, otherwise the working directory. So
 * notebooks, which run inside {@code notebooks/}, and the command line, run from the root, see the same folders.
 */
public final class ProjectPaths {
    /** The system property that names the project root. */
    public static final String HOME_PROPERTY = "creditlab.home";
    /** The system property (environment variable CREDITLAB_RECORDS) that moves the records tier, or "none" to turn it off. */
    public static final String RECORDS_PROPERTY = "creditlab.records";

    private ProjectPaths() {}

    public static Path root() {
        String configured = System.getProperty(HOME_PROPERTY, System.getenv("CREDITLAB_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("notebooks"))) {
                return p;
            }
        }
        return cwd;
    }

    public static Path data() {
        return root().resolve("data");
    }

    /** {@code results/} under the root, or the folder named by CREDITLAB_RESULTS (benchmarks from an empty store). */
    public static Path results() {
        String configured = System.getenv("CREDITLAB_RESULTS");
        return configured != null && !configured.isBlank() ? Path.of(configured).toAbsolutePath().normalize()
                : root().resolve("results");
    }

    /**
     * The tracked records tier ({@code results.RecordTier}): {@code records/} in the root, or the folder named by the
     * system property creditlab.records or the environment variable CREDITLAB_RECORDS; null if that says "none".
     */
    public static Path records() {
        String configured = System.getProperty(RECORDS_PROPERTY, System.getenv("CREDITLAB_RECORDS"));
        if (configured == null || configured.isBlank()) {
            return root().resolve("records");
        }
        return configured.trim().equalsIgnoreCase("none") ? null : Path.of(configured.trim()).toAbsolutePath().normalize();
    }

    public static Path figures() {
        return root().resolve("figures");
    }
}
