package org.creditlab.experiment;

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
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.results.Provenance;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training a stored run again and comparing it bit for bit: what agrees, what departs, and how it is told. */
class ReproductionTest {
    private final Experiment tiny = Experiment.of("repro", DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(400)
                    .testLimit(100).download(false).build(), MlpSpec.of(784, 16, 10), new FeedbackAlignmentSpec(),
            OptimizerSpec.sgd(0.05).toBuilder().momentum(0.9).build(), TrainingOptions.of(3, 50), 7)
            .toBuilder().addDiagnostics("update-alignment").build();

    @TempDir
    Path tmp;

    private Path stored(Experiment e) {
        RunResult r = StoreFixtures.runner(tmp).run(e);
        return r.folder();
    }

    @Test
    void aStoredRunReproducesBitForBitDiagnosticsIncluded() {
        Reproduction.Report r = Reproduction.of(stored(tiny), null, Runner.standard().quiet());
        assertTrue(r.identical(), r.describe());
        assertEquals(3, r.epochs());
        assertTrue(r.compared().contains("train_loss") && r.compared().contains("angle_BWt/dense2"), r.compared().toString());
        assertFalse(r.compared().contains("seconds"), "timing is not compared");
        assertTrue(r.onlyStored().isEmpty() && r.onlyNow().isEmpty(), r.describe());
        assertTrue(r.describe().contains("reproduced bit for bit (3 epoch(s)"), r.describe());
    }

    @Test
    void aPrefixIsComparedWithoutTrainingTheRest() {
        Path folder = stored(tiny);
        List<Integer> epochsBegun = new ArrayList<>();
        Runner counting = Runner.standard().quiet().listen(new TrainingListener() {
            @Override
            public void beginEpoch(TrainingRun run, int epoch, int batches) {
                epochsBegun.add(epoch);
            }
        });
        Reproduction.Report r = Reproduction.of(folder, 1, counting);
        assertTrue(r.identical(), r.describe());
        assertEquals(1, r.epochs());
        assertEquals(List.of(0, 1), epochsBegun, "stopped as the second epoch began");
        assertThrows(IllegalArgumentException.class, () -> Reproduction.of(folder, 4, counting));
        assertThrows(IllegalArgumentException.class, () -> Reproduction.of(tmp, null, counting), "not a run folder");
    }

    /** The comparison can fail: another seed's run against the stored one departs at once, and is said to. */
    @Test
    void anotherRunDepartsAndTheReportSaysWhere() throws Exception {
        Reproduction.Stored stored = Reproduction.load(stored(tiny));
        Reproduction.Stored otherSeed = new Reproduction.Stored(stored.folder(), tiny.toBuilder().seed(8).build(),
                stored.metrics(), false, stored.provenance());
        Reproduction.Report r = Reproduction.of(otherSeed, 2, Runner.standard().quiet());
        assertFalse(r.identical());
        Reproduction.Difference first = r.differences().get(0);
        assertEquals(1, first.epoch());
        assertTrue(r.describe().contains("values differ; the first at epoch 1, " + first.column()), r.describe());
        try (var runs = Files.list(tmp.resolve("repro"))) {
            assertEquals(1, runs.count(), "the reproduction stored nothing");
        }
    }

    @Test
    void differencesMissingEpochsAndNaNsAreCounted() {
        List<EpochRecord> a = List.of(new EpochRecord().put("train_loss", 0.5).put("seconds", 1).put("old", 1),
                new EpochRecord().put("train_loss", 0.4).put("seconds", 1).put("old", 1));
        List<EpochRecord> b = List.of(new EpochRecord().put("train_loss", 0.5).put("seconds", 2).put("new", 3),
                new EpochRecord().put("train_loss", Double.NaN).put("seconds", 2).put("new", 3));
        Reproduction.Report r = Reproduction.compare("x/y", a, b, false, false, null, null);
        assertEquals(List.of("train_loss"), r.compared());
        assertEquals(List.of("old"), r.onlyStored());
        assertEquals(List.of("new"), r.onlyNow());
        assertEquals(1, r.differences().size());
        assertEquals(Double.POSITIVE_INFINITY, r.differences().get(0).relative());
        Reproduction.Report shorter = Reproduction.compare("x/y", a, b.subList(0, 1), false, false, null, null);
        assertFalse(shorter.identical(), "a run that stopped early is not called identical");
        assertTrue(shorter.describe().contains("the stored run finished 2 epoch(s), this one finished 1"), shorter.describe());
        assertTrue(Reproduction.compare("x/y", a, a, false, false, null, null).identical());
    }

    @Test
    void theStoredRunsKernelsAreNamedWhenThisMachineChoseOthers() {
        String haswell = "OPENBLAS 0.3.31-1.5.13, core type Haswell (OPENBLAS_CORETYPE), ND4J natives with oneDNN";
        String skylake = "OPENBLAS 0.3.31-1.5.13, core type SkylakeX, ND4J natives with oneDNN";
        assertTrue(Reproduction.coreTypeHint(haswell, skylake).orElseThrow().contains("OPENBLAS_CORETYPE=Haswell"));
        assertTrue(Reproduction.coreTypeHint(skylake, skylake).isEmpty());
        Provenance was = new Provenance(2, 1, 1, "fa", "0.1", "abc", 1, haswell, null);
        Provenance now = new Provenance(2, 1, 1, "fa", "0.1", "def", 1, skylake, null);
        List<EpochRecord> a = List.of(new EpochRecord().put("train_loss", 0.5));
        List<EpochRecord> b = List.of(new EpochRecord().put("train_loss", 0.5000001));
        String text = Reproduction.compare("x/y", a, b, false, false, was, now).describe();
        assertTrue(text.contains("1 of 1 values differ") && text.contains("OPENBLAS_CORETYPE=Haswell"), text);
    }

    @Test
    void aRecordReproducesToo() {
        Path records = tmp.resolve("records");
        RecordedRuns.export(stored(tiny), new org.creditlab.results.RecordTier(records));
        Path record = records.resolve("repro").resolve(tiny.runId());
        Reproduction.Report r = Reproduction.of(record, 2, Runner.standard().quiet());
        assertTrue(r.identical(), r.describe());
        assertEquals(2, r.epochs());
    }

    /** A run that diverged must diverge again, in the same epoch, after the same finished epochs. */
    @Test
    void aDivergedRunIsFollowedIntoItsDivergence() {
        // squared error with a huge learning rate grows the weights geometrically until they overflow (as RunnerTest's)
        Experiment blowsUp = tiny.toBuilder().optimizer(OptimizerSpec.sgd(50).toBuilder().momentum(0.9).build())
                .network(MlpSpec.of(784, 16, 10).toBuilder().loss(org.creditlab.nn.Loss.MEAN_SQUARED_ERROR).build()).build();
        Path folder = stored(blowsUp);
        Reproduction.Stored s = Reproduction.load(folder);
        assertTrue(s.diverged(), "the setting diverges");
        Reproduction.Report r = Reproduction.of(s, null, Runner.standard().quiet());
        assertTrue(r.identical() && r.storedDiverged() && r.nowDiverged(), r.describe());
        assertTrue(r.describe().contains("diverge"), r.describe());
        Reproduction.Report notDiverging = Reproduction.of(new Reproduction.Stored(folder, tiny, s.metrics(), true,
                s.provenance()), null, Runner.standard().quiet());
        assertFalse(notDiverging.identical(), notDiverging.describe());
    }
}
