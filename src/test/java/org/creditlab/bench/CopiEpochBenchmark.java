package org.creditlab.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DataSplits;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.nn.DecorrelatedMlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.copi.CopiSpec;
import org.creditlab.rules.copi.DecorrelatedBackpropSpec;
import org.creditlab.rules.copi.Route;
import org.creditlab.train.Trainer;
import org.creditlab.train.TrainingOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training epoch (batch 50, 5,000 Fashion-MNIST images, evaluation of 50 test images only) of the COPI network
 * 784-H×D-10 (D hidden layers of H units; the paper's is 784-500×6-10: {@code -p hidden=500 -p depth=6}) under each
 * rule:
 *
 * <ul>
 *   <li>{@code bp-plain}: backprop on the same widths without decorrelation layers (the paper's BP baseline);</li>
 *   <li>{@code bp}: backprop on the decorrelated network, R trained by its exact gradient (the same network);</li>
 *   <li>{@code bp-decor}: COPI's baseline, W by the gradient step, R by the decorrelation rule;</li>
 *   <li>{@code copi}, {@code copi-fa}: COPI with the BP and the FA route.</li>
 * </ul>
 *
 * Quote ratios, not times. Run with {@code environment/jmh.sh CopiEpoch}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class CopiEpochBenchmark {
    @Param({"bp-plain", "bp", "bp-decor", "copi", "copi-fa"})
    public String rule;
    @Param({"256"})
    public int hidden;
    @Param({"2"})
    public int depth;

    private DataSplits data;
    private Network network;
    private LearningRule learningRule;
    private Optimizers optimizers;
    private int epoch;

    @Setup
    public void setUp() {
        data = Datasets.load(DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(5000).testLimit(50).download(false).build());
        int[] sizes = new int[depth + 2];
        Arrays.fill(sizes, hidden);
        sizes[0] = 784;
        sizes[depth + 1] = 10;
        DecorrelatedMlpSpec spec = DecorrelatedMlpSpec.of(sizes).toBuilder().decorrelate(!rule.equals("bp-plain")).build();
        network = spec.build(1);
        RuleSpec r = switch (rule) {
            case "bp-plain", "bp" -> new BackpropSpec();
            case "bp-decor" -> new DecorrelatedBackpropSpec().toBuilder().decorrelationOnlyEpochs(0).build();
            case "copi" -> new CopiSpec().toBuilder().decorrelationOnlyEpochs(0).build();
            case "copi-fa" -> new CopiSpec().toBuilder().route(Route.FA).lossMultiplier(100).decorrelationOnlyEpochs(0).build();
            default -> throw new IllegalArgumentException(rule);
        };
        learningRule = r.create(network, 1);
        // small steps: timing only, and no run may diverge
        optimizers = Optimizers.of(OptimizerSpec.sgd(1e-4));
    }

    @Benchmark
    public double epoch() {
        Trainer t = new Trainer("bench", network, learningRule, optimizers,
                TrainingOptions.of(1, 50).toBuilder().evaluateTrain(false).dropLast(true).build(), 1 + epoch++);
        return t.fit(data).last().get("seconds");
    }
}
