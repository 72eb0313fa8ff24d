package org.creditlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.creditlab.benchmark.Architecture;
import org.creditlab.benchmark.BenchmarkPresets;
import org.creditlab.benchmark.BenchmarkScale;
import org.creditlab.benchmark.BenchmarkStudy;
import org.creditlab.benchmark.Entrant;
import org.creditlab.data.DatasetName;
import org.creditlab.notebook.Profile;
import org.creditlab.papers.dfc.DfcStudy;
import org.creditlab.papers.dfc.Method;
import org.creditlab.papers.pepita.PepitaPresets;
import org.creditlab.papers.pepita.PepitaStudy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code environment/paper-scale/resume.sh}, which resumes the paper-scale studies on a machine and commits their
 * records: the experiments it records must be the ones its studies train into, or the record keeper would watch an
 * empty folder while the runs stay uncommitted.
 */
class ResumeScriptTest {
    /** The studies resume.sh runs when none is named, in the order of docs/paper-scale.md. */
    private static final List<String> DEFAULT_QUEUE = List.of("benchmark-mlp", "benchmark-cnn", "dfc-ss", "dfc",
            "pepita-stable-rate", "pepita-scales", "pepita-follow-up-1");

    private static final String SCRIPT = "environment/paper-scale/resume.sh";

    private record Outcome(int status, String output) {}

    private static Outcome run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private static Outcome run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out);
    }

    @Test
    void eachStudyIsRecordedUnderTheExperimentItsRunsTrainInto() throws Exception {
        Outcome listed = run("--list");
        assertEquals(0, listed.status(), listed.output());
        Map<String, String> experiments = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(\\S+) \\((\\S+)\\): ").matcher(listed.output());
        while (m.find()) {
            experiments.put(m.group(1), m.group(2));
        }
        assertEquals(DEFAULT_QUEUE,
                List.copyOf(experiments.keySet()), "the default queue, in the order of docs/paper-scale.md");
        assertEquals(BenchmarkPresets.experimentName(BenchmarkScale.of(Profile.FULL, Architecture.MLP)),
                experiments.get("benchmark-mlp"));
        assertEquals(BenchmarkPresets.experimentName(BenchmarkScale.of(Profile.FULL, Architecture.CNN)),
                experiments.get("benchmark-cnn"));
        for (String row : List.of("dfc-ss", "dfc")) { // the study's name is the Table 1 row RunStudy is given
            assertEquals(DfcStudy.table1Experiment(Profile.FULL, "fmnist", Method.of(row)).name(), experiments.get(row));
        }
        assertEquals(PepitaStudy.of(Profile.FULL).stableRateExperiment(DatasetName.FASHION_MNIST).name(),
                experiments.get("pepita-stable-rate"));
        PepitaStudy pepita = PepitaStudy.of(Profile.FULL);
        assertEquals(PepitaPresets.followUp("pepita-follow-up", pepita.data(DatasetName.FASHION_MNIST), List.of(1024),
                PepitaPresets.FollowUp.PEPITA, pepita.epochs(), 1).name(), experiments.get("pepita-follow-up-1"));
        for (double scale : pepita.projectionScales()) { // the default scale's runs are pepita-stable-rate's
            String name = pepita.scaleExperiment(DatasetName.FASHION_MNIST, scale).name();
            assertEquals(scale == PepitaStudy.DEFAULT_SCALE ? experiments.get("pepita-stable-rate") : experiments.get("pepita-scales"),
                    name, "s = " + scale);
        }
    }

    /** The runs each study counts as its own are as many as the study plans: its progress line must not mislead. */
    @Test
    void eachStudyCountsTheRunsItPlans() throws Exception {
        Outcome listed = run("--list");
        Map<String, Integer> totals = new LinkedHashMap<>();
        // records a study no longer plans (each marked by an OUTSIDE-THE-TABLE file) are named apart, not counted
        Matcher m = Pattern.compile("(?m)^(\\S+) .*; (\\d+) of its (\\d+) runs recorded"
                + "(?: \\(and \\d+ records outside its plan, each saying why in OUTSIDE-THE-TABLE\\))?$").matcher(listed.output());
        while (m.find()) {
            assertTrue(Integer.parseInt(m.group(2)) <= Integer.parseInt(m.group(3)), m.group());
            totals.put(m.group(1), Integer.parseInt(m.group(3)));
        }
        for (Architecture a : Architecture.values()) {
            BenchmarkScale scale = BenchmarkScale.of(Profile.FULL, a);
            long rules = BenchmarkStudy.stored(scale, Entrant.builtIn()).rules().stream()
                    .filter(r -> r.refusal() == null).count(); // the rules with a form of this network
            assertEquals(rules * (scale.trials() + scale.seeds()),
                    (long) totals.get(a == Architecture.MLP ? "benchmark-mlp" : "benchmark-cnn"), a.toString());
        }
        assertEquals(DfcStudy.seeds(Profile.FULL).length, (int) totals.get("dfc-ss"));
        assertEquals(DfcStudy.seeds(Profile.FULL).length, (int) totals.get("dfc"));
        PepitaStudy pepita = PepitaStudy.of(Profile.FULL);
        assertEquals(pepita.seeds().length, (int) totals.get("pepita-stable-rate"));
        assertEquals((pepita.projectionScales().length - 1) * pepita.sweepSeeds().length, (int) totals.get("pepita-scales"));
        // one hidden layer: the variants and BP, and the update modes but the modulated one (the variants' PEPITA)
        int rules = PepitaPresets.FollowUp.values().length + 1 + PepitaPresets.followUpModes().size() - 1;
        assertEquals(rules * pepita.sweepSeeds().length, (int) totals.get("pepita-follow-up-1"));
        assertEquals(DEFAULT_QUEUE,
                List.copyOf(totals.keySet()), listed.output());
    }

    /**
     * Both long-running scripts are read whole before they run (one brace group that ends in exit): bash reads a plain
     * script as it goes, and an in-place edit during an hours-long queue made resume.sh run from the middle of a line
     * on 2026-12-08, after its DFC runs had finished.
     */
    @Test
    void theLongRunningScriptsAreReadWholeBeforeTheyRun() throws Exception {
        for (String script : List.of(SCRIPT, "environment/record-runs.sh")) {
            String text = java.nio.file.Files.readString(Path.of(script));
            int body = text.indexOf("set -euo pipefail\n");
            assertTrue(body > 0, script);
            String rest = text.substring(body + "set -euo pipefail\n".length()).replaceAll("(?m)^#.*\n", "");
            assertTrue(rest.startsWith("{\n") && rest.endsWith("\nexit\n}\n"), script + " is not one brace group ending in exit");
        }
    }

    @Test
    void badArgumentsAreRefusedByName() throws Exception {
        Outcome workers = run("--workers", "two", "--list");
        assertEquals(2, workers.status());
        assertTrue(workers.output().contains("--workers") && workers.output().contains("'two'"), workers.output());

        Outcome study = run("--list", "kunin-zoo");
        assertEquals(2, study.status());
        assertTrue(study.output().contains("unknown study 'kunin-zoo'"), study.output());

        Outcome option = run("--fast");
        assertEquals(2, option.status());
        assertTrue(option.output().contains("'--fast'"), option.output());
    }

    /** Two queues may share a store, but not a study: the second is refused by name before it builds anything. */
    @Test
    void aStudyThatIsTrainingIsRefused(@TempDir Path store) throws Exception {
        Path lock = store.resolve(".resume-dfc-ss.lock");
        Process holder = new ProcessBuilder("bash", "-c", "exec 9>\"$1\"; flock 9; echo held; sleep 60", "_",
                lock.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("held", new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
            // a worktree that cannot be made: were the lock not honoured, the script would stop there, not train
            Outcome second = run(Map.of("CREDITLAB_RESULTS", store.toString(), "CREDITLAB_RUN_TREE",
                    "/proc/creditlab-no-tree"), "dfc-ss");
            assertEquals(1, second.status(), second.output());
            assertTrue(second.output().contains("another resume.sh is training dfc-ss"), second.output());
        } finally {
            holder.destroyForcibly();
        }
    }
}
