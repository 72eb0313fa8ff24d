package org.creditlab.papers.kunin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.Init;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.notebook.Profile;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Schedule;
import org.creditlab.rules.HasFeedback;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.rules.feedback.Primitive;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The MLP studies' rules, initialisers and optimizers as configured (nothing is trained here). */
class KuninPresetsTest {
    private final Scale quick = Scale.of(Profile.QUICK);

    private Experiment zooRun(Method rule) {
        return KuninPresets.experiment("zoo", rule.spec(), KuninPresets.mlp(2, 64), quick, KuninPresets.feedback());
    }

    @Test
    void everyFeedbackMatrixIsDrawnLikeTheForwardWeights() {
        Init w = KuninPresets.mlp(2, 64).weightInit();
        assertEquals(w, CnnSpec.resnet(1, 8, 1, 28, 28).weightInit(), "the ResNets' W");
        for (Method m : Method.values()) {
            if (m.spec() instanceof LearnedFeedbackSpec l) {
                assertEquals(w, l.feedback().init(), m.label());
            }
        }
        assertEquals(w, ((FeedbackAlignmentSpec) Method.FA.spec()).feedback().init(), "fa");
        for (RuleSpec r : ResNetDepth.rules().values()) {
            if (r instanceof LearnedFeedbackSpec l) {
                assertEquals(w, l.feedback().init(), l.ruleName() + " on the ResNets");
            }
        }
        // by sample: B of the output layer (256 → 10) has W's standard deviation, He-normal √(2/256) = 0.088
        Network net = KuninPresets.mlp(1, 256).build(1);
        INDArray b = ((HasFeedback) Method.SA.spec().create(net, 1)).feedbackMatrices().values().iterator().next();
        assertEquals(Math.sqrt(2.0 / 256), b.stdNumber().doubleValue(), 0.004, "std of B");
    }

    @Test
    void kolenPollackTakesTheForwardOptimizerWithOrWithoutItsWeightDecay() {
        Experiment kp = zooRun(Method.KP);
        assertFalse(kp.optimizers().containsKey(Parameter.FEEDBACK), "Akrout et al.: B on W's optimizer, weight decay included");
        assertTrue(((LearnedFeedbackSpec) kp.rule()).alignment().terms().isEmpty(), "and no decay of its own");
        assertEquals(1e-4, kp.optimizer().weightDecay());

        Experiment kunin = zooRun(Method.KP_KUNIN);
        assertEquals(KuninPresets.forward(quick).toBuilder().weightDecay(0).build(), kunin.optimizers().get(Parameter.FEEDBACK),
                "the reference code: W's optimizer without the model's L2");
        assertEquals(1e-3, ((LearnedFeedbackSpec) kunin.rule()).alignment().coefficient(Primitive.DECAY));
        assertEquals(1e-4, kunin.optimizer().weightDecay());

        assertEquals(KuninPresets.feedback(), zooRun(Method.SA).optimizers().get(Parameter.FEEDBACK), "other learned rules: B's own SGD");
    }

    @Test
    void theForwardScheduleIsTheReferenceCodesRescaled() {
        // learning_rate.py: warm-up over 5 epochs, ×0.1 at 30, 60, 80 of 90
        assertEquals(new Schedule(List.of(30, 60, 80), 0.1, 5), KuninPresets.forward(0.1, 90).schedule());
        assertEquals(new Schedule(List.of(7, 13, 18), 0.1, 1), KuninPresets.forward(0.05, 20).schedule());
        assertEquals(new Schedule(List.of(1, 2, 3), 0.1, 0), KuninPresets.forward(quick).schedule(), "QUICK: too short for a warm-up");
    }

    @Test
    void theNoiseStudyPerturbsOnlyKolenPollacksFeedback() {
        double v = 1e-3;
        OptimizerSpec forward = KuninPresets.forward(quick);
        Experiment kp = KuninPresets.noise(Method.KP, v, quick);
        assertEquals(forward, kp.optimizer());
        assertEquals(forward.toBuilder().noiseVariance(v).build(), kp.optimizers().get(Parameter.FEEDBACK));
        Experiment kunin = KuninPresets.noise(Method.KP_KUNIN, v, quick);
        assertEquals(forward, kunin.optimizer());
        assertEquals(forward.toBuilder().weightDecay(0).noiseVariance(v).build(), kunin.optimizers().get(Parameter.FEEDBACK));
        Experiment sa = KuninPresets.noise(Method.SA, v, quick);
        assertEquals(forward.toBuilder().noiseVariance(v).build(), sa.optimizer());
        assertEquals(KuninPresets.feedback().toBuilder().noiseVariance(v).build(), sa.optimizers().get(Parameter.FEEDBACK));
    }
}
