package org.creditlab.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.CaseLog;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs record the code that made them; a run made by other code versions is flagged, refused, or never resumed. */
class StaleRunTest {
    @TempDir
    Path tmp;

    private static Experiment tiny() {
        return Experiment.of("stale", DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(300).testLimit(100).download(false).build(),
                MlpSpec.of(784, 8, 10), new BackpropSpec(), OptimizerSpec.sgd(0.05), org.creditlab.train.TrainingOptions.of(2, 50), 3);
    }

    private Runner runner(List<String> notes) {
        return Runner.standard().quiet().store(new RunStore(tmp)).notices(notes::add);
    }

    /** Rewrites the committed status as if an older core version (0) had written it, keeping it sealed. */
    private static void pretendOlderCode(Path folder) throws Exception {
        StatusRewrite.provenance(folder, p -> new Provenance(p.format(), p.core() - 1, p.ruleVersion(), p.rule(), p.project(),
                p.commit(), p.threads(), p.blas(), p.ruleCode()));
    }

    @Test
    void aRunRecordsTheCodeThatMadeIt() {
        RunResult r = runner(new ArrayList<>()).run(tiny());
        assertTrue(r.provenance().threads() > 0);
        assertEquals("bp", r.provenance().rule());
        assertEquals(RunFolder.FORMAT, r.provenance().format());
        assertFalse(r.stale());
    }

    @Test
    void aFinishedStaleRunLoadsWithANoteOrIsRefused() throws Exception {
        RunResult first = runner(new ArrayList<>()).run(tiny());
        pretendOlderCode(first.folder());
        List<String> notes = new ArrayList<>();
        RunResult loaded = runner(notes).run(tiny());
        assertTrue(loaded.loaded() && loaded.stale());
        assertTrue(org.creditlab.experiment.StaleRuns.loaded().containsKey(first.folder()), "the session's log lists it");
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("STALE") && n.contains("core training code version")), notes.toString());
        StoreException refused = assertThrows(StoreException.class, () -> runner(new ArrayList<>()).refuseStale(true).run(tiny()));
        assertTrue(refused.getMessage().contains("runs reset"), refused.getMessage());
        CaseLog.record("stale code", "finished run stored by an older core version", "loaded with a STALE note: " + notes.stream().filter(n -> n.startsWith("STALE")).findFirst().orElseThrow());
        CaseLog.record("stale code", "the same, with refuseStale / --refuse-stale", "refused: " + refused.getMessage());
    }

    @Test
    void aStaleRecordLoadsWithANoteOrIsRefused() throws Exception {
        RunResult first = runner(new ArrayList<>()).run(tiny());
        RecordTier tier = new RecordTier(tmp.resolve("records"));
        org.creditlab.experiment.RecordedRuns.export(first.folder(), tier);
        Path record = tier.folder("stale", tiny().runId());
        pretendOlderCode(record);
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        for (String f : RecordFolder.FILES) {
            files.put(f, org.creditlab.util.Sha256.hex(Files.readString(record.resolve(f))));
        }
        Files.writeString(record.resolve(RecordFolder.MANIFEST), Json.write(RecordManifest.of(tiny().runId(), "stale", files)) + "\n");
        List<String> notes = new ArrayList<>();
        Runner fresh = Runner.standard().quiet().store(new RunStore(tmp.resolve("fresh"), tier)).notices(notes::add);
        RunResult loaded = fresh.run(tiny());
        assertTrue(loaded.recorded() && loaded.stale());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("STALE") && n.contains(record.toString())), notes.toString());
        StoreException refused = assertThrows(StoreException.class, () -> fresh.refuseStale(true).run(tiny()));
        assertTrue(refused.getMessage().contains(record.toString()) && refused.getMessage().contains("CREDITLAB_RECORDS=none"),
                refused.getMessage());
        CaseLog.record("stale code", "run record made by an older core version, with refuseStale", "refused: " + refused.getMessage());
    }

    @Test
    void anInterruptedRunIsNeverResumedUnderOtherCode() throws Exception {
        Runner crashing = runner(new ArrayList<>()).listen(new TrainingListener() {
            @Override
            public void endEpoch(TrainingRun run, EpochRecord r) {
                if (r.get("epoch") == 2) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        });
        assertThrows(IllegalStateException.class, () -> crashing.run(tiny()));
        pretendOlderCode(tmp.resolve("stale").resolve(tiny().runId()));
        StoreException e = assertThrows(StoreException.class, () -> runner(new ArrayList<>()).run(tiny()));
        assertTrue(e.getMessage().contains("mix two versions") && e.getMessage().contains("runs reset"), e.getMessage());
        CaseLog.record("stale code", "interrupted run begun by an older core version", "refused: " + e.getMessage());
    }
}
