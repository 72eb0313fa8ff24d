package org.creditlab.util;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's folders are: {@code data/}, {@code results/}, {@code figures/}. The root is the environment
 * variable CREDITLAB_HOME (or system property creditlab.home) if set, otherwise the nearest folder at or above the
 * working directory that holds both {@code pom.xml} and {@code notebooks/}, otherwise the working directory. So
 * notebooks, which run inside {@code notebooks/}, and the command line, run from the root, see the same folders.
 */
public final class ProjectPaths {
    /** The system property that names the project root. */
    public static final String HOME_PROPERTY = "creditlab.home";

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

    public static Path figures() {
        return root().resolve("figures");
    }
}
