package org.creditlab.util;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a timing was measured on, for the record beside it: the CPU's model, its cores, and the load at the time. */
public final class MachineInfo {
    private MachineInfo() {}

    /** e.g. "AMD EPYC 9B45", from /proc/cpuinfo's first "model name"; the JVM's os.arch where that file is absent. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | SecurityException e) {
            // not Linux: the architecture is what can be said
        }
        return System.getProperty("os.arch");
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The system's load average over the last minute, e.g. "1.07", or "unknown" where the OS does not report it. */
    public static String loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
    }
}
