package org.creditlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.execution.SlurmConfig;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.DecorrelatedMlpSpec;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Schedule;
import org.creditlab.papers.dfc.DfcPresets;
import org.creditlab.papers.dfc.Method;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.copi.CopiSpec;
import org.creditlab.rules.copi.DecorrelatedBackpropSpec;
import org.creditlab.rules.dfc.DfcSpec;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.rules.pepita.MirrorSchedule;
import org.creditlab.rules.pepita.PepitaSpec;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/**
 * The configuration records' builders: {@code toBuilder().build()} gives back the same record (the copy and
 * {@code build()} pass every field to its own component), a setter changes only the setting it names, and
 * {@code build()} checks the settings as the canonical constructor does.
 */
class BuildersTest {

    @Test
    void anUnchangedBuilderGivesBackTheSameRecord() {
        OptimizerSpec adam = OptimizerSpec.adam(1e-3).toBuilder().beta1(0.99).beta2(0.98).epsilon(1e-6).weightDecay(1e-4)
                .clipping(OptimizerSpec.Clipping.GLOBAL_NORM).maxNorm(2).noiseVariance(1e-3)
                .schedule(Schedule.stepDecay(0.1, 3, 6).toBuilder().warmupEpochs(1).build()).build();
        List<Object> records = List.of(adam, adam.schedule(), MlpSpec.of(4, 8, 8, 2), CnnSpec.small(1, 28, 28),
                DecorrelatedMlpSpec.of(4, 8, 2), DataSpec.of(DatasetName.MNIST), TrainingOptions.of(3, 32),
                new CopiSpec(), new DecorrelatedBackpropSpec(), new DfcSpec(), new DfcSpec().sleep(), new PepitaSpec(),
                LearnedFeedbackSpec.weightMirror(), SlurmConfig.defaults(), DfcPresets.table1("fmnist", Method.DFC),
                Experiment.of("b", DataSpec.of(DatasetName.MNIST), MlpSpec.of(4, 2), new BackpropSpec(), adam,
                        TrainingOptions.of(1, 8), 7));
        for (Object r : records) {
            assertEquals(r, rebuilt(r), r.getClass().getSimpleName());
        }
    }

    private static Object rebuilt(Object r) {
        try {
            Object builder = r.getClass().getMethod("toBuilder").invoke(r);
            return builder.getClass().getMethod("build").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(r.getClass().getSimpleName() + " has no toBuilder().build()", e);
        }
    }

    @Test
    void aSetterChangesOnlyTheSettingItNames() {
        OptimizerSpec sgd = OptimizerSpec.sgd(0.1);
        OptimizerSpec decayed = sgd.toBuilder().weightDecay(1e-4).build();
        assertEquals(1e-4, decayed.weightDecay());
        assertEquals(sgd, decayed.toBuilder().weightDecay(0).build());
        Experiment e = Experiment.of("b", DataSpec.of(DatasetName.MNIST), MlpSpec.of(4, 2), new BackpropSpec(), sgd,
                TrainingOptions.of(1, 8), 7);
        Experiment two = e.toBuilder().optimizer("feedback", decayed).addDiagnostics("update-alignment:64", "update-alignment:64").build();
        assertEquals(sgd, two.optimizer());
        assertEquals(decayed, two.optimizers().get("feedback"));
        assertEquals(List.of("update-alignment:64"), two.diagnostics());
        assertEquals(8, e.withSeed(8).seed());
        assertEquals(e.runId(), e.withName("other").runId());
    }

    @Test
    void buildChecksTheSettings() {
        assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.sgd(0.1).toBuilder().momentum(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingOptions.of(1, 8).toBuilder().batchSize(0).build());
        // mirroring trains F's factors: it needs the product form, named where it is set
        assertThrows(IllegalArgumentException.class,
                () -> new PepitaSpec().toBuilder().mirroring(MirrorSchedule.of(1, 1)).build());
        assertEquals(PepitaSpec.ProjectionKind.PRODUCT, new PepitaSpec().toBuilder()
                .projection(PepitaSpec.ProjectionKind.PRODUCT).mirroring(MirrorSchedule.of(1, 1)).build().projection());
    }
}
