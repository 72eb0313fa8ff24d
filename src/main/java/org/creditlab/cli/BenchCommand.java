package org.creditlab.cli;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.Rules;
import org.creditlab.train.ConsoleProgress;
import org.creditlab.train.TrainingOptions;
import org.creditlab.util.BlasInfo;
import org.creditlab.util.VectorModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times training epochs on Fashion-MNIST with SGD, momentum 0.9: a one-hidden-layer MLP (the same network, batch,
 * optimizer and thread count as {@code shared/bench/torch_bp_epoch.py}) or, with {@code --network cnn}, the small CNN
 * of {@code shared/bench/torch_cnn_epoch.py} ({@link CnnSpec#small}). Evaluation is not timed. This is a benchmark, not
 * a test: compare it with PyTorch back to back on the same machine and quote the ratio. It prints the BLAS build, the
 * kernels OpenBLAS chose and the library it loaded ({@link BlasInfo}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time training epochs (784-H-10 MLP or the small CNN, SGD momentum 0.9, Fashion-MNIST); evaluation is not timed.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--network", defaultValue = "mlp", description = "mlp (784-H-10) or cnn (conv16-pool-conv32-pool-10) (default: ${DEFAULT-VALUE})")
    String network;
    @Option(names = "--rules", split = ",", defaultValue = "bp", description = "rules to time, comma-separated (default: ${DEFAULT-VALUE})")
    List<String> rules;
    @Option(names = "--hidden", defaultValue = "1024", description = "(default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--batch-size", defaultValue = "64", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--epochs", defaultValue = "2", description = "(default: ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--lr", defaultValue = "0.01", description = "(default: ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--train-limit", defaultValue = "0", description = "training examples (0: all 60000)")
    int trainLimit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Flags flags = new Flags(spec);
        flags.require(network.equals("mlp") || network.equals("cnn"), "--network", "give mlp or cnn");
        boolean cnn = network.equals("cnn");
        flags.usedOnlyIf(!cnn, "--hidden", "has no effect with --network cnn, whose layers are fixed; leave it out");
        flags.require(hidden >= 1, "--hidden", "the hidden layer needs at least 1 unit, e.g. --hidden 1024");
        flags.require(batchSize >= 1, "--batch-size", "a batch needs at least 1 example, e.g. --batch-size 64");
        flags.require(epochs >= 1, "--epochs", "time at least 1 epoch");
        flags.require(lr > 0 && Double.isFinite(lr), "--lr", "the learning rate must be a finite number > 0, e.g. --lr 0.01");
        // all rules are checked before the first is timed, so that a typo in the last does not cost the others' minutes
        rules.forEach(rule -> flags.parse("--rules", rule, Rules::entry));
        System.out.printf("threads: OMP_NUM_THREADS=%s, %d cores%n", System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().availableProcessors());
        // what was measured: the BLAS build, the kernels it chose for this CPU and the library file actually loaded
        System.out.printf("blas: %s; library %s%n", BlasInfo.describe(), BlasInfo.loadedLibrary());
        System.out.printf("vector api: %s%n", VectorModule.loaded() ? "loaded (pooling, ReLU and the first convolution's"
                + " weight gradient run on vectors)" : "not loaded (start java with " + VectorModule.JVM_OPTION
                + " for the vector paths; the numbers are the same)");
        NetworkSpec net = cnn ? CnnSpec.small(1, 28, 28) : MlpSpec.of(784, hidden, 10);
        for (String rule : rules) {
            DataSpec data = DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(trainLimit).testLimit(1000)
                    .flatten(!cnn).build();
            Experiment e = Experiment.of("bench", data, net, Rules.defaults(rule),
                    OptimizerSpec.sgd(lr).toBuilder().momentum(0.9).build(),
                    TrainingOptions.of(epochs, batchSize).toBuilder().evaluateTrain(false).build(), 0);
            RunResult r = Runner.standard().noStore().progress(ConsoleProgress.epochsOnly()).run(e).orThrow();
            double[] s = r.metrics().column("seconds");
            System.out.printf("creditlab rule=%s network=%s batch=%d epochs=%d epoch_s=%.2f per_epoch=%s test_acc=%.4f%n", rule,
                    net.describe().replace(" ", "_"), batchSize, epochs, Arrays.stream(s).average().orElse(Double.NaN),
                    Arrays.toString(Arrays.stream(s).map(x -> Math.round(x * 100) / 100.0).toArray()), r.last("test_acc"));
        }
        return 0;
    }
}
