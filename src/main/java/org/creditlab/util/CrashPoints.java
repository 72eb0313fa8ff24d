package org.creditlab.util;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test hook that halts the JVM at a named point of a file write, so that a test can crash a run at every step of an
 * epoch's commit without relying on timing. Off unless the system property {@code creditlab.crash-at} is set, as
 * {@code <file-prefix>:<stage>@<occurrence>}: e.g. {@code status.json:renamed@2} halts right after the second
 * rename of {@code status.json} into place. {@link Runtime#halt} skips shutdown hooks and finally blocks, as a
 * {@code kill -9} would.
 */
public final class CrashPoints {
    /** The exit code of a halt at a crash point. */
    public static final int EXIT_CODE = 86;

    private static final String SPEC = System.getProperty("creditlab.crash-at");
    private static final ConcurrentHashMap<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    private CrashPoints() {}

    /** Called by writers at each stage; halts if {@code file} and {@code stage} match the configured point. */
    public static void reach(String file, String stage) {
        if (SPEC == null) {
            return;
        }
        int at = SPEC.lastIndexOf('@');
        int colon = SPEC.lastIndexOf(':', at < 0 ? SPEC.length() : at);
        String prefix = SPEC.substring(0, colon);
        String wanted = SPEC.substring(colon + 1, at < 0 ? SPEC.length() : at);
        int occurrence = at < 0 ? 1 : Integer.parseInt(SPEC.substring(at + 1));
        if (file.startsWith(prefix) && stage.equals(wanted)
                && SEEN.computeIfAbsent(SPEC, k -> new AtomicInteger()).incrementAndGet() == occurrence) {
            System.err.println("[crash-at] halting at " + file + ":" + stage + " (occurrence " + occurrence + ")");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
