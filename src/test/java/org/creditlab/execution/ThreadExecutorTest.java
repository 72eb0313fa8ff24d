package org.creditlab.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.results.RunStore;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on threads of this process give the runs a serial execution gives, bit for bit, and never drop a failed one. */
class ThreadExecutorTest {
    @TempDir
    Path tmp;

    private static final DataSpec DATA =
            DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(400).testLimit(100).download(false).build();

    private static List<Experiment> experiments() {
        Experiment base = Experiment.of("threads", DATA, MlpSpec.of(784, 16, 10), new BackpropSpec(),
                OptimizerSpec.sgd(0.05), TrainingOptions.of(2, 50), 1);
        List<Experiment> out = new ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            out.add(base.withSeed(seed));
            out.add(base.toBuilder().rule(new FeedbackAlignmentSpec()).seed(seed)
                    .addDiagnostics(Diagnostics.spec(Diagnostics.UPDATE_ALIGNMENT, 64)).build());
        }
        out.add(out.get(0)); // listed twice: trains once
        return out;
    }

    private Runner runner(String store) {
        return Runner.standard().quiet().store(new RunStore(tmp.resolve(store)));
    }

    private static PrintStream into(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    @Test
    void twoThreadsGiveExactlyWhatASerialRunGives() throws Exception {
        List<Experiment> es = experiments();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<RunResult> parallel = new ThreadExecutor(2, 0, into(progress)).runAll(es, runner("parallel"));
        List<RunResult> serial = new SerialExecutor().runAll(es, runner("serial"));
        assertEquals(es.size(), parallel.size());
        for (int i = 0; i < es.size(); i++) {
            RunResult p = parallel.get(i);
            assertEquals(es.get(i).runId(), p.experiment().runId(), "results come back in the caller's order");
            assertTrue(p.hasResult(), "run " + i + ": " + p.message());
            assertEquals(ProcessExecutorTest.metricsWithoutTimes(serial.get(i)), ProcessExecutorTest.metricsWithoutTimes(p),
                    "stored metrics of run " + i);
            assertArrayEquals(serial.get(i).metrics().column("test_accuracy"), p.metrics().column("test_accuracy"),
                    "returned metrics of run " + i);
        }
        assertFalse(parallel.get(0).loaded(), "the first copy trained");
        assertTrue(parallel.get(4).loaded(), "the second copy of a run is loaded, not trained again");
        assertTrue(parallel.get(1).metrics().columns().contains("angle_bp/network"), "diagnostics recorded");
        String text = progress.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("4 runs on 2 local workers in this process"), text);
        assertTrue(text.contains("4/4 done"), text);
        assertTrue(text.contains("4 trained, 0 failed"), text);
        // the estimate is the epoch tally's (its runs' own epochs timed), never the count of runs
        assertFalse(text.contains("once a run has trained"), text);

        // the same sweep again: every run comes from the store, and the progress says so and promises no end time
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new ThreadExecutor(2, 0, into(again)).runAll(es, runner("parallel"));
        String second = again.toString(StandardCharsets.UTF_8);
        assertTrue(second.contains("0 trained, 4 loaded from the store"), second);
        assertTrue(second.contains("(stored)") && !second.contains("about"), second);
    }

    @Test
    void progressNamesEachRunAsTheRunnerRunsIt() {
        Runner diagnosed = runner("diagnosed").diagnose(Diagnostics.spec(Diagnostics.UPDATE_ALIGNMENT, 64));
        Experiment e = experiments().get(0);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        new ThreadExecutor(2, 0, into(progress)).runAll(List.of(e, e.withSeed(2)), diagnosed); // two: side by side
        String id = diagnosed.prepare(e).runId();
        assertNotEquals(e.runId(), id, "the runner's diagnostics are part of the run id");
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains(id), progress.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isDirectory(diagnosed.store().folder(e.name(), id)), "the folder the progress names");
    }

    @Test
    void aRunThatFailsEveryTimeIsRetriedThenMissingAndTheOthersComplete() {
        List<Experiment> es = new ArrayList<>(experiments().subList(0, 2));
        es.add(es.get(0).toBuilder().name("absent")
                .data(DATA.toBuilder().path(tmp.resolve("no-such-folder").toString()).build()).build());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<RunResult> results = new ThreadExecutor(2, 1, into(progress)).runAll(es, runner("failing"));
        String text = progress.toString(StandardCharsets.UTF_8);
        assertEquals(3, results.size(), "no run is dropped");
        assertTrue(results.get(0).hasResult() && results.get(1).hasResult(), "the other runs complete");
        RunResult missing = results.get(2);
        assertTrue(missing.missing(), "failed both attempts: " + missing.message());
        assertTrue(missing.message().contains("failed 2 time(s)") && missing.message().contains("no-such-folder"),
                "the message says what happened: " + missing.message());
        assertTrue(text.contains("(attempt 1 of 2)") && text.contains("retrying") && text.contains("GAVE UP"), text);
        assertTrue(text.contains("2/3 done") && text.contains("1 failed"), text);
    }

    @Test
    void aRunnerWithListenersTrainsOneRunAtATimeAndSaysSo() {
        List<Experiment> es = experiments().subList(0, 2);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<RunResult> results = new ThreadExecutor(2, 0, into(progress))
                .runAll(es, runner("listened").listen(new TrainingListener() {}));
        assertTrue(results.stream().allMatch(RunResult::hasResult));
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("train one after another"),
                progress.toString(StandardCharsets.UTF_8));
    }
}
