package org.creditlab.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one line per hostile case (group, case, outcome) to {@code target/hostile-cases.tsv}, so that the table of
 * cases tried and their outcomes comes from the test run itself.
 */
public final class CaseLog {
    private static final Path FILE = Path.of("target", "hostile-cases.tsv");
    private static boolean started;

    private CaseLog() {}

    public static synchronized void record(String group, String name, String outcome) {
        try {
            Files.createDirectories(FILE.getParent());
            if (!started) {
                Files.deleteIfExists(FILE); // one test run's cases, not every run's
                started = true;
            }
            Files.writeString(FILE, group + "\t" + name + "\t" + outcome.replaceAll("\\s+", " ") + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot record a case in " + FILE.toAbsolutePath(), e);
        }
    }
}
