package org.creditlab.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.experiment.CaseLog;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.results.RunFolder;
import org.creditlab.results.RunStore;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.train.TrainingOptions;
import org.creditlab.util.CrashPoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker processes give the runs a serial execution gives, bit for bit, and never drop a run that failed. */
class ProcessExecutorTest {
    @TempDir
    Path tmp;

    private static List<Experiment> experiments(int epochs) {
        Experiment base = Experiment.of("workers",
                DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(400).testLimit(100).download(false).build(),
                MlpSpec.of(784, 16, 10), new BackpropSpec(), OptimizerSpec.sgd(0.05), TrainingOptions.of(epochs, 50), 1);
        List<Experiment> out = new ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            out.add(base.withSeed(seed));
            out.add(base.toBuilder().rule(new FeedbackAlignmentSpec()).seed(seed).addDiagnostics(Diagnostics.spec(Diagnostics.UPDATE_ALIGNMENT, 64)).build());
        }
        return out;
    }

    private Runner runner(String store) {
        return Runner.standard().quiet().store(new RunStore(tmp.resolve(store)));
    }

    /** The stored metrics.csv, every column but the epochs' wall times, which no two runs share. */
    static String metricsWithoutTimes(RunResult r) throws java.io.IOException {
        List<String> lines = Files.readAllLines(r.folder().resolve(RunFolder.METRICS));
        int seconds = List.of(lines.get(0).split(",")).indexOf("seconds");
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(seconds);
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    @Test
    void twoWorkersStoreExactlyWhatASerialRunStores() throws Exception {
        List<Experiment> es = experiments(2);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<RunResult> parallel = new ProcessExecutor(2, 0, new PrintStream(progress, true, StandardCharsets.UTF_8)).runAll(es, runner("parallel"));
        List<RunResult> serial = new SerialExecutor().runAll(es, runner("serial"));
        assertEquals(es.size(), parallel.size());
        for (int i = 0; i < es.size(); i++) {
            RunResult p = parallel.get(i);
            assertTrue(p.loaded(), "run " + i + " was trained by a worker and loaded here");
            assertEquals(es.get(i).runId(), p.experiment().runId(), "results come back in the caller's order");
            assertEquals(metricsWithoutTimes(serial.get(i)), metricsWithoutTimes(p), "metrics of run " + i);
        }
        assertTrue(parallel.get(1).metrics().columns().contains("angle_bp/network"), "the diagnostics were recorded by the worker");
        String text = progress.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("4 to train on 2 worker processes"), text);
        assertTrue(text.contains("4/4 done"), text);

        // Asked again, everything is stored: nothing is trained, and no worker starts.
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        List<RunResult> loaded = new ProcessExecutor(2, 0, new PrintStream(again, true, StandardCharsets.UTF_8)).runAll(es, runner("parallel"));
        assertTrue(loaded.stream().allMatch(RunResult::loaded));
        assertFalse(again.toString(StandardCharsets.UTF_8).contains("to train"), again.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWorkerThatDiesEveryTimeLeavesAMissingRunWithItsLogAndTheOthersComplete() throws Exception {
        List<Experiment> es = experiments(2).subList(0, 2);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        // Every worker halts while committing its second epoch, however often it is retried.
        ProcessExecutor executor = new ProcessExecutor(2, 1, new PrintStream(progress, true, StandardCharsets.UTF_8),
                List.of("-Dcreditlab.crash-at=checkpoint-0002:written@1"));
        List<RunResult> results = executor.runAll(es, runner("crash"));
        String text = progress.toString(StandardCharsets.UTF_8);
        assertEquals(2, results.size(), "no run is dropped");
        for (RunResult r : results) {
            assertTrue(r.missing(), "every attempt crashed: " + r.message());
            assertTrue(r.message().contains(".log"), "the message names the log: " + r.message());
            assertFalse(r.hasResult());
            assertEquals(1, new RunFolder(r.folder()).peek().epochsDone(), "the committed first epoch is kept");
        }
        assertTrue(text.contains("exit " + CrashPoints.EXIT_CODE + ", attempt 1 of 2); retrying"), text);
        assertTrue(text.contains("GAVE UP"), text);
        CaseLog.record("sweeps", "a local worker JVM dies in every attempt", "retried once, then returned as missing with its log; "
                + "committed epochs kept, and the next sweep resumes them bit for bit: " + results.get(0).message());
        Path log = Path.of(results.get(0).message().replaceAll(".*Log: (\\S+\\.log).*", "$1"));
        assertTrue(Files.readString(log).contains("[crash-at]"), "the log holds the worker's output");

        // Without the crash, the same sweep resumes the kept epochs and completes.
        List<RunResult> resumed = new ProcessExecutor(2, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .runAll(es, runner("crash"));
        assertTrue(resumed.stream().allMatch(RunResult::hasResult));
        assertEquals(metricsWithoutTimes(new SerialExecutor().runAll(es, runner("clean")).get(0)), metricsWithoutTimes(resumed.get(0)),
                "resumed in a worker = uninterrupted");
    }

    @Test
    void runsWithListenersOfThisProcessTrainHereAndSaySo() {
        List<Experiment> es = experiments(1).subList(0, 2);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Runner withListener = runner("listened").listen(new org.creditlab.train.TrainingListener() {});
        List<RunResult> results = new ProcessExecutor(2, 0, new PrintStream(progress, true, StandardCharsets.UTF_8)).runAll(es, withListener);
        assertTrue(results.stream().noneMatch(RunResult::loaded), "trained in this process");
        assertNotNull(results.get(1).folder());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("train in this process"), progress.toString(StandardCharsets.UTF_8));
    }
}
