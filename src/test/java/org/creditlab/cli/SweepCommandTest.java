package org.creditlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.execution.Manifest;
import org.creditlab.execution.SweepFolder;
import org.creditlab.experiment.CaseLog;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `creditlab run` trains one entry of a manifest; `creditlab sweep status` shows where each run stands. */
class SweepCommandTest {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    /** Runs a command; what it prints, to its writer or to System.out, is collected in {@link #out}. */
    private int run(String... args) {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = CreditLab.commandLine();
            cl.setErr(new PrintWriter(err));
            return cl.execute(args);
        } finally {
            System.setOut(stdout);
        }
    }

    private SweepFolder sweep() {
        Experiment e = Experiment.of("cli-sweep", DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(200).testLimit(50)
                .download(false).build(), MlpSpec.of(784, 8, 10), new BackpropSpec(), OptimizerSpec.sgd(0.05), TrainingOptions.of(1, 50), 1);
        return SweepFolder.create(Manifest.of(tmp, tmp.resolve("results"), List.of(e, e.withSeed(2))));
    }

    @Test
    void runTrainsOneEntryAndStatusShowsItDoneAndTheOtherMissing() {
        SweepFolder s = sweep();
        assertEquals(0, run("run", s.manifestFile().toString(), "--index", "1"), err::toString);
        assertEquals(0, run("sweep", "status", s.manifestFile().toString()), err::toString);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("#0    missing      0/1    epochs  cli-sweep/"), text);
        assertTrue(text.contains("#1    done         1/1    epochs  cli-sweep/"), text);
        assertTrue(text.contains("2 runs: 1 done, 0 diverged, 0 running, 0 queued, 0 failed, 1 missing"), text);
        assertEquals(0, run("sweep", "status", "--results", tmp.resolve("results").toString()), err::toString);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(s.manifestFile() + ": 2 runs: 1 done"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anIndexOutsideTheManifestIsRefusedWithTheRange() {
        SweepFolder s = sweep();
        assertEquals(2, run("run", s.manifestFile().toString(), "--index", "2"));
        assertTrue(err.toString().contains("--index 2 is outside the manifest's 2 runs (0 to 1)"), err.toString());
        CaseLog.record("sweeps", "run --index outside the manifest", "refused, exit 2: " + err.toString().strip());
    }

    @Test
    void aTruncatedManifestIsNamedAndNothingRuns() throws Exception {
        SweepFolder s = sweep();
        String text = Files.readString(s.manifestFile());
        Files.writeString(s.manifestFile(), text.substring(0, text.length() / 2));
        assertEquals(2, run("run", s.manifestFile().toString(), "--index", "0"));
        assertTrue(err.toString().contains(s.manifestFile() + " is not a readable sweep manifest"), err.toString());
        assertTrue(err.toString().contains("truncated"), err.toString());
        CaseLog.record("sweeps", "truncated manifest.json", "refused, exit 2, nothing run: " + err.toString().strip());
        assertEquals(2, run("sweep", "status", tmp.resolve("nothing.json").toString()));
        assertTrue(err.toString().contains("no sweep manifest at " + tmp.resolve("nothing.json")), err.toString());
    }

    @Test
    void aMistypedResultsFolderAndRetriesWithoutWaitAreRefused() {
        SweepFolder s = sweep();
        assertEquals(2, run("sweep", "status", "--results", tmp.resolve("typo").toString()));
        assertTrue(err.toString().contains("--results " + tmp.resolve("typo") + ": no such folder"), err.toString());
        assertEquals(2, run("sweep", "submit", s.manifestFile().toString(), "--retries", "3"));
        assertTrue(err.toString().contains("--retries") && err.toString().contains("only with --wait"), err.toString());
        CaseLog.record("sweeps", "sweep status --results <typo>; sweep submit --retries 3 without --wait",
                "refused, exit 2, naming the flag (they used to print 'no sweeps' and be ignored)");
    }
}
