package org.creditlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.creditlab.data.DataSpec;
import org.creditlab.data.Dataset;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Precision;
import org.creditlab.nn.Trace;
import org.creditlab.papers.dfc.DfcNetworks;
import org.creditlab.papers.dfc.DfcPresets;
import org.creditlab.papers.dfc.Method;
import org.creditlab.papers.dfc.Preset;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.Feedback;
import org.creditlab.rules.dfc.DfcAnalysis;
import org.creditlab.rules.dfc.DfcSpec;
import org.creditlab.train.ConsoleProgress;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingRun;
import org.creditlab.util.Tanh;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times one training epoch of Deep Feedback Control against backprop on the same float64 tanh network
 * (784-H-H-H-10, Fashion-MNIST, batch 128, the published Fashion-MNIST constants of each method). It separates the
 * forward (wake) phase from the sleep phase that trains the feedback, and compares the two ways of forming the
 * Jacobian J that DFC-SSA needs. A benchmark, not a test: quote ratios.
 */
@Command(name = "bench-dfc", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time a DFC-SSA / DFC-SS / DFC epoch relative to a backprop epoch on the same network.")
final class DfcBenchCommand implements Callable<Integer> {
    @Option(names = "--methods", split = ",", defaultValue = "bp,dfc-ssa,dfc-ss,dfc",
            description = "Table 1 methods to time, by key, e.g. dfc-ssa-fixed (default: ${DEFAULT-VALUE})")
    List<String> methods;
    @Option(names = "--hidden", defaultValue = "256", description = "width of the three hidden layers (default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--train-limit", defaultValue = "2560", description = "training examples per epoch (default: ${DEFAULT-VALUE})")
    int trainLimit;
    @Option(names = "--sleep-batches", defaultValue = "0", description = "batches per feedback epoch (0: all)")
    int sleepBatches;
    @Option(names = "--sleep-precision", defaultValue = "float64", paramLabel = "float64|float32",
            description = "the sleep phase's floating-point type (default: ${DEFAULT-VALUE}, the paper's)")
    String sleepPrecision;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Flags flags = new Flags(spec);
        flags.require(hidden >= 1, "--hidden", "each hidden layer needs at least 1 unit, e.g. --hidden 256");
        flags.require(trainLimit == 0 || trainLimit >= DfcPresets.BATCH, "--train-limit", "the Jacobian timing needs one full batch of "
                + DfcPresets.BATCH + " examples; give at least " + DfcPresets.BATCH + ", or 0 for all");
        flags.require(sleepBatches >= 0, "--sleep-batches", "give a number of batches, or 0 for all");
        Precision precision = flags.parse("--sleep-precision", sleepPrecision, DfcBenchCommand::precision);
        // all methods are checked before the first is timed, so that a typo in the last does not cost the others' minutes
        List<Method> parsed = methods.stream().map(m -> flags.parse("--methods", m, Method::of)).toList();
        List<Preset> presets = parsed.stream().map(m -> DfcPresets.table1("fmnist", m)).toList();
        boolean anyDfc = presets.stream().anyMatch(p -> p.rule() instanceof DfcSpec);
        flags.usedOnlyIf(anyDfc, "--sleep-batches", "has no effect: none of --methods " + String.join(",", methods)
                + " has a sleep phase; leave it out or add a DFC method");
        boolean anySleep = presets.stream().anyMatch(p -> p.rule() instanceof DfcSpec s && s.trainFeedback());
        flags.usedOnlyIf(anySleep, "--sleep-precision", "has no effect: none of --methods " + String.join(",", methods)
                + " trains its feedback in a sleep phase; leave it out or add a DFC method with trained feedback");
        System.out.printf("threads: OMP_NUM_THREADS=%s, %d cores; 784-%d-%d-%d-10 tanh float64 (sleep phase %s), %d examples, "
                        + "batch %d%n", System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().availableProcessors(), hidden,
                hidden, hidden, precision.name().toLowerCase(Locale.ROOT), trainLimit, DfcPresets.BATCH);
        System.out.println("tanh: " + Tanh.describe());
        DataSpec data = DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(trainLimit).testLimit(500).build();
        double bpForward = Double.NaN;
        double bpTotal = Double.NaN;
        for (int m = 0; m < methods.size(); m++) {
            Method method = parsed.get(m);
            Preset p = presets.get(m).toBuilder().network(DfcNetworks.classifier(784, List.of(hidden, hidden, hidden), 10))
                    .training(TrainingOptions.of(2, DfcPresets.BATCH).toBuilder().evaluateTrain(false).build()).build();
            if (p.rule() instanceof DfcSpec s) {
                // time a later epoch: no pre-training, and the sleep phase of a normal epoch
                p = p.toBuilder().rule(s.toBuilder().pretrainEpochs(0).sleepBatches(sleepBatches)
                        .sleepPrecision(s.trainFeedback() ? precision : Precision.FLOAT64).build()).build();
            }
            List<Long> starts = new ArrayList<>();
            long begin = System.nanoTime();
            RunResult r = Runner.standard().noStore().progress(ConsoleProgress.epochsOnly())
                    .listen(new TrainingListener() {
                        @Override
                        public void endEpoch(TrainingRun run, EpochRecord rec) {
                            starts.add(System.nanoTime());
                        }
                    }).run(p.experiment("bench-dfc", data, 0)).orThrow();
            double forward = r.metrics().column("seconds")[1];
            double total = (starts.get(1) - starts.get(0)) / 1e9;
            if (method == Method.BP) {
                bpForward = forward;
                bpTotal = total;
            }
            System.out.printf(Locale.ROOT, "creditlab bench-dfc method=%s forward_s=%.2f epoch_s=%.2f (sleep and evaluation %.2f) "
                    + "forward/bp=%.1f epoch/bp=%.1f%n", method.key(), forward, total, total - forward, forward / bpForward, total / bpTotal);
        }
        jacobians(data);
        return 0;
    }

    private static Precision precision(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "float64" -> Precision.FLOAT64;
            case "float32" -> Precision.FLOAT32;
            default -> throw new IllegalArgumentException("give float64 (the paper's) or float32");
        };
    }

    /** J for one batch: one tall backward walk of B·n_L rows (ours) against n_L walks of BackwardPass. */
    private void jacobians(DataSpec data) {
        Network net = DfcNetworks.classifier(784, List.of(hidden, hidden, hidden), 10).build(0);
        Dataset batch = Datasets.load(data).train().select(IntStream.range(0, DfcPresets.BATCH).toArray());
        INDArray x = batch.inputs().castTo(DataType.DOUBLE);
        DfcAnalysis analysis = DfcAnalysis.of(net, x, batch.targets().castTo(DataType.DOUBLE));
        Trace trace = net.forward(x, Mode.EVAL, null);
        int reps = 30;
        double tall = Double.MAX_VALUE;
        double walks = Double.MAX_VALUE;
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            analysis.jacobians();
            long t1 = System.nanoTime();
            for (int k = 0; k < 10; k++) {
                INDArray unit = Nd4j.zeros(DataType.DOUBLE, DfcPresets.BATCH, 10);
                unit.getColumn(k).assign(1);
                BackwardPass.run(net, trace, unit, unit, w -> Feedback.exact(), null);
            }
            long t2 = System.nanoTime();
            tall = Math.min(tall, (t1 - t0) / 1e6);
            walks = Math.min(walks, (t2 - t1) / 1e6);
        }
        System.out.printf(Locale.ROOT, "creditlab bench-dfc jacobian batch=%d tall_walk_ms=%.2f backward_pass_walks_ms=%.2f ratio=%.2f%n",
                DfcPresets.BATCH, tall, walks, walks / tall);
    }
}
