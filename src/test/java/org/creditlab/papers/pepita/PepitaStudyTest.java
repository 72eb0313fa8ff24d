package org.creditlab.papers.pepita;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.notebook.Profile;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.pepita.PepitaSpec;
import org.creditlab.rules.pepita.UpdateMode;
import org.creditlab.sweep.SeedRuns;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The notebook's comparison of the follow-up's update modes, at a tiny scale on the real Fashion-MNIST. */
class PepitaStudyTest {

    @Test
    void theModeComparisonRunsEveryModeAndBpOnTheFollowUpPresets() {
        DataSpec data = PepitaPresets.data(DatasetName.FASHION_MNIST, 300, 100).toBuilder().download(false).build();
        Map<String, Map<Integer, SeedRuns>> runs = PepitaStudy.modes(data, 16, 2, 1, new long[] {1},
                Runner.standard().quiet().noStore());
        assertEquals(List.of("PEPITA (modulated)", "forward", "Hebbian (mixed)", "time-local (mixed_tl)", "BP"),
                List.copyOf(runs.keySet()));
        Map<String, UpdateMode> modes = PepitaPresets.followUpModes();
        runs.forEach((label, byDepth) -> {
            assertEquals(List.of(1, 2), List.copyOf(byDepth.keySet()), label);
            byDepth.forEach((depth, seeds) -> {
                RunResult r = seeds.runs().get(0);
                Experiment e = r.experiment();
                assertEquals(label.equals("BP") ? new BackpropSpec() : PepitaSpec.followUp().toBuilder().mode(modes.get(label)).build(),
                        e.rule(), label);
                assertEquals(PepitaPresets.followUp("pepita-follow-up", data, java.util.Collections.nCopies(depth, 16),
                        PepitaPresets.FollowUp.PEPITA, 1, 1).toBuilder().rule(e.rule()).build(), e, label + ": the follow-up's preset");
                double acc = r.last("test_acc");
                assertTrue(acc >= 0 && acc <= 1, label + " " + depth + ": " + acc);
                assertEquals(1, r.metrics().epochs());
            });
        });
        Table t = PepitaFigures.modesTable(runs);
        assertEquals(10, t.rowCount());
        assertEquals("time-local (mixed_tl)", t.stringColumn("variant").get(6));
        PepitaFigures.modes(runs);
    }

    @Test
    void theStableRateRunIsTheComparisonsPepitaAtTheLowerRate() {
        for (Profile profile : Profile.values()) {
            PepitaStudy study = PepitaStudy.of(profile);
            Experiment compared = study.experiment(DatasetName.FASHION_MNIST, Method.PEPITA);
            Experiment stable = study.stableRateExperiment(DatasetName.FASHION_MNIST);
            assertEquals("pepita-stable-rate", stable.name());
            assertEquals(PepitaPresets.optimizer(PepitaStudy.STABLE_LR, study.epochs()), stable.optimizer());
            assertEquals(0.1, compared.optimizer().learningRate(), profile.name());
            // nothing else differs: the same steps, data, network, rule, training loop and seed
            assertEquals(compared.optimizer().schedule(), stable.optimizer().schedule());
            assertEquals(compared.toBuilder().name(stable.name()).optimizer(stable.optimizer()).build(), stable);
        }
    }

    @Test
    void theScaleSweepIsTheStableRateRunWithOnlyFsScaleChanged() {
        for (Profile profile : Profile.values()) {
            PepitaStudy study = PepitaStudy.of(profile);
            Experiment stable = study.stableRateExperiment(DatasetName.FASHION_MNIST);
            // the default scale's runs are the stable-rate study's own, so its records are loaded, not trained again
            assertEquals(stable, study.scaleExperiment(DatasetName.FASHION_MNIST, PepitaStudy.DEFAULT_SCALE));
            assertTrue(java.util.Arrays.stream(study.projectionScales()).anyMatch(s -> s == PepitaStudy.DEFAULT_SCALE));
            for (double s : study.projectionScales()) {
                if (s == PepitaStudy.DEFAULT_SCALE) {
                    continue;
                }
                Experiment scaled = study.scaleExperiment(DatasetName.FASHION_MNIST, s);
                assertEquals("pepita-scales", scaled.name());
                assertEquals(s, ((PepitaSpec) scaled.rule()).projectionScale());
                assertEquals(PepitaStudy.STABLE_LR, scaled.optimizer().learningRate());
                assertEquals(stable.toBuilder().name("pepita-scales").rule(((PepitaSpec) stable.rule()).toBuilder()
                        .projectionScale(s).build()).build(), scaled, "only the name and F's scale differ");
            }
        }
        assertEquals(0.05, PepitaStudy.DEFAULT_SCALE, "the code's Bstd");
        assertEquals(3, PepitaStudy.of(Profile.FULL).sweepSeeds().length);
    }

    /** A listener on the runner would make a batch's runs train one after another (ThreadExecutor). */
    @Test
    void theStudysRunsTrainOnEveryWorkerAtOnce() {
        assertTrue(!PepitaStudy.runner().hasListeners(), "PepitaStudy.runner() attaches a listener");
    }

    @Test
    void theNotebookScaleIsSmall() {
        PepitaStudy quick = PepitaStudy.of(Profile.QUICK);
        assertEquals(3, quick.modeEpochs());
        assertEquals(2_000, quick.modeData(DatasetName.FASHION_MNIST).trainLimit());
        assertEquals(1_000, quick.modeData(DatasetName.FASHION_MNIST).testLimit());
        assertEquals(1, quick.sweepSeeds().length);
        assertEquals(PepitaPresets.EPOCHS, PepitaStudy.of(Profile.FULL).modeEpochs());
    }
}
