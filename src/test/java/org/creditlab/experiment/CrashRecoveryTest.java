package org.creditlab.experiment;

import static org.creditlab.experiment.StoreFixtures.assertSameRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.creditlab.util.CrashPoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault injection: a child JVM is halted (as by {@code kill -9}) at every write point of a run's commits, chosen by
 * {@link CrashPoints} rather than by timing; the run is then resumed. Each time the result must equal the
 * uninterrupted run's bit for bit, with no leftover files. And two processes that start the same run at once: one
 * trains, the other waits and loads.
 */
class CrashRecoveryTest {
    private static final String EXPERIMENT = "crash";
    private static final String[] STAGES = {"opened", "written", "synced", "renamed"};

    @TempDir
    static Path tmp;
    private static RunResult uninterrupted;

    @BeforeAll
    static void uninterruptedRun() {
        uninterrupted = StoreFixtures.runner(tmp.resolve("reference")).run(TestData.small(EXPERIMENT));
    }

    /** Every stage of every file write of the second epoch's commit, the first config write and the final status. */
    static Stream<String> crashPoints() {
        List<String> points = new ArrayList<>();
        for (String stage : STAGES) {
            points.add("config.json:" + stage + "@1");
            points.add("checkpoint-:" + stage + "@2");
            points.add("metrics.csv:" + stage + "@2");
            points.add("status.json:" + stage + "@2");
            points.add("status.json:" + stage + "@4"); // the status that marks the 3-epoch run complete
        }
        points.add("commit:cleaned@2");
        return points.stream();
    }

    @ParameterizedTest
    @MethodSource("crashPoints")
    void aCrashAtAnyWritePointResumesToTheUninterruptedResult(String point) throws Exception {
        Path root = tmp.resolve(point.replaceAll("[^A-Za-z0-9]", "_"));
        ChildJvm.Outcome crashed = ChildJvm.start(root, EXPERIMENT, point).await();
        assertEquals(CrashPoints.EXIT_CODE, crashed.exitCode(), crashed.output());
        List<String> notes = new ArrayList<>();
        RunResult resumed = StoreFixtures.runner(root, notes).run(TestData.small(EXPERIMENT));
        assertSameRun(uninterrupted, resumed);
        assertEquals(List.of("checkpoint-0003.bin", "config.json", "metrics.csv", "status.json"),
                StoreFixtures.files(resumed.folder()), "leftover or missing files after " + point + "; notes " + notes);
        RunResult loaded = StoreFixtures.runner(root, notes).run(TestData.small(EXPERIMENT));
        assertTrue(loaded.loaded());
        assertSameRun(uninterrupted, loaded);
        CaseLog.record("crash (child JVM halted)", point, "resumed, bit-identical"
                + (notes.isEmpty() ? " (nothing to repair)" : ": " + String.join(" | ", notes)));
    }

    @Test
    void twoProcessesOnOneRunTrainItOnce() throws Exception {
        Path root = tmp.resolve("race");
        ChildJvm a = ChildJvm.start(root, EXPERIMENT, null);
        ChildJvm b = ChildJvm.start(root, EXPERIMENT, null);
        ChildJvm.Outcome oa = a.await();
        ChildJvm.Outcome ob = b.await();
        assertEquals(0, oa.exitCode(), oa.output());
        assertEquals(0, ob.exitCode(), ob.output());
        long trained = Stream.of(oa, ob).filter(o -> o.output().contains("loaded=false epochs=3")).count();
        long loaded = Stream.of(oa, ob).filter(o -> o.output().contains("loaded=true epochs=3")).count();
        assertEquals(1, trained, oa.output() + "\n---\n" + ob.output());
        assertEquals(1, loaded, oa.output() + "\n---\n" + ob.output());
        RunResult stored = StoreFixtures.runner(root).run(TestData.small(EXPERIMENT));
        assertTrue(stored.loaded());
        assertSameRun(uninterrupted, stored);
        CaseLog.record("concurrency", "two processes start one run", "one trained, one waited and loaded; equal to a single run");
    }

    @Test
    void twoThreadsOnOneRunTrainItOnce() throws Exception {
        Path root = tmp.resolve("threads");
        RunResult[] results = new RunResult[2];
        Thread[] threads = new Thread[2];
        for (int i = 0; i < 2; i++) {
            int k = i;
            threads[i] = new Thread(() -> results[k] = StoreFixtures.runner(root).run(TestData.small(EXPERIMENT)));
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(results[0].loaded() != results[1].loaded(), "exactly one thread trains");
        assertSameRun(uninterrupted, results[0]);
        assertSameRun(uninterrupted, results[1]);
        assertFalse(results[0].folder() == null);
        CaseLog.record("concurrency", "two threads start one run", "one trained, one waited and loaded; equal to a single run");
    }
}
