package org.creditlab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Precision;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Schedule;
import org.creditlab.results.RunStore;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.Rules;
import org.creditlab.train.TrainingOptions;
import org.creditlab.util.IoMessages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains one configuration from flags (or a JSON file) and prints the per-epoch table. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an MLP with a learning rule and print its per-epoch metrics.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", description = "an experiment JSON file (as written to results/.../config.json); only --results, --no-store, --refuse-stale and --print-config go with it")
    Path config;
    @Option(names = "--experiment", defaultValue = "cli", description = "experiment name, the folder under results/ (default: ${DEFAULT-VALUE})")
    String experiment;
    @Option(names = "--rule", defaultValue = "bp", description = "learning rule; see 'creditlab rules' (default: ${DEFAULT-VALUE})")
    String rule;
    @Option(names = "--rule-option", description = "a rule setting as key=value (repeatable), e.g. --rule pepita --rule-option"
            + " projectionScale=0.05; a.b=value sets a setting inside a group, e.g. --rule fa --rule-option feedback.init.kind=HE_NORMAL,"
            + " and a JSON value is merged into a group's defaults, e.g. --rule-option 'feedback={\"init\":\"HE_NORMAL\"}';"
            + " --print-config shows every setting")
    List<String> ruleOptions = new ArrayList<>();
    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "mnist, fashion-mnist, cifar-10 or cifar-100 (default: ${DEFAULT-VALUE})")
    String dataset;
    @Option(names = "--data-dir", description = "a folder holding the dataset's files (default: search data/, system installs, then download)")
    String dataDir;
    @Option(names = "--train-limit", defaultValue = "0", description = "stratified subset of training examples (0: all)")
    int trainLimit;
    @Option(names = "--test-limit", defaultValue = "0", description = "stratified subset of test examples (0: all)")
    int testLimit;
    @Option(names = "--validation", defaultValue = "0", description = "hold out this many training examples for validation")
    int validation;
    @Option(names = "--standardize", description = "standardise inputs with the training set's mean and std")
    boolean standardize;
    @Option(names = "--hidden", split = ",", defaultValue = "256", description = "hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE})")
    List<Integer> hidden;
    @Option(names = "--activation", defaultValue = "relu", description = "relu, leaky_relu[:slope], tanh, sigmoid, identity (default: ${DEFAULT-VALUE})")
    String activation;
    @Option(names = "--no-bias", description = "dense layers without biases")
    boolean noBias;
    @Option(names = "--init", defaultValue = "PYTORCH_DEFAULT", description = "weight initialiser: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Init.Kind init;
    @Option(names = "--init-scale", defaultValue = "1", description = "scale factor of the initialiser (default: ${DEFAULT-VALUE})")
    double initScale;
    @Option(names = "--dropout", defaultValue = "0", description = "dropout probability after hidden activations")
    double dropout;
    @Option(names = "--batch-norm", description = "batch normalisation after each hidden dense layer")
    boolean batchNorm;
    @Option(names = "--loss", defaultValue = "SOFTMAX_CROSS_ENTROPY", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Loss loss;
    @Option(names = "--precision", defaultValue = "FLOAT32", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Precision precision;
    @Option(names = "--epochs", defaultValue = "5", description = "(default: ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--batch-size", defaultValue = "64", description = "(default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--optimizer", defaultValue = "SGD", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    OptimizerSpec.Kind optimizer;
    @Option(names = "--lr", defaultValue = "0.01", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE})")
    double momentum;
    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay")
    double weightDecay;
    @Option(names = "--clip", defaultValue = "0", description = "clip update directions to this global L2 norm (0: off)")
    double clip;
    @Option(names = "--lr-steps", split = ",", description = "epochs at which the learning rate is multiplied by --lr-gamma, e.g. 60,90")
    List<Integer> lrSteps = new ArrayList<>();
    @Option(names = "--lr-gamma", defaultValue = "0.1", description = "learning-rate decay factor (default: ${DEFAULT-VALUE})")
    double lrGamma;
    @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--no-train-eval", description = "record the running training loss instead of evaluating the training set after each epoch")
    boolean noTrainEval;
    @Option(names = "--results", description = "results folder (default: the project's results/)")
    Path results;
    @Option(names = "--no-store", description = "neither load nor store the run")
    boolean noStore;
    @Option(names = "--refuse-stale", description = "refuse to load a stored run made by other code versions (default: load it with a warning; also CREDITLAB_REFUSE_STALE=true)")
    boolean refuseStale;
    @Option(names = "--print-config", description = "print the experiment's JSON and exit")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    /** What --config leaves to the command line: where (and whether) the run is stored, and printing it. */
    private static final Set<String> WITH_CONFIG = Set.of("--config", "--results", "--no-store", "--refuse-stale", "--print-config");

    @Override
    public Integer call() {
        Flags flags = new Flags(spec);
        flags.usedOnlyIf(!noStore, "--results", "has no effect with --no-store, which neither loads nor stores the run; give one of the two");
        flags.usedOnlyIf(!noStore, "--refuse-stale", "has no effect with --no-store, which loads no stored run; give one of the two");
        flags.require(results == null || !Files.exists(results) || Files.isDirectory(results), "--results",
                "not a folder; give the folder to store runs in");
        Experiment e = config != null ? fromConfig(flags) : fromFlags(flags);
        if (printConfig) {
            System.out.println(e.toJson());
            return 0;
        }
        Runner runner = Runner.standard();
        RunStore store = noStore ? null : results != null ? new RunStore(results) : RunStore.standard();
        runner = store == null ? runner.noStore() : runner.store(store);
        if (refuseStale) {
            runner = runner.refuseStale(true);
        }
        System.out.printf("%s | %s | %s | %s%n", e.data().describe(), e.network().describe(), e.ruleName(), e.optimizer().describe());
        RunResult r;
        try {
            r = runner.run(e);
        } catch (UncheckedIOException x) {
            if (store == null) {
                throw x;
            }
            // The store's own message may hold only a path (an AccessDeniedException's message is the path).
            throw new IllegalStateException("results folder " + store.root() + ": " + IoMessages.describe(x.getCause())
                    + "; make it readable and writable, choose another with --results, or train with --no-store", x);
        }
        if (r.recorded()) {
            System.out.println("Loaded the run record " + r.folder() + " (metrics only; CREDITLAB_RECORDS=none trains the "
                    + "run into the results folder instead).");
        } else if (r.loaded()) {
            System.out.println("Loaded the stored run " + r.folder() + " ('runs reset' with that folder retrains it).");
        }
        System.out.print(r.metrics().format());
        if (r.folder() != null) {
            System.out.println("Stored in " + r.folder());
        }
        return r.diverged() ? 3 : 0;
    }

    private Experiment fromConfig(Flags flags) {
        List<String> ignored = flags.givenExcept(WITH_CONFIG);
        if (!ignored.isEmpty()) {
            throw new IllegalArgumentException("--config " + config + " holds the whole experiment, so " + String.join(", ", ignored)
                    + " would be ignored; leave them out, or change the file (--print-config writes one to start from)");
        }
        String json;
        try {
            json = Files.readString(config);
        } catch (IOException x) {
            throw new IllegalArgumentException("--config " + IoMessages.describe(config, x)
                    + "; give an experiment JSON file, such as a run's config.json or what --print-config writes", x);
        }
        Experiment e;
        try {
            e = Experiment.fromJson(json);
        } catch (IllegalArgumentException x) {
            String at = x.getCause() instanceof JsonProcessingException j && j.getLocation() != null
                    ? " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")" : "";
            throw new IllegalArgumentException("--config " + config + ": " + x.getMessage() + at
                    + "; fix the file, or write a fresh one with --print-config", x);
        }
        return e;
    }

    private Experiment fromFlags(Flags flags) {
        check(flags);
        DataSpec data = DataSpec.of(flags.parse("--dataset", dataset, DatasetName::parse)).toBuilder()
                // absolute, as the run id hashes it: one relative name from two folders is two datasets
                .path(dataDir == null ? null : Path.of(dataDir).toAbsolutePath().normalize().toString())
                .trainLimit(trainLimit).testLimit(testLimit).validation(validation).standardize(standardize).build();
        int[] shape = {(int) Arrays.stream(data.dataset().exampleShape()).reduce(1, (a, b) -> a * b)};
        List<Integer> sizes = new ArrayList<>();
        sizes.add(shape[0]);
        sizes.addAll(hidden);
        sizes.add(data.dataset().classes());
        MlpSpec net = MlpSpec.of(sizes.stream().mapToInt(Integer::intValue).toArray())
                .toBuilder().activation(flags.parse("--activation", activation, Nonlinearity::parse)).bias(!noBias)
                .weightInit(new Init(init, initScale)).biasInit(noBias ? Init.zeros() : Init.pytorchDefault())
                .dropout(dropout).batchNorm(batchNorm).loss(loss).precision(precision).build();
        OptimizerSpec.Builder opt = (optimizer == OptimizerSpec.Kind.SGD ? OptimizerSpec.sgd(lr) : OptimizerSpec.adam(lr))
                .toBuilder().weightDecay(weightDecay).schedule(new Schedule(lrSteps, lrGamma, 0));
        if (optimizer == OptimizerSpec.Kind.SGD) {
            opt.momentum(momentum);
        }
        if (clip > 0) {
            opt.clipping(OptimizerSpec.Clipping.GLOBAL_NORM).maxNorm(clip);
        }
        TrainingOptions training = TrainingOptions.of(epochs, batchSize).toBuilder().evaluateTrain(!noTrainEval).build();
        return Experiment.of(experiment, data, net, ruleSpec(flags), opt.build(), training, seed);
    }

    /**
     * Values the library would take but that cannot be what was meant (--epochs 0, --clip -1), or that it refuses
     * without naming the flag; and flags that the other flags make ineffective.
     */
    private void check(Flags flags) {
        flags.once("--hidden", "the sizes");
        flags.once("--lr-steps", "the epochs");
        flags.require(epochs >= 1, "--epochs", "train for at least 1 epoch");
        flags.require(batchSize >= 1, "--batch-size", "a batch needs at least 1 example, e.g. --batch-size 64");
        flags.require(hidden.stream().allMatch(h -> h >= 1), "--hidden", "every hidden layer needs at least 1 unit, e.g. --hidden 256,128");
        flags.require(initScale > 0 && Double.isFinite(initScale), "--init-scale",
                "the scale must be a finite number > 0 (1: the textbook initialiser)");
        flags.require(dropout >= 0 && dropout < 1, "--dropout", "the dropout probability must be in [0, 1) (0: none)");
        flags.require(lr > 0 && Double.isFinite(lr), "--lr", "the learning rate must be a finite number > 0, e.g. --lr 0.01");
        flags.require(momentum >= 0 && momentum < 1, "--momentum", "momentum must be in [0, 1) (0: none)");
        flags.require(weightDecay >= 0 && Double.isFinite(weightDecay), "--weight-decay",
                "weight decay must be a finite number >= 0 (0: none)");
        flags.require(clip >= 0 && Double.isFinite(clip), "--clip", "the clipping norm must be a finite number > 0, or 0 for no clipping");
        flags.require(lrGamma > 0 && Double.isFinite(lrGamma), "--lr-gamma", "the decay factor must be a finite number > 0, e.g. 0.1");
        for (int i = 0; i < lrSteps.size(); i++) {
            flags.require(lrSteps.get(i) >= 0 && (i == 0 || lrSteps.get(i) > lrSteps.get(i - 1)), "--lr-steps",
                    "the epochs must be >= 0, increasing and each given once, e.g. --lr-steps 60,90");
            flags.require(lrSteps.get(i) < epochs, "--lr-steps", "epoch " + lrSteps.get(i) + " is never reached in " + epochs
                    + " epochs (--epochs " + epochs + "; epochs count from 0); give epochs below " + epochs + " or train longer");
        }
        flags.usedOnlyIf(optimizer == OptimizerSpec.Kind.SGD, "--momentum", "has no effect with --optimizer " + optimizer
                + ": only SGD uses momentum; leave out --momentum or use --optimizer SGD");
        flags.usedOnlyIf(!lrSteps.isEmpty(), "--lr-gamma",
                "has no effect without --lr-steps, the epochs at which the rate is multiplied by it; add --lr-steps or leave it out");
        flags.usedOnlyIf(init != Init.Kind.ZEROS, "--init-scale", "has no effect with --init ZEROS; leave it out");
    }

    /** The rule's defaults with the --rule-option overrides applied, validated by its record. */
    private RuleSpec ruleSpec(Flags flags) {
        Rules.Entry entry = flags.parse("--rule", rule, Rules::entry);
        return new RuleOptions(rule, entry).apply(ruleOptions);
    }
}
