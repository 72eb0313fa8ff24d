package org.creditlab.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.WeightLayer;
import org.creditlab.papers.pepita.Method;
import org.creditlab.papers.pepita.PepitaPresets;
import org.creditlab.rules.pepita.Pepita;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The PEPITA listeners on a short run: their columns, their values against a direct computation, and no side effects. */
class PepitaDiagnosticsTest {
    private final Experiment base = PepitaPresets.experiment("diag",
            PepitaPresets.data(DatasetName.FASHION_MNIST, 600, 200).toBuilder().download(false).build(), Method.PEPITA.spec(), 2, 3)
            .toBuilder().network(PepitaPresets.network(DatasetName.FASHION_MNIST, List.of(64))).build();

    @Test
    void projectionAndAfaAnglesAreRecordedWithoutChangingTraining() {
        RunResult with = Runner.standard().quiet().noStore().listen(new ProjectionAlignment()).listen(new AfaAlignment(128)).run(base);
        RunResult without = Runner.standard().quiet().noStore().run(base);
        assertEquals(without.last("test_loss"), with.last("test_loss"), 0.0, "measuring changed training");
        List<WeightLayer> layers = with.network().weightLayers();
        INDArray product = layers.get(0).weight().value().transpose().mmul(layers.get(1).weight().value().transpose());
        INDArray f = ((Pepita) with.rule()).projectionMatrix();
        assertEquals(Angles.degrees(f, product), with.last("angle_F_Wt"), 1e-6, "angle between F and (W2W1)ᵀ");
        assertEquals(Angles.norm(layers.get(0).weight().value()), with.last("norm_W/dense1"), 1e-6);
        double afa = with.last("angle_afa/dense1");
        assertTrue(afa >= 0 && afa < 20, "PEPITA's first-layer update is close to AFA's: " + afa);
    }

    @Test
    void otherRulesGetNormsOnly() {
        RunResult bp = Runner.standard().quiet().noStore().listen(new ProjectionAlignment()).listen(new AfaAlignment(128))
                .run(base.toBuilder().rule(Method.BP.spec()).build());
        assertTrue(bp.metrics().last().has("norm_W/dense2"));
        assertTrue(!bp.metrics().last().has("angle_F_Wt") && !bp.metrics().last().has("angle_afa/dense1"));
    }
}
