package org.creditlab.papers.kunin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.Dataset;
import org.creditlab.data.Datasets;
import org.creditlab.data.DatasetName;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.Init;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Parameter;
import org.creditlab.notebook.Profile;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Schedule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.Rules;
import org.creditlab.rules.feedback.Alignment;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.rules.feedback.FeedbackInit;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.rules.feedback.Primitive;
import org.creditlab.sweep.Search;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.train.TrainingOptions;
import org.creditlab.util.Rng;

/**
 * The small-scale reproduction of Kunin et al. 2020 ("Two Routes to Scalable Credit Assignment without Weight
 * Symmetry", ICML): MLPs with BatchNorm and ReLU on Fashion-MNIST in place of ResNets on ImageNet (notes §5).
 *
 * <p>Our choices, where the paper's tuned values are not available: Nesterov SGD (momentum 0.9, lr 0.05 at batch 64
 * and 0.1 at batch 128, weight decay 1e-4 on the forward parameters, the reference code's 5-epoch warm-up and ×0.1
 * steps at 30/60/80 of 90 epochs rescaled to the run); learned feedback B trained by its own SGD (lr 0.1) with the reference code's coefficients and
 * an alignment rate of 50, so that B can move within a few epochs (the reference code's default is one optimizer for
 * W and B and rate 1). The sensitivity search bounds B's learning rate by the stability of B's update
 * ({@link #sensitivity(String, Scale, FeedbackStability)}). Every B (FA's and the learned ones) is drawn like W
 * ({@link #WEIGHT_INIT}), as in the reference code. Kolen-Pollack's B takes W's optimizer: "kp" (Akrout et al.) all of
 * it, weight decay included, so that B − Wᵀ only decays; "kp-kunin" (the reference code's setting) without the weight
 * decay, since there B decays through its own Decay term and the model's L2 does not reach it.
 */
public final class KuninStudy {
    public static final String EXPERIMENT = "kunin2020";
    /** The alignment rate of the learned-feedback presets in this study. */
    public static final double ALIGNMENT_RATE = 50;
    /**
     * The initialiser of every weight of the studies' networks (also {@code CnnSpec.resnet}'s) and of every feedback
     * matrix: the reference code draws B with W's own initialiser ({@code Layers/layers.py}).
     */
    public static final Init WEIGHT_INIT = Init.heNormal();

    private KuninStudy() {}

    public static DataSpec data(Scale s) {
        return DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().standardize(true).trainLimit(s.trainExamples()).build();
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

    /** The zoo: every rule of the feedback-pathway family, by name, with this study's settings. */
    public static Map<String, RuleSpec> zoo() {
        Map<String, RuleSpec> m = new LinkedHashMap<>();
        for (String name : List.of("bp", "fa", "dfa", "drtp", "usf", "brsf", "frsf")) {
            m.put(name, Rules.defaults(name));
        }
        m.put("fa", new FeedbackAlignmentSpec(new FeedbackInit(WEIGHT_INIT)));
        // learned B's default initialiser is WEIGHT_INIT (KuninStudyTest checks it)
        m.put("kp", LearnedFeedbackSpec.kolenPollack());
        m.put("kp-kunin", LearnedFeedbackSpec.kolenPollackKunin());
        m.put("wm", LearnedFeedbackSpec.weightMirror().toBuilder().alignmentRate(ALIGNMENT_RATE).build());
        m.put("ia", LearnedFeedbackSpec.informationAlignment().toBuilder().alignmentRate(ALIGNMENT_RATE).build());
        m.put("sa", LearnedFeedbackSpec.symmetricAlignment().toBuilder().alignmentRate(ALIGNMENT_RATE).build());
        m.put("aa", LearnedFeedbackSpec.activationAlignment().toBuilder().alignmentRate(ALIGNMENT_RATE).build());
        return m;
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

    /** Section 1: every rule on the zoo network, several seeds, with per-layer alignment diagnostics. */
    public static Map<String, SeedRuns> runZoo(Scale s, Runner runner) {
        SeedRuns.Batch<String> batch = SeedRuns.batch(runner.diagnose(Diagnostics.spec(Diagnostics.UPDATE_ALIGNMENT, 256)));
        zoo().forEach((name, rule) -> batch.add(name, name, experiment("zoo", rule, mlp(2, s.width()), s, feedback()), seeds(s.seeds())));
        return batch.run();
    }

    /**
     * B's step number η_B·rate·κ at the top of the sensitivity search's learning-rate range: half the stability limit
     * of 2 ({@link FeedbackStability}), the step at which B's stiffest mode settles in one step without oscillating.
     */
    public static final double SEARCH_STEP_NUMBER = 1;
    /** The search's learning rates of B span two decades below the top of their range, as the earlier [0.01, 1]. */
    public static final double SEARCH_DECADES = 2;
    /** Training examples on which {@link #searchStability} measures the curvatures. */
    public static final int STABILITY_EXAMPLES = 1024;
    /** Every trial's network and seed (the seed of {@link #experiment}). */
    static final long SEED = 1;

    /** The network of the sensitivity search: 2 hidden layers of 128. */
    public static MlpSpec searchNetwork() {
        return mlp(2, 128);
    }

    /**
     * Section 2: a random search over the coefficients of weight mirror (α·Decay + β·Amp) or information alignment
     * (α·Amp + β·Null + γ·Decay), log-uniform in [1e-5, 1e-1], and over B's learning rate, on {@link #searchNetwork()},
     * with B on its own SGD and alignment rate {@link #ALIGNMENT_RATE}.
     *
     * <p><b>Stability-aware, not the paper's search space.</b> The paper's TPE ranges are not in the reference code
     * (its tuned configurations are pickles on S3), and its set-up ({@code params.py}, {@code flags.py}: one optimizer for
     * W and B unless {@code alignment_optimizer} is set, Nesterov as its momentum, a 5-epoch warm-up and ×0.1 steps with
     * {@code constant_lr} off, {@code alignment_rate} 1) moves B too little in a few epochs at this scale. A fixed range for B's learning rate is not neutral between the
     * rules: IA's Null term makes B's update as stiff as 2β·λ_max(W Σ Wᵀ), about 2β·87 on the first layer of this
     * network, while WM's stiffness is its Decay's 2α alone, so the earlier range [0.01, 1] started about 43% of IA's
     * trials beyond the limit η_B·rate·κ &lt; 2, and 3% of WM's. Here each trial draws its coefficients as before, then
     * η_B log-uniform over {@link #SEARCH_DECADES} decades up to min(1, the rate at step number
     * {@link #SEARCH_STEP_NUMBER}), κ measured on the network at initialisation ({@code stability}); where the bound
     * does not bite the draw is the earlier one. The trial records its step number ("step_number").
     */
    public static Search sensitivity(String rule, Scale s, FeedbackStability stability) {
        return search(rule, s.searchTrials(), s, stability, true);
    }

    /** The name under which each trial of the sensitivity search records its step number η_B·rate·κ. */
    public static final String STEP_NUMBER = "step_number";

    /**
     * The share of the trials of the earlier, fixed-range search (η_B log-uniform in [0.01, 1], the same coefficients)
     * whose step number η_B·rate·κ is 2 or more, so that B's update starts unstable: estimated from {@code draws} draws
     * of the rule's search space (nothing is trained).
     */
    public static double fixedRangeUnstableShare(String rule, FeedbackStability stability, int draws) {
        return search(rule, draws, Scale.of(Profile.QUICK), stability, false).plan().stream()
                .filter(p -> ((Number) p.values().get(STEP_NUMBER)).doubleValue() >= 2).count() / (double) draws;
    }

    /** The random search; {@code bounded}: B's learning rate up to the step number {@link #SEARCH_STEP_NUMBER}, else in [0.01, 1]. */
    private static Search search(String rule, int trials, Scale s, FeedbackStability stability, boolean bounded) {
        return Search.random(trials, rule.equals("wm") ? 11 : 12, t -> {
            Alignment a = rule.equals("wm")
                    ? Alignment.of(t.logUniform("alpha", 1e-5, 1e-1), Primitive.DECAY).plus(t.logUniform("beta", 1e-5, 1e-1), Primitive.AMP)
                    : Alignment.of(t.logUniform("alpha", 1e-5, 1e-1), Primitive.AMP).plus(t.logUniform("beta", 1e-5, 1e-1), Primitive.NULL)
                            .plus(t.logUniform("gamma", 1e-5, 1e-1), Primitive.DECAY);
            double top = bounded ? Math.min(1, stability.learningRateAt(SEARCH_STEP_NUMBER, a, ALIGNMENT_RATE)) : 1;
            double lr = t.logUniform("lr_B", top * Math.pow(10, -SEARCH_DECADES), top);
            t.derived(STEP_NUMBER, stability.stepNumber(a, ALIGNMENT_RATE, lr));
            RuleSpec spec = LearnedFeedbackSpec.of(rule, a).toBuilder().alignmentRate(ALIGNMENT_RATE).build();
            return experiment("search", spec, searchNetwork(), s, OptimizerSpec.sgd(lr));
        });
    }

    /** {@link #sensitivity(String, Scale, FeedbackStability)} with the curvatures of {@link #searchStability}. */
    public static Search sensitivity(String rule, Scale s) {
        return sensitivity(rule, s, searchStability(s));
    }

    /**
     * The curvatures of the alignment primitives on the search network as every trial starts it (seed 1),
     * in training mode on 1,024 training examples drawn at random ({@link #STABILITY_EXAMPLES}).
     */
    public static FeedbackStability searchStability(Scale s) {
        Dataset train = Datasets.load(data(s)).train();
        int[] rows = Arrays.copyOf(Rng.of(SEED).child("stability-sample").permutation(train.size()),
                Math.min(STABILITY_EXAMPLES, train.size()));
        return FeedbackStability.measure(searchNetwork().build(SEED), train.select(rows).inputs(), Rng.of(SEED).child("stability"));
    }

    /** The hidden layers of the network the best search settings are transferred to. */
    public static final int TRANSFER_DEPTH = 6;

    /** The best trial's settings transferred, without re-tuning, to a deeper network (6 hidden layers of 128). */
    public static SeedRuns transfer(SearchResult search, Scale s, Runner runner) {
        SearchResult.TrialResult best = search.best("test_acc", true).orElseThrow(() ->
                new IllegalStateException("every trial diverged; nothing to transfer"));
        Experiment e = best.run().experiment();
        Experiment deep = experiment("transfer", e.rule(), mlp(TRANSFER_DEPTH, 128), s, e.optimizers().getOrDefault(Parameter.FEEDBACK, feedback()));
        return SeedRuns.of(e.ruleName(), deep, runner, seeds(s.depthSeeds()));
    }

    /** Backprop on a network of the given depth and width (the reference of the transfer and depth studies). */
    public static SeedRuns backprop(String section, int depth, int width, Scale s, Runner runner) {
        return SeedRuns.of("bp", experiment(section, Rules.defaults("bp"), mlp(depth, width), s, feedback()), runner, seeds(s.depthSeeds()));
    }

    /** Section 3: final test accuracy of BP, IA, SA and AA against the number of hidden layers (width 128). */
    public static Map<String, List<SeedRuns>> runDepth(Scale s, Runner runner) {
        Map<String, RuleSpec> zoo = zoo();
        SeedRuns.Batch<List<Object>> batch = SeedRuns.batch(runner);
        for (String rule : List.of("bp", "ia", "sa", "aa")) {
            for (int d : s.depths()) {
                batch.add(List.of(rule, d), rule + "-" + d, experiment("depth", zoo.get(rule), mlp(d, 128), s, feedback()),
                        seeds(s.depthSeeds()));
            }
        }
        return byRule(batch.run());
    }

    /** The rules of the noise study: the non-local rules, and Kolen-Pollack in Akrout et al.'s and the reference code's settings. */
    public static final List<String> NOISE_RULES = List.of("sa", "aa", "kp", "kp-kunin");

    /**
     * Section 4: final test accuracy against the variance of noise added to every update (w ← w + lr·ξ), for each rule
     * of {@link #NOISE_RULES}.
     */
    public static Map<String, List<SeedRuns>> runNoise(Scale s, Runner runner) {
        SeedRuns.Batch<List<Object>> batch = SeedRuns.batch(runner);
        for (String rule : NOISE_RULES) {
            for (double v : s.noiseVariances()) {
                batch.add(List.of(rule, v), rule + "-" + v, noise(rule, v, s), seeds(s.depthSeeds()));
            }
        }
        return byRule(batch.run());
    }

    /** Runs keyed (rule, setting), grouped by rule: rule → its runs in the order of the settings. */
    static Map<String, List<SeedRuns>> byRule(Map<List<Object>, SeedRuns> runs) {
        Map<String, List<SeedRuns>> out = new LinkedHashMap<>();
        runs.forEach((key, r) -> out.computeIfAbsent((String) key.get(0), k -> new ArrayList<>()).add(r));
        return out;
    }

    /**
     * One run of the noise study. Symmetric and activation alignment get the noise on every parameter; Kolen-Pollack
     * only on B (as the reference code's v2 does), through B's optimizer plus noise.
     */
    static Experiment noise(String rule, double variance, Scale s) {
        Experiment e = experiment("noise", zoo().get(rule), mlp(2, s.width()), s, feedback().toBuilder()
                .noiseVariance(variance).build());
        if (e.rule() instanceof LearnedFeedbackSpec l && l.tied()) {
            OptimizerSpec b = e.optimizers().getOrDefault(Parameter.FEEDBACK, e.optimizer());
            return e.toBuilder().optimizer(Parameter.FEEDBACK, b.toBuilder().noiseVariance(variance).build()).build();
        }
        return e.toBuilder().optimizer(forward(s).toBuilder().noiseVariance(variance).build()).build();
    }

    static long[] seeds(int n) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = i + 1;
        }
        return s;
    }
}
