package org.creditlab.util;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Which build of ND4J's native library this process loaded. The pom puts ND4J's oneDNN build beside its host build,
 * and JavaCPP prefers it where it exists (Linux x86-64); elsewhere the host build loads. Layers ask
 * {@link #hasOneDnn()} before using ND4J's oneDNN-backed ops (README, "Performance").
 */
public final class Nd4jNatives {
    private static volatile Boolean oneDnn;

    private Nd4jNatives() {}

    /** Whether the loaded library was built with oneDNN and may use it (ND4J's platform helpers are allowed). */
    public static boolean hasOneDnn() {
        Boolean b = oneDnn;
        if (b == null) {
            Nd4j.getBackend(); // loads the natives first
            b = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
            oneDnn = b;
        }
        return b && Nd4j.getEnvironment().helpersAllowed();
    }

    /** e.g. "ND4J natives with oneDNN" or "ND4J natives, host build". */
    public static String describe() {
        return hasOneDnn() ? "ND4J natives with oneDNN" : "ND4J natives, host build";
    }
}
