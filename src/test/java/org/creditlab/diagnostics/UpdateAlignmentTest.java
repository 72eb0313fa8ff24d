package org.creditlab.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.HasFeedback;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.feedback.DirectFeedbackAlignmentSpec;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingRun;
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

    /**
     * Feedback alignment's own claim (Lillicrap et al. 2016): W comes to align with the fixed random B, so the angle
     * between B and Wᵀ falls as training goes on, and the hidden layers' updates come within 90° of backprop's. A
     * random B starts near 90° from Wᵀ; a rule that used B wrongly would not pull W towards it.
     */
    @Test
    void underFeedbackAlignmentTheWeightsComeToAlignWithB() {
        Experiment longer = base.toBuilder().network(MlpSpec.of(784, 32, 16, 10))
                .data(base.data().toBuilder().trainLimit(3000).build()).training(TrainingOptions.of(6, 50))
                .rule(new FeedbackAlignmentSpec()).build();
        RunResult fa = Runner.standard().quiet().noStore().listen(new UpdateAlignment(128)).run(longer);
        double[] top = fa.metrics().column("angle_BWt/dense3");
        double[] middle = fa.metrics().column("angle_BWt/dense2");
        assertTrue(top[top.length - 1] < top[0] - 5 && middle[middle.length - 1] < middle[0] - 5,
                "B vs Wᵀ fell: dense3 " + java.util.Arrays.toString(top) + ", dense2 " + java.util.Arrays.toString(middle));
        // measured: dense3 98.6° after the first epoch to 83.4° after the sixth, dense2 78.0° to 71.2°; the hidden
        // updates' angles to backprop's average 63° (dense2) and 53° (dense1) over the epochs
        assertTrue(top[top.length - 1] < 88 && middle[middle.length - 1] < 80, "B and Wᵀ end inside 90°: dense3 "
                + top[top.length - 1] + ", dense2 " + middle[middle.length - 1]);
        double dense2 = java.util.Arrays.stream(fa.metrics().column("angle_bp/dense2")).average().orElseThrow();
        double dense1 = java.util.Arrays.stream(fa.metrics().column("angle_bp/dense1")).average().orElseThrow();
        assertTrue(dense2 < 80 && dense1 < 80, "the hidden updates point with backprop's: " + dense2 + "°, " + dense1 + "°");
    }

    /**
     * DFA has one B–Wᵀ angle: its top layer's projection B_L stands where backprop's W_Lᵀ would, while the lower
     * projections skip layers. The recorded angle is the one between the rule's live B_L and W_Lᵀ, epoch by epoch.
     */
    @Test
    void directFeedbackAlignmentRecordsItsTopLayersAngle() {
        List<Double> direct = new ArrayList<>();
        TrainingListener measureByHand = new TrainingListener() {
            @Override
            public void endEpoch(TrainingRun run, EpochRecord record) {
                ((HasFeedback) run.rule()).feedbackMatrices().forEach((w, b) -> direct.add(Angles.degrees(b, w.transportMatrix())));
            }
        };
        RunResult dfa = Runner.standard().quiet().noStore().listen(new UpdateAlignment(128)).listen(measureByHand)
                .run(base.toBuilder().rule(new DirectFeedbackAlignmentSpec()).build());
        assertEquals(List.of("angle_BWt/dense3"), dfa.metrics().columns().stream().filter(c -> c.startsWith("angle_BWt/")).toList());
        double[] recorded = dfa.metrics().column("angle_BWt/dense3");
        assertEquals(recorded.length, direct.size());
        for (int e = 0; e < recorded.length; e++) {
            assertEquals(direct.get(e), recorded[e], 1e-9, "epoch " + (e + 1));
            assertTrue(recorded[e] > 30 && recorded[e] < 150, "a random B starts far from Wᵀ: " + recorded[e]);
        }
        assertTrue(dfa.last("norm_BW/dense3") > 0);
    }
}
