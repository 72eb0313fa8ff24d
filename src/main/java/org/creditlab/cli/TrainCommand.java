package org.creditlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.creditlab.results.Json;
import org.creditlab.results.RunStore;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.Rules;
import org.creditlab.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains one configuration from flags (or a JSON file) and prints the per-epoch table. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train an MLP with a learning rule and print its per-epoch metrics.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", description = "an experiment JSON file (as written to results/.../config.json); other flags are ignored")
    Path config;
    @Option(names = "--experiment", defaultValue = "cli", description = "experiment name, the folder under results/ (default: ${DEFAULT-VALUE})")
    String experiment;
    @Option(names = "--rule", defaultValue = "bp", description = "learning rule; see 'creditlab rules' (default: ${DEFAULT-VALUE})")
    String rule;
    @Option(names = "--rule-option", description = "a rule setting as key=value (repeatable), e.g. --rule-option scale=0.05")
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
    @Option(names = "--print-config", description = "print the experiment's JSON and exit")
    boolean printConfig;

    @Override
    public Integer call() throws Exception {
        Experiment e = config != null ? Experiment.fromJson(Files.readString(config)) : fromFlags();
        if (printConfig) {
            System.out.println(e.toJson());
            return 0;
        }
        Runner runner = Runner.standard();
        if (noStore) {
            runner = runner.noStore();
        } else if (results != null) {
            runner = runner.store(new RunStore(results));
        }
        System.out.printf("%s | %s | %s | %s%n", e.data().describe(), e.network().describe(), e.ruleName(), e.optimizer().describe());
        RunResult r = runner.run(e);
        if (r.loaded()) {
            System.out.println("Loaded the stored run " + r.folder() + " (delete it to retrain).");
        }
        System.out.print(r.metrics().format());
        if (r.folder() != null) {
            System.out.println("Stored in " + r.folder());
        }
        return r.diverged() ? 3 : 0;
    }

    private Experiment fromFlags() {
        DataSpec data = DataSpec.of(DatasetName.parse(dataset)).withPath(dataDir).withTrainLimit(trainLimit)
                .withTestLimit(testLimit).withValidation(validation).withStandardize(standardize);
        int[] shape = {(int) java.util.Arrays.stream(data.dataset().exampleShape()).reduce(1, (a, b) -> a * b)};
        List<Integer> sizes = new ArrayList<>();
        sizes.add(shape[0]);
        sizes.addAll(hidden);
        sizes.add(data.dataset().classes());
        MlpSpec net = MlpSpec.of(sizes.stream().mapToInt(Integer::intValue).toArray())
                .withActivation(Nonlinearity.parse(activation)).withBias(!noBias)
                .withInit(new Init(init, initScale), noBias ? Init.zeros() : Init.pytorchDefault())
                .withDropout(dropout).withBatchNorm(batchNorm).withLoss(loss).withPrecision(precision);
        OptimizerSpec opt = (optimizer == OptimizerSpec.Kind.SGD ? OptimizerSpec.sgd(lr).withMomentum(momentum)
                : OptimizerSpec.adam(lr)).withWeightDecay(weightDecay)
                .withSchedule(new Schedule(lrSteps, lrGamma, 0));
        if (clip > 0) {
            opt = opt.withClipping(OptimizerSpec.Clipping.GLOBAL_NORM, clip);
        }
        TrainingOptions training = TrainingOptions.of(epochs, batchSize).withEvaluateTrain(!noTrainEval);
        return Experiment.of(experiment, data, net, ruleSpec(), opt, training, seed);
    }

    /** The rule's defaults with the --rule-option overrides applied, validated by its record. */
    private RuleSpec ruleSpec() {
        Rules.Entry entry = Rules.entry(rule);
        if (ruleOptions.isEmpty()) {
            return entry.defaults().get();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = Json.mapper().convertValue(entry.defaults().get(), LinkedHashMap.class);
        for (String kv : ruleOptions) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--rule-option expects key=value, got '" + kv + "'");
            }
            String key = kv.substring(0, eq);
            if (!fields.containsKey(key)) {
                fields.remove("rule");
                throw new IllegalArgumentException("rule '" + rule + "' has no setting '" + key + "'; its settings are " + fields.keySet());
            }
            fields.put(key, kv.substring(eq + 1));
        }
        return Json.mapper().convertValue(fields, entry.spec());
    }
}
