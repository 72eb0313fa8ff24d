package org.creditlab.util;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Which build of ND4J's native library this process loaded. The pom puts ND4J's oneDNN build beside its host build,
 * and JavaCPP prefers it where it exists (Linux x86-64); elsewhere the host build loads. Layers ask
 * {@link #hasOneDnn()} before using ND4J's oneDNN-backed ops (docs/performance.md).
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

    /**
     * Sets how many threads the OpenMP parallel regions started from the calling thread may use (ND4J's and oneDNN's
     * parallel loops; OpenBLAS has its own setting). OpenMP keeps this per thread: a new thread starts at the default,
     * OMP_NUM_THREADS or one per core.
     */
    public static void setOpenMpThreadsOfThisThread(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("OpenMP threads must be at least 1, got " + threads);
        }
        Nd4j.getBackend();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /** The threads an OpenMP parallel region started from the calling thread would use. */
    public static int openMpThreadsOfThisThread() {
        Nd4j.getBackend();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /** e.g. "ND4J natives with oneDNN" or "ND4J natives, host build". */
    public static String describe() {
        return hasOneDnn() ? "ND4J natives with oneDNN" : "ND4J natives, host build";
    }
}
