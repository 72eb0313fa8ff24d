package org.creditlab.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;

class UpdateAlignmentTest {
    private final Experiment base = Experiment.of("diag", DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(600)
                    .testLimit(200).download(false).build(), MlpSpec.of(784, 32, 16, 10).toBuilder().batchNorm(true).build(),
            new BackpropSpec(), OptimizerSpec.sgd(0.05).toBuilder().momentum(0.9).build(), TrainingOptions.of(2, 50), 3);

    @Test
    void backpropIsAlignedWithItselfAndMeasuringChangesNothing() {
        RunResult with = Runner.standard().quiet().noStore().listen(new UpdateAlignment(128)).run(base);
        RunResult without = Runner.standard().quiet().noStore().run(base);
        assertEquals(0, with.last("angle_bp/network"), 1e-3);
        assertEquals(0, with.last("angle_bp/dense1"), 1e-3);
        for (String c : new String[] {"train_loss", "test_loss", "test_acc"}) {
            assertEquals(without.last(c), with.last(c), 0.0, c + " changed by the measurement");
        }
    }

    @Test
    void feedbackAlignmentRecordsItsAnglesAndNorms() {
        RunResult fa = Runner.standard().quiet().noStore().listen(new UpdateAlignment(128)).run(base.toBuilder().rule(new FeedbackAlignmentSpec()).build());
        double angleB = fa.last("angle_BWt/dense2");
        double angleUpdate = fa.last("angle_bp/dense1");
        assertTrue(angleB > 20 && angleB < 100, "B vs Wᵀ " + angleB);
        assertTrue(angleUpdate > 1 && angleUpdate < 120, "update vs BP " + angleUpdate);
        assertEquals(0, fa.last("angle_bp/dense3"), 1e-3, "the top layer's update is exact under FA");
        assertTrue(fa.last("norm_BW/dense3") > 0);
    }
}
