package org.creditlab.papers.pepita;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.Init;
import org.creditlab.nn.MlpSpec;
import org.creditlab.notebook.Profile;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.rules.feedback.FeedbackInit;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The papers' settings as data, the reported numbers' tags, and the table's handling of absent datasets. */
class PepitaPresetsTest {

    @Test
    void theIcmlNetworkAndOptimizer() {
        MlpSpec net = PepitaPresets.network(DatasetName.CIFAR100, List.of(1024));
        assertEquals(3072, net.inputs());
        assertEquals(100, net.outputs());
        assertFalse(net.bias());
        assertEquals(Init.heUniform(), net.weightInit());
        assertEquals(0.1, net.dropout());
        assertEquals(List.of(60, 90), PepitaPresets.optimizer(0.1, 100).schedule().milestones());
        assertEquals(List.of(5, 7), PepitaPresets.optimizer(0.1, 8).schedule().milestones(), "steps moved in proportion");
        assertEquals(0.9, PepitaPresets.optimizer(0.1, 100).momentum());
        assertEquals(0.1, PepitaPresets.learningRate(DatasetName.FASHION_MNIST));
        assertEquals(0.01, PepitaPresets.learningRate(DatasetName.CIFAR10));
        assertEquals(new FeedbackAlignmentSpec(FeedbackInit.heUniform()), Method.FA.spec(), "FA's B drawn U(±√(6/n_in))");
    }

    @Test
    void theFullRunsKeepTheirIdentity() {
        // The FULL profile loads the 100-epoch Fashion-MNIST runs stored under results/pepita/; a change to the presets
        // changes these ids and orphans them (retrain, or update the ids here deliberately).
        PepitaStudy full = PepitaStudy.of(Profile.FULL);
        assertEquals("pepita-s1-7731f1b830", full.experiment(DatasetName.FASHION_MNIST, Method.PEPITA).runId());
        assertEquals("bp-s1-b5152903bc", full.experiment(DatasetName.FASHION_MNIST, Method.BP).runId());
    }

    @Test
    void theConvRunsUseTheReadmeSettings() {
        var data = PepitaPresets.data(DatasetName.FASHION_MNIST, 100, 100);
        Experiment full = PepitaPresets.convolutional("c", data, Method.PEPITA.spec(), 100, 1);
        assertEquals(org.creditlab.nn.CnnSpec.pepita(1, 28, 28), full.network());
        assertFalse(full.data().flatten(), "the conv model reads images");
        assertEquals(0.01, full.optimizer().learningRate());
        assertEquals(0.9, full.optimizer().momentum());
        assertEquals(50, full.training().batchSize());
        assertEquals(List.of(10, 30, 60), full.optimizer().schedule().milestones());
        assertEquals(List.of(), PepitaPresets.convolutional("c", data, Method.BP.spec(), 4, 1).optimizer().schedule().milestones(),
                "a short run would decay in its first epoch: constant η");
        assertEquals(List.of("BP", "PEPITA", "PEPITA (authors' conv code)"), List.copyOf(PepitaStudy.convMethods().keySet()));
    }

    @Test
    void followUpVariantsChangeOnlyWhatTheyName() {
        var data = PepitaPresets.data(DatasetName.FASHION_MNIST, 100, 100);
        Experiment wd = PepitaPresets.followUp("f", data, List.of(8, 8), PepitaPresets.FollowUp.WEIGHT_DECAY, 10, 1);
        Experiment norm = PepitaPresets.followUp("f", data, List.of(8, 8), PepitaPresets.FollowUp.NORMALIZATION, 10, 1);
        Experiment wm = PepitaPresets.followUp("f", data, List.of(8, 8), PepitaPresets.FollowUp.MIRRORING, 10, 1);
        assertEquals(1e-4, wd.optimizer().weightDecay());
        assertTrue(((MlpSpec) norm.network()).activityNorm());
        assertEquals(0.0, norm.optimizer().weightDecay());
        assertEquals(0.5, wm.optimizers().get("feedback").weightDecay());
        assertTrue(((org.creditlab.rules.pepita.PepitaSpec) wm.rule()).mirroring().ever());
    }

    @Test
    void reportedNumbersAreTaggedAndAbsentDatasetsAreNotFilled() {
        assertEquals("98.01 ± 0.09 [unverified]", Reported.of("PEPITA", DatasetName.MNIST).orElseThrow().describe());
        assertTrue(Reported.ICML_TABLE.stream().allMatch(r -> r.status() == Reported.Status.UNVERIFIED));
        Table t = PepitaFigures.accuracyTable(Map.of());
        assertEquals(PepitaStudy.DATASETS.size() * Method.values().length, t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            DatasetName d = PepitaStudy.DATASETS.get(i / Method.values().length);
            String ours = t.stringColumn(2).get(i);
            assertEquals(Datasets.isPresent(d) ? "not run in this profile" : "not present", ours, d + " row");
        }
    }
}
