package org.creditlab.results;

import java.nio.file.Path;

/**
 * A stored run that cannot be trusted or cannot be written. The message names the file, says what is wrong with it
 * and what to do; nothing in the run folder has been deleted.
 */
public final class StoreException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final Path file;

    public StoreException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public StoreException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file (or run folder) the problem is in. */
    public Path file() {
        return file;
    }

    /** The command that retrains a run from scratch, for messages. */
    public static String resetCommand(Path runFolder) {
        return "java -jar target/creditlab.jar runs reset " + runFolder;
    }
}
