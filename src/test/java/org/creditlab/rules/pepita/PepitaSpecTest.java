package org.creditlab.rules.pepita;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.results.Json;
import org.creditlab.rules.Rules;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** PEPITA's settings: defaults, validation, the registry, and JSON (which is a run's identity). */
class PepitaSpecTest {

    @Test
    void defaultsAreTheIcmlCodes() {
        PepitaSpec s = (PepitaSpec) Rules.defaults("pepita");
        assertEquals(0.05, s.projectionScale());
        assertEquals(PepitaSpec.ProjectionKind.UNIFORM, s.projection());
        assertEquals(PepitaSpec.ModulationSign.PLUS, s.modulationSign());
        assertEquals(PepitaSpec.LastLayerError.MODULATED, s.lastLayerError());
        assertEquals(UpdateMode.MODULATED, s.mode());
        assertFalse(s.maskTwice());
        assertFalse(s.mirroring().ever());
        assertEquals("pepita", s.ruleName());
        PepitaSpec f = PepitaSpec.followUp();
        assertEquals(PepitaSpec.ModulationSign.MINUS, f.modulationSign());
        assertEquals(PepitaSpec.LastLayerError.CLEAN, f.lastLayerError());
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PepitaSpec().toBuilder().projectionScale(0).build());
        assertThrows(IllegalArgumentException.class, () -> new PepitaSpec(0.05, PepitaSpec.ProjectionKind.UNIFORM, null,
                null, null, null, false, MirrorSchedule.of(1, 0)));
        assertEquals(PepitaSpec.ProjectionKind.PRODUCT, new PepitaSpec().toBuilder().projection(PepitaSpec.ProjectionKind.PRODUCT).mirroring(MirrorSchedule.of(1, 2)).build().projection());
        assertThrows(IllegalArgumentException.class, () -> new MirrorSchedule(-1, 0, 0.1, true));
    }

    @Test
    void mirrorScheduleFollowsTheIclrCode() {
        MirrorSchedule m = MirrorSchedule.of(2, 5);
        assertTrue(m.preMirror(0) && m.preMirror(1) && !m.preMirror(2));
        assertTrue(m.active(0) && m.active(1) && !m.active(2) && m.active(4) && !m.active(5) && m.active(9));
        assertFalse(MirrorSchedule.never().active(0));
    }

    @Test
    void experimentsWithPepitaAndActivityNormRoundTripThroughJson() {
        Experiment e = Experiment.of("x", DataSpec.of(DatasetName.FASHION_MNIST),
                MlpSpec.of(784, 1024, 10).toBuilder().activityNorm(true).build(),
                PepitaSpec.followUp().toBuilder().mode(UpdateMode.MIXED).projection(PepitaSpec.ProjectionKind.PRODUCT).mirroring(MirrorSchedule.of(1, 10)).build(),
                OptimizerSpec.sgd(0.01), TrainingOptions.of(3, 64), 1);
        Experiment back = Experiment.fromJson(e.toJson());
        assertEquals(e, back);
        assertEquals(e.runId(), back.runId());
    }

    @Test
    void mlpsWithoutActivityNormSerialiseAsBefore() {
        // the option is left out of the JSON when off, so runs stored before it existed keep their run ids
        assertFalse(Json.write(MlpSpec.of(784, 256, 10)).contains("activityNorm"));
        assertTrue(Json.write(MlpSpec.of(784, 256, 10).toBuilder().activityNorm(true).build()).contains("activityNorm"));
    }
}
