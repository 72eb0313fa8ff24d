package org.creditlab.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.CaseLog;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.results.RunLock;
import org.creditlab.results.RunStore;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on a real SLURM cluster: the single-node cluster of {@code environment/slurm-local.sh}, which CI starts
 * before the tests (and sets CREDITLAB_REQUIRE_SLURM, so that a missing cluster fails instead of skipping).
 */
class SlurmSweepTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsACluster() {
        boolean up = Slurm.available() && clusterAnswers();
        if (!up && Boolean.parseBoolean(System.getenv("CREDITLAB_REQUIRE_SLURM"))) {
            fail("CREDITLAB_REQUIRE_SLURM is set but no SLURM cluster answers: start one with "
                    + "'environment/slurm-local.sh start' and export SLURM_CONF as it says");
        }
        Assumptions.assumeTrue(up, "no SLURM cluster here (environment/slurm-local.sh start runs one)");
    }

    private static boolean clusterAnswers() {
        try {
            Process p = new ProcessBuilder("sinfo", "-h").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<Experiment> experiments(int count, int epochs) {
        Experiment base = Experiment.of("slurm",
                DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(epochs > 2 ? 1000 : 400).testLimit(100).download(false).build(),
                MlpSpec.of(784, 16, 10), new BackpropSpec(), OptimizerSpec.sgd(0.05), TrainingOptions.of(epochs, 50), 1);
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> (i % 2 == 0 ? base : base.toBuilder().rule(new FeedbackAlignmentSpec()).build()).withSeed(1 + i / 2)).toList();
    }

    private Runner runner(String store) {
        return Runner.standard().quiet().store(new RunStore(tmp.resolve(store)));
    }

    private static SlurmExecutor executor(int retries, ByteArrayOutputStream out) {
        return new SlurmExecutor(SlurmConfig.defaults().toBuilder().retries(retries).poll(1).build()
                .with(Map.of("memory", "2G", "time", "0:20:00"), "the test"), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void aJobArrayOfFourRunsStoresExactlyWhatASerialRunStores() throws Exception {
        List<Experiment> es = experiments(4, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RunResult> cluster = executor(0, out).runAll(es, runner("cluster"));
        List<RunResult> serial = new SerialExecutor().runAll(es, runner("serial"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("submitted 4 runs as job array"), text);
        for (int i = 0; i < es.size(); i++) {
            assertTrue(cluster.get(i).loaded(), "run " + i + " came from the cluster: " + text);
            assertEquals(ProcessExecutorTest.metricsWithoutTimes(serial.get(i)), ProcessExecutorTest.metricsWithoutTimes(cluster.get(i)),
                    "run " + i);
        }
        SweepFolder sweep = SweepFolder.open(cluster.get(0).folder().getParent().getParent()
                .resolve(SweepFolder.SWEEPS).resolve(new SweepPlanView(es, tmp.resolve("cluster")).id()).resolve("manifest.json"));
        assertEquals("4 runs: 4 done, 0 diverged, 0 running, 0 queued, 0 failed, 0 missing", SweepStatus.of(sweep).summary());
        assertEquals(4, Files.list(sweep.logs()).count(), "one log per task");
    }

    @Test
    void aKilledTaskIsSubmittedAgainAndWithoutRetriesItsRunIsReportedMissing() throws Exception {
        List<Experiment> es = experiments(2, 20);
        // With one retry: task 0 is killed while it trains, submitted again, and its run completes.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<String> killed = CompletableFuture.supplyAsync(() -> killWhileTraining(es.get(0), tmp.resolve("retried")));
        List<RunResult> retried = executor(1, out).runAll(es, runner("retried"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(killed.get().startsWith("killed"), killed.get());
        assertTrue(text.contains("resubmitted 1 runs whose task ended unfinished (#0)"), text);
        assertTrue(retried.stream().allMatch(RunResult::hasResult), text);
        CaseLog.record("sweeps", "a SLURM array task cancelled while it trains (1 retry)", "submitted again; the run completed");

        // Without retries: the killed run comes back missing, with its log; the other run is complete.
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        List<Experiment> others = experiments(2, 20).stream().map(e -> e.withName("slurm-no-retry")).toList();
        CompletableFuture<String> killed2 = CompletableFuture.supplyAsync(() -> killWhileTraining(others.get(0), tmp.resolve("missing")));
        List<RunResult> partial = executor(0, out2).runAll(others, runner("missing"));
        String text2 = out2.toString(StandardCharsets.UTF_8);
        assertTrue(killed2.get().startsWith("killed"), killed2.get());
        assertTrue(partial.get(0).missing(), text2);
        assertTrue(partial.get(0).message().contains("Last log: ") && partial.get(0).message().contains(".log"), partial.get(0).message());
        assertTrue(text2.contains("GAVE UP"), text2);
        assertTrue(partial.get(1).hasResult(), text2);
        assertFalse(partial.get(1).missing());
        CaseLog.record("sweeps", "a SLURM array task cancelled while it trains (no retry)", "returned as missing: "
                + partial.get(0).message());
    }

    /** Waits until {@code e}'s run holds its lock in a cluster task, then cancels that task. */
    private static String killWhileTraining(Experiment e, Path store) {
        Path folder = store.resolve(e.name()).resolve(e.runId());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        try {
            while (Instant.now().isBefore(deadline)) {
                if (Files.isDirectory(folder) && RunLock.isHeld(folder)) {
                    Process squeue = new ProcessBuilder("squeue", "--noheader", "--array", "--format=%F_%K|%j").start();
                    String lines = new String(squeue.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    squeue.waitFor();
                    for (String line : lines.split("\n")) {
                        if (line.contains("_0|creditlab-")) {
                            String task = line.split("\\|")[0].strip();
                            new ProcessBuilder("scancel", task).inheritIO().start().waitFor();
                            return "killed " + task;
                        }
                    }
                }
                Thread.sleep(200);
            }
            return "timed out waiting for " + folder + " to train";
        } catch (Exception x) {
            return "failed: " + x;
        }
    }

    /** The id of the sweep that the executor writes for these experiments. */
    private record SweepPlanView(List<Experiment> experiments, Path store) {
        String id() {
            return Manifest.of(Path.of("."), store, experiments).id();
        }
    }
}
