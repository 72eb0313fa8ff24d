package org.creditlab.papers.kunin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.creditlab.data.Augmentation;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.Pool2d;
import org.creditlab.notebook.Profile;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.train.TrainingOptions;

/**
 * The paper's depth comparison (BP, IA, SA and AA on ResNet-50v2/101v2/152v2, ImageNet) on small CIFAR-style ResNets
 * of depth 6n + 2 ({@link CnnSpec#resnet}): every convolution, 1×1 projection shortcut and the output layer learn
 * with the rule; BatchNorm, ReLU, pooling and the residual sums are back-propagated exactly, as in the reference
 * code. CIFAR-10 when it is present (FULL: all of it, random crops and flips), else Fashion-MNIST. The optimizers are
 * the MLP studies' ({@link KuninPresets#forward(double, int)}, B's own SGD at lr 0.1, alignment rate 50).
 *
 * @param dataset        CIFAR-10 if present, else Fashion-MNIST
 * @param trainExamples  stratified training subset (0: all)
 * @param testExamples   stratified test subset (0: all)
 * @param downsample     average-pool the input 2×2 first (28×28 → 14×14), to fit QUICK's time budget
 * @param width          channels of the first stage (then 2× and 4×)
 * @param blocksPerStage n for each depth 6n + 2
 * @param epochs         epochs of every run
 * @param batchSize      mini-batch size
 * @param learningRate   the forward optimizer's base learning rate
 * @param augment        random crops (padding 4) and horizontal flips of the training images
 * @param seeds          seeds per point
 */
public record ResNetDepth(DatasetName dataset, int trainExamples, int testExamples, boolean downsample, int width,
                          List<Integer> blocksPerStage, int epochs, int batchSize, double learningRate, boolean augment,
                          int seeds) {

    /** The rules of the paper's depth comparison (FA, which fails on ImageNet ResNets, is left out for time). */
    public static final List<Method> RULES = KuninStudy.DEPTH_RULES;

    /**
     * The alignment rate of each learned-feedback rule on convolutions (the MLP studies use 50). The data-dependent
     * primitives (Amp, Null, Sparse) sum over a feature map's positions, as in the reference code, so on 14×14 maps
     * their gradients are about a hundred times a dense layer's: at rate 50, IA and AA diverge within the first epoch,
     * and AA still does at 2 on ResNet-14; both get the reference code's default, 1. SA's terms (Decay, Self) do not
     * see the data: its B relaxes towards Wᵀ by a factor 1 − lr_B·rate·2e-3 per step, so 500 (0.9 per step) lets it
     * align within QUICK's 48 steps and is far from its stability limit (10,000).
     */
    public static final Map<Method, Double> ALIGNMENT_RATES = Map.of(Method.IA, 1.0, Method.SA, 500.0, Method.AA, 1.0);

    /** The rules of {@link #RULES} with this study's settings. */
    public static Map<Method, RuleSpec> rules() {
        Map<Method, RuleSpec> out = new LinkedHashMap<>();
        for (Method r : RULES) {
            out.put(r, r.spec() instanceof LearnedFeedbackSpec l ? l.toBuilder().alignmentRate(ALIGNMENT_RATES.get(r))
                    .build() : r.spec());
        }
        return out;
    }

    public ResNetDepth {
        blocksPerStage = List.copyOf(blocksPerStage);
    }

    /** QUICK: 1,600 training images, width 8, ResNet-8 and -14, 3 epochs, one seed. FULL: the whole dataset, width 16, ResNet-8/20/32. */
    public static ResNetDepth of(Profile p) {
        boolean cifar = Datasets.isPresent(DatasetName.CIFAR10);
        DatasetName d = cifar ? DatasetName.CIFAR10 : DatasetName.FASHION_MNIST;
        return p == Profile.QUICK
                ? new ResNetDepth(d, 1_600, 1_000, !cifar, 8, List.of(1, 2), 3, 128, 0.1, false, 1)
                : new ResNetDepth(d, 0, 0, false, 16, List.of(1, 3, 5), cifar ? 90 : 20, 128, 0.1, cifar, 3);
    }

    /** The depths 6n + 2 (convolutions and the output layer). */
    public List<Integer> depths() {
        return blocksPerStage.stream().map(n -> 6 * n + 2).toList();
    }

    public DataSpec data() {
        return DataSpec.of(dataset).toBuilder().flatten(false).standardize(true).trainLimit(trainExamples)
                .testLimit(testExamples).build();
    }

    /** ResNet-(6n + 2) for this dataset's images, after a 2×2 average pooling of the input if {@link #downsample}. */
    public CnnSpec network(int n) {
        CnnSpec net = CnnSpec.resnet(n, width, dataset.exampleShape());
        if (!downsample) {
            return net;
        }
        List<CnnSpec.Stage> stages = new ArrayList<>();
        stages.add(new CnnSpec.Pool(Pool2d.Kind.AVERAGE, 2, 2, 0));
        stages.addAll(net.stages());
        return net.toBuilder().stages(stages).build();
    }

    public Experiment experiment(RuleSpec rule, int n) {
        TrainingOptions t = TrainingOptions.of(epochs, batchSize).toBuilder().evaluateTrain(false)
                .augmentation(augment ? Augmentation.cropAndFlip(4) : Augmentation.none()).build();
        return KuninPresets.withFeedbackOptimizer(Experiment.of(KuninPresets.EXPERIMENT + "-resnet", data(), network(n), rule,
                KuninPresets.forward(learningRate, epochs), t, 1), KuninPresets.feedback());
    }

    /** Every rule of {@link #RULES} at every depth: rule → runs by depth. */
    public Map<Method, List<SeedRuns>> run(Runner runner) {
        Map<Method, RuleSpec> zoo = rules();
        SeedRuns.Batch<List<Object>> batch = SeedRuns.batch(runner);
        for (Method rule : RULES) {
            for (int n : blocksPerStage) {
                batch.add(List.of(rule, n), rule.label() + "-resnet" + (6 * n + 2), experiment(zoo.get(rule), n), KuninStudy.seeds(seeds));
            }
        }
        return KuninStudy.byRule(batch.run());
    }

    /** One line: what ran, on what. */
    public String describe() {
        return String.format(Locale.ROOT, "ResNet-%s, width %d, on %s%s, %d epochs, batch %d, %d seed(s)%s", depths(), width,
                data().describe(), downsample ? " pooled to 14×14" : "", epochs, batchSize, seeds,
                augment ? ", random crops and flips" : "");
    }
}
