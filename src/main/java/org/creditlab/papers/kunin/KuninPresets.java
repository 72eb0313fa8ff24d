package org.creditlab.papers.kunin;

import java.util.List;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.Init;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Parameter;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Schedule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.rules.feedback.Primitive;
import org.creditlab.train.TrainingOptions;

/**
 * The settings of the small-scale reproduction of Kunin et al. 2020 ("Two Routes to Scalable Credit Assignment without
 * Weight Symmetry", ICML) as data: MLPs with BatchNorm and ReLU on Fashion-MNIST in place of ResNets on ImageNet
 * (notes §5); the rules are {@link Method}'s, the sizes {@link Scale}'s.
 *
 * <p>Our choices, where the paper's tuned values are not available: Nesterov SGD (momentum 0.9, lr 0.05 at batch 64
 * and 0.1 at batch 128, weight decay 1e-4 on the forward parameters, the reference code's 5-epoch warm-up and ×0.1
 * steps at 30/60/80 of 90 epochs rescaled to the run); learned feedback B trained by its own SGD (lr 0.1) with the reference code's coefficients and
 * an alignment rate of 50, so that B can move within a few epochs (the reference code's default is one optimizer for
 * W and B and rate 1). The sensitivity search bounds B's learning rate by the stability of B's update
 * ({@link KuninStudy#sensitivity(Method, Scale, FeedbackStability)}). Every B (FA's and the learned ones) is drawn like W
 * ({@link #WEIGHT_INIT}), as in the reference code. Kolen-Pollack's B takes W's optimizer: "kp" (Akrout et al.) all of
 * it, weight decay included, so that B − Wᵀ only decays; "kp-kunin" (the reference code's setting) without the weight
 * decay, since there B decays through its own Decay term and the model's L2 does not reach it.
 */
public final class KuninPresets {
    public static final String EXPERIMENT = "kunin2020";
    /**
     * The curvatures of the primitives on the FULL sensitivity search's network at its start, as measured on
     * 2026-12-05 by {@link KuninStudy#measureSearchStability} (commit 6261a4d, one thread) when the search's trials
     * were planned and run; they are the search's design, recorded with its runs. {@code KuninStabilityTest} checks
     * that a fresh measurement agrees within 1e-4: if it no longer does, the search network or its data changed, and
     * pinning the new values re-plans the search (new trials, new run ids) and needs its records retrained.
     */
    public static final FeedbackStability FULL_SEARCH_STABILITY = new FeedbackStability(List.of(
            curvatures("dense1", 2.0000011920928955, 160.9180450439453, 553.4891967773438),
            curvatures("dense2", 1.999999761581421, 94.71253967285156, 43.30472946166992),
            curvatures("dense3", 2.0, 7.221515655517578, 42.07938003540039)));

    private static FeedbackStability.LayerCurvature curvatures(String layer, double decay, double nullTerm, double sparse) {
        return new FeedbackStability.LayerCurvature(layer, Map.of(Primitive.DECAY, decay, Primitive.AMP, 0.0,
                Primitive.NULL, nullTerm, Primitive.SPARSE, sparse, Primitive.SELF, 0.0));
    }

    /** The alignment rate of the learned-feedback presets in this study. */
    public static final double ALIGNMENT_RATE = 50;
    /**
     * The initialiser of every weight of the studies' networks (also {@code CnnSpec.resnet}'s) and of every feedback
     * matrix: the reference code draws B with W's own initialiser ({@code Layers/layers.py}).
     */
    public static final Init WEIGHT_INIT = Init.heNormal();

    private KuninPresets() {}

    public static DataSpec data(Scale s) {
        return DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().standardize(true).trainLimit(s.trainExamples()).build();
    }

    /**
     * The search's data: {@link #data} with a tenth of the training examples (6,000 of 60,000) held out, stratified,
     * to choose the best trial by ({@link KuninStudy#SELECTED_BY}); the search trains on the rest.
     */
    public static DataSpec searchData(Scale s) {
        int examples = s.trainExamples() > 0 ? s.trainExamples() : 60_000;
        return data(s).toBuilder().validation(examples / 10).trainLimit(s.trainExamples() > 0 ? examples - examples / 10 : 0)
                .build();
    }

    /** Hidden layers of {@code width} units, each Dense (no bias) → BatchNorm → ReLU. */
    public static MlpSpec mlp(int depth, int width) {
        int[] sizes = new int[depth + 2];
        sizes[0] = 784;
        for (int i = 1; i <= depth; i++) {
            sizes[i] = width;
        }
        sizes[depth + 1] = 10;
        return MlpSpec.of(sizes).toBuilder().bias(false).batchNorm(true).weightInit(WEIGHT_INIT).biasInit(Init.zeros())
                .build();
    }

    public static OptimizerSpec forward(Scale s) {
        return forward(s.learningRate(), s.epochs());
    }

    /**
     * Nesterov SGD (momentum 0.9, weight decay 1e-4) with the reference code's schedule for 90 epochs
     * ({@code learning_rate.py}: a linear warm-up over 5 epochs, then ×0.1 at 30, 60 and 80) rescaled to the run; the
     * warm-up rounds to whole epochs (none in 3 epochs, one in 20).
     */
    public static OptimizerSpec forward(double learningRate, int epochs) {
        return OptimizerSpec.sgd(learningRate).toBuilder().momentum(0.9).nesterov(true).weightDecay(1e-4)
                .schedule(Schedule.stepDecay(0.1, 30, 60, 80).toBuilder().warmupEpochs(5).build().rescaled(90, epochs))
                        .build();
    }

    public static OptimizerSpec feedback() {
        return OptimizerSpec.sgd(0.1);
    }

    /** One run of {@code rule} on {@code net}, with B's optimizer chosen by {@link #withFeedbackOptimizer}. */
    public static Experiment experiment(String section, RuleSpec rule, MlpSpec net, Scale s, OptimizerSpec feedback) {
        return withFeedbackOptimizer(Experiment.of(EXPERIMENT + "-" + section, data(s), net, rule, forward(s),
                TrainingOptions.of(s.epochs(), s.batchSize()).toBuilder().evaluateTrain(false).build(), 1), feedback);
    }

    /**
     * {@code e} with B's optimizer: {@code feedback} if the rule learns B from its regulariser alone; for Kolen-Pollack,
     * W's optimizer (the same momentum and schedule, so the tied updates stay equal), with W's weight decay for
     * Akrout et al.'s "kp" and without it when B has a Decay term of its own (the reference code's "kp-kunin", whose B
     * the model's L2 does not reach).
     */
    static Experiment withFeedbackOptimizer(Experiment e, OptimizerSpec feedback) {
        if (!(e.rule() instanceof LearnedFeedbackSpec l)) {
            return e;
        }
        if (!l.tied()) {
            return e.toBuilder().optimizer(Parameter.FEEDBACK, feedback).build();
        }
        boolean ownDecay = l.alignment().coefficient(Primitive.DECAY) != 0;
        return ownDecay ? e.toBuilder().optimizer(Parameter.FEEDBACK, e.optimizer().toBuilder().weightDecay(0).build())
                .build() : e;
    }

    /**
     * One run of the noise study. Symmetric and activation alignment get the noise on every parameter; Kolen-Pollack
     * only on B (as the reference code's v2 does), through B's optimizer plus noise.
     */
    static Experiment noise(Method rule, double variance, Scale s) {
        Experiment e = experiment("noise", rule.spec(), mlp(2, s.width()), s, feedback().toBuilder()
                .noiseVariance(variance).build());
        if (e.rule() instanceof LearnedFeedbackSpec l && l.tied()) {
            OptimizerSpec b = e.optimizers().getOrDefault(Parameter.FEEDBACK, e.optimizer());
            return e.toBuilder().optimizer(Parameter.FEEDBACK, b.toBuilder().noiseVariance(variance).build()).build();
        }
        return e.toBuilder().optimizer(forward(s).toBuilder().noiseVariance(variance).build()).build();
    }
}
