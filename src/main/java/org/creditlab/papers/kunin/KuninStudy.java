package org.creditlab.papers.kunin;

import static org.creditlab.papers.kunin.KuninPresets.ALIGNMENT_RATE;
import static org.creditlab.papers.kunin.KuninPresets.experiment;
import static org.creditlab.papers.kunin.KuninPresets.feedback;
import static org.creditlab.papers.kunin.KuninPresets.mlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.data.Dataset;
import org.creditlab.data.Datasets;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Parameter;
import org.creditlab.notebook.Profile;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.feedback.Alignment;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.rules.feedback.Primitive;
import org.creditlab.sweep.Search;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.util.Rng;

/**
 * The runs of the Kunin notebook's MLP studies, at the size of a {@link Scale}, section by section: the rule zoo, the
 * sensitivity search and its transfer to a deeper network, depth, and noisy updates ({@link ResNetDepth} holds the
 * ResNet depth study). The settings are {@link KuninPresets}'; every run is stored under {@code results/kunin2020-*}.
 */
public final class KuninStudy {
    private KuninStudy() {}

    /** Section 1: every rule on the zoo network, several seeds, with per-layer alignment diagnostics. */
    public static Map<Method, SeedRuns> runZoo(Scale s, Runner runner) {
        SeedRuns.Batch<Method> batch = SeedRuns.batch(zooRunner(runner));
        for (Method m : Method.values()) {
            batch.add(m, m.label(), zooExperiment(m, s), seeds(s.seeds()));
        }
        return batch.run();
    }

    /** {@code runner} as the zoo runs: with the per-layer update alignment recorded (part of each run's identity). */
    static Runner zooRunner(Runner runner) {
        return runner.diagnose(Diagnostics.spec(Diagnostics.UPDATE_ALIGNMENT, 256));
    }

    /** One rule's zoo experiment (seed 1; the zoo runs {@link Scale#seeds()} of them). */
    static Experiment zooExperiment(Method m, Scale s) {
        return experiment("zoo", m.spec(), mlp(2, s.width()), s, feedback());
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
    /** Every trial's network and seed (the seed of {@link KuninPresets#experiment}). */
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
    public static Search sensitivity(Method rule, Scale s, FeedbackStability stability) {
        return search(rule, s.searchTrials(), s, stability, true);
    }

    /** The name under which each trial of the sensitivity search records its step number η_B·rate·κ. */
    public static final String STEP_NUMBER = "step_number";

    /**
     * The share of the trials of the earlier, fixed-range search (η_B log-uniform in [0.01, 1], the same coefficients)
     * whose step number η_B·rate·κ is 2 or more, so that B's update starts unstable: estimated from {@code draws} draws
     * of the rule's search space (nothing is trained).
     */
    public static double fixedRangeUnstableShare(Method rule, FeedbackStability stability, int draws) {
        return search(rule, draws, Scale.of(Profile.QUICK), stability, false).plan().stream()
                .filter(p -> ((Number) p.values().get(STEP_NUMBER)).doubleValue() >= 2).count() / (double) draws;
    }

    /** The random search; {@code bounded}: B's learning rate up to the step number {@link #SEARCH_STEP_NUMBER}, else in [0.01, 1]. */
    private static Search search(Method rule, int trials, Scale s, FeedbackStability stability, boolean bounded) {
        if (rule != Method.WM && rule != Method.IA) {
            throw new IllegalArgumentException("the sensitivity search is over weight mirror's or information alignment's terms, not " + rule);
        }
        return Search.random(trials, rule == Method.WM ? 11 : 12, t -> {
            Alignment a = rule == Method.WM
                    ? Alignment.of(t.logUniform("alpha", 1e-5, 1e-1), Primitive.DECAY).plus(t.logUniform("beta", 1e-5, 1e-1), Primitive.AMP)
                    : Alignment.of(t.logUniform("alpha", 1e-5, 1e-1), Primitive.AMP).plus(t.logUniform("beta", 1e-5, 1e-1), Primitive.NULL)
                            .plus(t.logUniform("gamma", 1e-5, 1e-1), Primitive.DECAY);
            double top = bounded ? Math.min(1, stability.learningRateAt(SEARCH_STEP_NUMBER, a, ALIGNMENT_RATE)) : 1;
            double lr = t.logUniform("lr_B", top * Math.pow(10, -SEARCH_DECADES), top);
            t.derived(STEP_NUMBER, stability.stepNumber(a, ALIGNMENT_RATE, lr));
            RuleSpec spec = LearnedFeedbackSpec.of(rule.label(), a).toBuilder().alignmentRate(ALIGNMENT_RATE).build();
            Experiment e = experiment("search", spec, searchNetwork(), s, OptimizerSpec.sgd(lr));
            return e.toBuilder().data(KuninPresets.searchData(s)).build();
        });
    }

    /** {@link #sensitivity(Method, Scale, FeedbackStability)} with the curvatures of {@link #searchStability}. */
    public static Search sensitivity(Method rule, Scale s) {
        return sensitivity(rule, s, searchStability(s));
    }

    /**
     * The curvatures that bound the sensitivity search's learning rates: at paper scale the measurement recorded with
     * the search's runs ({@link KuninPresets#FULL_SEARCH_STABILITY}), otherwise {@link #measureSearchStability}. The
     * bound sets each trial's drawn rate, and so its run id; measured afresh, it moves with any change in how the
     * products are rounded (a faster gemm path moved Null's curvature on the first layer in its seventh digit, and 21
     * of information alignment's 30 trials with it), which would leave the recorded trials orphaned and train others.
     */
    public static FeedbackStability searchStability(Scale s) {
        return s.equals(Scale.of(Profile.FULL)) ? KuninPresets.FULL_SEARCH_STABILITY : measureSearchStability(s);
    }

    /**
     * The curvatures of the alignment primitives on the search network as every trial starts it (seed 1),
     * in training mode on 1,024 training examples drawn at random ({@link #STABILITY_EXAMPLES}).
     */
    public static FeedbackStability measureSearchStability(Scale s) {
        Dataset train = Datasets.load(KuninPresets.data(s)).train();
        int[] rows = Arrays.copyOf(Rng.of(SEED).child("stability-sample").permutation(train.size()),
                Math.min(STABILITY_EXAMPLES, train.size()));
        return FeedbackStability.measure(searchNetwork().build(SEED), train.select(rows).inputs(), Rng.of(SEED).child("stability"));
    }

    /**
     * The metric a search's best trial is chosen by: accuracy on examples held out of the training set
     * ({@link KuninPresets#searchData}), so that the test accuracy reported for it, and for its transfer, was not
     * selected on. The paper chose by ImageNet's validation set, which also served as its test set.
     */
    public static final String SELECTED_BY = "val_acc";

    /** The hidden layers of the network the best search settings are transferred to. */
    public static final int TRANSFER_DEPTH = 6;

    /**
     * The best trial's settings transferred, without re-tuning, to a deeper network (6 hidden layers of 128). The best
     * of a search with trials missing is not known yet, and a search whose trials all diverged has none: the transfer
     * then comes back not run ({@link SeedRuns#notRun}, saying why), in place of the first trial's settings.
     */
    public static SeedRuns transfer(SearchResult search, Scale s, Runner runner) {
        long[] seeds = seeds(s.depthSeeds());
        Experiment first = search.trials().get(0).run().experiment();
        if (search.missing() > 0) {
            return SeedRuns.notRun(first.ruleName(), deep(first, s), "not run: " + search.missing() + " of "
                    + search.trials().size() + " trials of its search are not run, so the best setting is not known", seeds);
        }
        return search.best(SELECTED_BY, true)
                .map(best -> SeedRuns.of(first.ruleName(), deep(best.run().experiment(), s), runner, seeds))
                .orElseGet(() -> SeedRuns.notRun(first.ruleName(), deep(first, s),
                        "not run: every trial of its search diverged, so there is no setting to transfer", seeds));
    }

    /** A trial's rule and B's optimizer on the deeper network of the transfer. */
    private static Experiment deep(Experiment trial, Scale s) {
        return experiment("transfer", trial.rule(), mlp(TRANSFER_DEPTH, 128), s,
                trial.optimizers().getOrDefault(Parameter.FEEDBACK, feedback()));
    }

    /** Backprop on a network of the given depth and width (the reference of the transfer and depth studies). */
    public static SeedRuns backprop(String section, int depth, int width, Scale s, Runner runner) {
        return SeedRuns.of(Method.BP.label(), experiment(section, Method.BP.spec(), mlp(depth, width), s, feedback()), runner,
                seeds(s.depthSeeds()));
    }

    /** The rules of the depth study: backprop, and the paper's local and non-local learned rules. */
    public static final List<Method> DEPTH_RULES = List.of(Method.BP, Method.IA, Method.SA, Method.AA);

    /** Section 3: final test accuracy of BP, IA, SA and AA against the number of hidden layers (width 128). */
    public static Map<Method, List<SeedRuns>> runDepth(Scale s, Runner runner) {
        SeedRuns.Batch<List<Object>> batch = SeedRuns.batch(runner);
        for (Method rule : DEPTH_RULES) {
            for (int d : s.depths()) {
                batch.add(List.of(rule, d), rule.label() + "-" + d, experiment("depth", rule.spec(), mlp(d, 128), s, feedback()),
                        seeds(s.depthSeeds()));
            }
        }
        return byRule(batch.run());
    }

    /** The rules of the noise study: the non-local rules, and Kolen-Pollack in Akrout et al.'s and the reference code's settings. */
    public static final List<Method> NOISE_RULES = List.of(Method.SA, Method.AA, Method.KP, Method.KP_KUNIN);

    /**
     * Section 4: final test accuracy against the variance of noise added to every update (w ← w + lr·ξ), for each rule
     * of {@link #NOISE_RULES}.
     */
    public static Map<Method, List<SeedRuns>> runNoise(Scale s, Runner runner) {
        SeedRuns.Batch<List<Object>> batch = SeedRuns.batch(runner);
        for (Method rule : NOISE_RULES) {
            for (double v : s.noiseVariances()) {
                batch.add(List.of(rule, v), rule.label() + "-" + v, KuninPresets.noise(rule, v, s), seeds(s.depthSeeds()));
            }
        }
        return byRule(batch.run());
    }

    /** Runs keyed (rule, setting), grouped by rule: rule → its runs in the order of the settings. */
    static Map<Method, List<SeedRuns>> byRule(Map<List<Object>, SeedRuns> runs) {
        Map<Method, List<SeedRuns>> out = new LinkedHashMap<>();
        runs.forEach((key, r) -> out.computeIfAbsent((Method) key.get(0), k -> new ArrayList<>()).add(r));
        return out;
    }

    static long[] seeds(int n) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = i + 1;
        }
        return s;
    }
}
