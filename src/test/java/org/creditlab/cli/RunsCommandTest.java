package org.creditlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.Runner;
import org.creditlab.results.RunStore;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code creditlab runs}: list, verify (and repair), reset and remove stored runs. */
class RunsCommandTest {
    @TempDir
    Path results;
    private StringWriter out;
    private StringWriter err;
    private Path run;

    private int creditlab(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = CreditLab.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @BeforeEach
    void storeOneRun() throws Exception {
        assertEquals(0, creditlab("train", "--results", results.toString(), "--experiment", "tiny", "--train-limit", "300",
                "--test-limit", "100", "--hidden", "8", "--epochs", "2"), err.toString());
        try (var s = Files.list(results.resolve("tiny"))) {
            run = s.findFirst().orElseThrow();
        }
    }

    @Test
    void listShowsStateEpochsCodeAndSize() {
        assertEquals(0, creditlab("runs", "--results", results.toString(), "list"));
        String line = out.toString().lines().filter(l -> l.startsWith("tiny/")).findFirst().orElseThrow();
        assertTrue(line.contains("complete") && line.contains("2/2") && line.contains("kB") && line.contains("rule bp v1"), line);
    }

    @Test
    void verifyFindsDamageRepairFixesItResetAndRemoveClean() throws Exception {
        assertEquals(0, creditlab("runs", "--results", results.toString(), "verify"), out.toString());
        Files.writeString(run.resolve("metrics.csv"), "epoch\n1\n");
        assertEquals(1, creditlab("runs", "--results", results.toString(), "verify"));
        assertTrue(out.toString().contains("PROBLEM") && out.toString().contains("metrics.csv"), out.toString());
        assertEquals("epoch\n1\n", Files.readString(run.resolve("metrics.csv")), "verify alone changes nothing");
        assertEquals(1, creditlab("runs", "--results", results.toString(), "verify", "--repair", "tiny/" + run.getFileName()));
        assertTrue(out.toString().contains("REPAIRED"), out.toString());
        assertEquals(0, creditlab("runs", "--results", results.toString(), "verify", run.toString()), out.toString());
        org.creditlab.experiment.CaseLog.record("command line", "runs verify on a run whose metrics.csv was overwritten",
                "exit 1, PROBLEM naming metrics.csv; verify --repair restores it from the checkpoint; then exit 0");

        assertEquals(0, creditlab("runs", "--results", results.toString(), "reset", run.toString()));
        assertTrue(Files.exists(run.resolve("config.json")));
        assertFalse(Files.exists(run.resolve("status.json")));
        assertEquals(0, creditlab("runs", "--results", results.toString(), "remove", "tiny/" + run.getFileName()));
        assertFalse(Files.exists(run));
    }

    @Test
    void recordExportsAFinishedRunVerifiesItAndRefusesAnUnfinishedOne(@TempDir Path records) throws Exception {
        String r = "--records=" + records;
        Experiment e = Experiment.fromJson(Files.readString(run.resolve("config.json")));
        Experiment longer = e.toBuilder().training(e.training().toBuilder().epochs(3).build()).build();
        Runner crashing = Runner.standard().quiet().store(new RunStore(results)).listen(new TrainingListener() {
            @Override
            public void endEpoch(TrainingRun t, EpochRecord rec) {
                if (rec.get("epoch") == 2) {
                    throw new IllegalStateException("simulated crash in epoch 2");
                }
            }
        });
        assertThrows(IllegalStateException.class, () -> crashing.run(longer));
        String unfinished = "tiny/" + longer.runId();

        assertEquals(1, creditlab("runs", "--results", results.toString(), r, "record", unfinished), out.toString());
        assertTrue(out.toString().contains("is not finished (1 of 3 epochs done)") && out.toString().contains(longer.runId()),
                out.toString());
        assertFalse(Files.exists(records.resolve("tiny").resolve(longer.runId())));
        org.creditlab.experiment.CaseLog.record("command line", "creditlab runs record <an interrupted run>",
                "exit 1: " + out.toString().lines().findFirst().orElseThrow());

        assertEquals(1, creditlab("runs", "--results", results.toString(), r, "record", "--experiment", "tiny"));
        assertTrue(out.toString().contains("1 run(s) recorded") && out.toString().contains("1 refused"), out.toString());
        Path record = records.resolve("tiny").resolve(run.getFileName());
        try (var files = Files.list(record)) {
            assertEquals(List.of("config.json", "metrics.csv", "record.json", "status.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no checkpoint, no lock");
        }
        assertEquals(0, creditlab("runs", "--results", results.toString(), r, "record", run.toString()), out.toString());
        assertTrue(out.toString().startsWith("unchanged"), out.toString());

        assertEquals(0, creditlab("runs", "--results", results.toString(), r, "list"));
        assertTrue(out.toString().contains("record tiny/" + run.getFileName()) && out.toString().contains("1 record(s)"), out.toString());
        assertEquals(0, creditlab("runs", "--results", results.toString(), r, "verify", "tiny/" + run.getFileName(),
                record.toString()), out.toString());
        assertTrue(out.toString().contains("ok       record " + record), out.toString());
        Files.writeString(record.resolve("metrics.csv"), "epoch\n1\n");
        assertEquals(1, creditlab("runs", "--results", results.toString(), r, "verify"));
        assertTrue(out.toString().contains("PROBLEM  record " + record) && out.toString().contains(record.resolve("metrics.csv").toString()),
                out.toString());
        org.creditlab.experiment.CaseLog.record("command line", "runs verify on a record whose metrics.csv was overwritten",
                "exit 1, PROBLEM naming the record's metrics.csv");

        assertEquals(2, creditlab("runs", "--results", results.toString(), r, "record"));
        assertTrue(err.toString().contains("--experiment NAME"), err.toString());
    }

    @Test
    void resetAndRemoveRefuseRecordsAndFoldersOutsideTheResultsFolder(@TempDir Path records, @TempDir Path elsewhere)
            throws Exception {
        String r = "--records=" + records;
        assertEquals(0, creditlab("runs", "--results", results.toString(), r, "record", run.toString()), out.toString());
        Path record = records.resolve("tiny").resolve(run.getFileName());
        assertEquals(2, creditlab("runs", "--results", results.toString(), r, "reset", record.toString()));
        assertTrue(err.toString().contains("is not a run of the results folder") && err.toString().contains("git"),
                err.toString());
        assertTrue(Files.exists(record.resolve("record.json")) && Files.exists(record.resolve("status.json")));
        assertFalse(Files.exists(record.resolve(".lock")), "no lock left in the tracked records");

        Path foreign = Files.createDirectories(elsewhere.resolve("notes"));
        Files.writeString(foreign.resolve("config.json"), "{}");
        assertEquals(2, creditlab("runs", "--results", results.toString(), "remove", foreign.toString()));
        assertTrue(Files.exists(foreign.resolve("config.json")), "a folder outside results/ is left alone");
        assertTrue(Files.exists(run.resolve("status.json")), "the run itself is untouched");

        assertEquals(2, creditlab("runs", "--results", results.toString(), "--records", elsewhere.resolve("typo").toString(),
                "verify"));
        assertTrue(err.toString().contains("--records") && err.toString().contains("no such folder"), err.toString());
        org.creditlab.experiment.CaseLog.record("command line",
                "runs reset <a record>; runs remove <a folder outside results/ with a config.json>; runs --records <typo> verify",
                "refused, exit 2, nothing deleted: names the folder and says what reset and remove accept");
    }

    @Test
    void anUnknownRunIsNamedWithWhatToGive() {
        assertEquals(2, creditlab("runs", "--results", results.toString(), "reset", "tiny/nope"));
        assertTrue(err.toString().contains("'tiny/nope' is not a stored run") && err.toString().contains("runs list"), err.toString());
        assertEquals(2, creditlab("runs", "--results", results.resolve("missing").toString(), "list"));
        assertTrue(err.toString().contains("no such folder"), err.toString());
        org.creditlab.experiment.CaseLog.record("command line", "creditlab runs reset tiny/nope; runs --results <missing> list",
                "refused, exit 2: names the run or folder and says what to give");
    }

    @Test
    void reproduceTrainsARunAgainAndComparesItBitForBit() throws Exception {
        String name = "tiny/" + run.getFileName();
        assertEquals(0, creditlab("runs", "--results", results.toString(), "reproduce", name), err.toString());
        assertTrue(out.toString().contains("reproduced bit for bit (2 epoch(s)"), out.toString());
        assertEquals(0, creditlab("runs", "--results", results.toString(), "reproduce", "--epochs", "1", run.toString()));
        assertTrue(out.toString().contains("reproduced bit for bit (1 epoch(s)"), out.toString());

        assertEquals(2, creditlab("runs", "--results", results.toString(), "reproduce", "--epochs", "3", name));
        assertTrue(err.toString().contains("--epochs 3") && err.toString().contains("has 2"), err.toString());
        assertEquals(2, creditlab("runs", "--results", results.toString(), "reproduce", "--epochs", "0", name));
        assertTrue(err.toString().contains("--epochs 0"), err.toString());
        Files.writeString(run.resolve("metrics.csv"), "epoch\n1\n");
        assertEquals(2, creditlab("runs", "--results", results.toString(), "reproduce", name));
        assertTrue(err.toString().contains("does not verify") && err.toString().contains("metrics.csv"), err.toString());
        org.creditlab.experiment.CaseLog.record("command line", "runs reproduce on a run whose metrics.csv was overwritten; "
                + "--epochs 0 or more than stored", "exit 2: 'does not verify', naming metrics.csv, nothing trained; the flag "
                + "named with the stored run's epochs");
    }
}
