package org.creditlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.Parameter;
import org.creditlab.results.RunStore;
import org.creditlab.train.MetricsTable;

/** Shared by the store's tests: runners on a folder, bit-for-bit comparison of runs, copies of run folders. */
final class StoreFixtures {
    private StoreFixtures() {}

    static Runner runner(Path root, List<String> notes) {
        return Runner.standard().quiet().store(new RunStore(root)).notices(notes::add);
    }

    static Runner runner(Path root) {
        return runner(root, new ArrayList<>());
    }

    /** Every column but the wall-clock time, bit for bit. */
    static void assertSameMetrics(MetricsTable a, MetricsTable b) {
        assertEquals(a.epochs(), b.epochs(), "epochs");
        assertEquals(a.columns(), b.columns());
        for (String c : a.columns()) {
            if (!c.equals("seconds")) {
                assertEquals(java.util.Arrays.toString(a.column(c)), java.util.Arrays.toString(b.column(c)), c);
            }
        }
    }

    /** Same metrics and the same weights and buffers, bit for bit. */
    static void assertSameRun(RunResult expected, RunResult actual) {
        assertSameMetrics(expected.metrics(), actual.metrics());
        List<Parameter> pa = expected.network().parameters();
        List<Parameter> pb = actual.network().parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertEquals(pa.get(i).value(), pb.get(i).value(), pa.get(i).name());
        }
        assertEquals(expected.network().buffers(), actual.network().buffers());
    }

    static void copyFolder(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    /** The names in a run folder, sorted (the lock file excluded). */
    static List<String> files(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".lock")).sorted().toList();
        }
    }
}
