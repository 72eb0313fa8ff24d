package org.creditlab.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.creditlab.util.Nd4jNatives;
import org.junit.jupiter.api.Test;

/** The local executor's worker threads run OpenMP (oneDNN's convolutions) on one thread each. */
class WorkerThreadsTest {

    @Test
    void aWorkerThreadUsesOneOpenMpThreadWhereTheProcessDefaultIsEveryCore() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        assumeTrue(cores > 1, "needs more than one core to tell one OpenMP thread from the default");
        // The tests run with OMP_NUM_THREADS=1, so the default of a process without it is seen in a child JVM.
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                WorkerThreadProbe.class.getName())).redirectErrorStream(true);
        pb.environment().remove("OMP_NUM_THREADS");
        Process child = pb.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), out);
        assertEquals(0, child.exitValue(), out);
        assertEquals(cores, value(out, "main"), "without OMP_NUM_THREADS a thread's default is one per core: " + out);
        assertEquals(1, value(out, "worker"), out);
    }

    @Test
    void settingTheThreadsOfOneThreadLeavesTheOthersAlone() throws Exception {
        int before = Nd4jNatives.openMpThreadsOfThisThread();
        int[] seen = new int[2];
        Thread t = new Thread(() -> {
            Nd4jNatives.setOpenMpThreadsOfThisThread(3);
            seen[0] = Nd4jNatives.openMpThreadsOfThisThread();
        });
        t.start();
        t.join();
        assertEquals(3, seen[0]);
        assertEquals(before, Nd4jNatives.openMpThreadsOfThisThread());
    }

    private static int value(String out, String key) {
        Matcher m = Pattern.compile("^" + key + "=(\\d+)$", Pattern.MULTILINE).matcher(out);
        assertTrue(m.find(), "no '" + key + "=' in the probe's output: " + out);
        return Integer.parseInt(m.group(1));
    }
}
