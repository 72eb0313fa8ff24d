package org.creditlab.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The stale runs this JVM has loaded (stored by other code versions, see {@link CodeVersion}), so that a notebook's
 * tables can say that numbers in them may not come from the current code. A log of the session, nothing more.
 */
public final class StaleRuns {
    private static final Map<Path, String> LOADED = new ConcurrentSkipListMap<>();

    private StaleRuns() {}

    static void loaded(Path folder, List<String> differences) {
        LOADED.put(folder, String.join("; ", differences));
    }

    /** Each stale run loaded so far, with what differs. */
    public static Map<Path, String> loaded() {
        return Map.copyOf(LOADED);
    }
}
