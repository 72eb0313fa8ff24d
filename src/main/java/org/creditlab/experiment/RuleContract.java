package org.creditlab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DataSplits;
import org.creditlab.data.Dataset;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.DecorrelatedMlpSpec;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Pool2d;
import org.creditlab.nn.Precision;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.results.Json;
import org.creditlab.results.RunStore;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.Rules;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.Trainer;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingRun;
import org.creditlab.util.AtomicFiles;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a registered rule must do to be used like a built-in one, checked in seconds on tiny networks with its
 * defaults. A notebook cell that has just registered a rule runs {@code RuleContract.check("my-rule")} and reads the
 * report; the project's tests run it for every registered rule.
 *
 * <ul>
 *   <li><b>settings:</b> they survive a JSON round trip, and the rule's name, label and run id resolve;</li>
 *   <li><b>trains:</b> two epochs of two steps on a tiny MLP through {@link Runner} give finite losses and move the
 *       network's or the rule's state;</li>
 *   <li><b>resumes:</b> a run that crashes after its first epoch resumes from the checkpoint to the uninterrupted
 *       run's metrics, weights, rule parameters and buffers, bit for bit, and is then loaded as the same;</li>
 *   <li><b>convolutional form:</b> if {@code create} accepts a small ResNet (BatchNorm, a residual block with a
 *       strided projection, pooling) it trains it a few steps and moves every forward weight; a rule without a
 *       convolutional form must refuse one there with an {@link IllegalArgumentException}.</li>
 * </ul>
 *
 * It does not check that the update is right: that needs the rule's own tests (a finite-difference or hand-computed
 * update on a tiny double-precision network, a limit in which it equals another rule).
 */
public final class RuleContract {
    /** Tiny MLPs in double precision, tried in order (COPI needs its decorrelated network without biases). */
    public static final List<NetworkSpec> MLPS = List.of(
            MlpSpec.of(784, 12, 10).toBuilder().activation(Nonlinearity.tanh()).precision(Precision.FLOAT64).build(),
            DecorrelatedMlpSpec.of(784, 12, 10).toBuilder().precision(Precision.FLOAT64).build());
    /** The seed of every run the contract trains. */
    static final long SEED = 3;

    public enum Outcome { PASSED, FAILED, SKIPPED }

    /** One clause of the contract and how the rule fared. */
    public record Clause(String name, Outcome outcome, String detail) {}

    /** The rule's clauses, in the order checked. */
    public record Report(String rule, List<Clause> clauses) {
        public Report {
            clauses = List.copyOf(clauses);
        }

        /** No clause failed (a skipped clause is not a failure: it says why it was skipped). */
        public boolean passed() {
            return clauses.stream().noneMatch(c -> c.outcome() == Outcome.FAILED);
        }

        public Outcome outcome(String clause) {
            return clauses.stream().filter(c -> c.name().equals(clause)).findFirst().map(Clause::outcome)
                    .orElseThrow(() -> new IllegalArgumentException("no clause '" + clause + "'"));
        }

        /** This report if the rule passed; otherwise an {@link AssertionError} that lists every clause. */
        public Report orThrow() {
            if (!passed()) {
                throw new AssertionError(format());
            }
            return this;
        }

        public String format() {
            StringBuilder b = new StringBuilder("rule '" + rule + "': " + (passed() ? "meets the contract" : "FAILS the contract"));
            clauses.forEach(c -> b.append("\n  ").append(String.format("%-7s", c.outcome())).append(' ').append(c.name())
                    .append(": ").append(c.detail()));
            return b.toString();
        }

        @Override
        public String toString() { return format(); }
    }

    private RuleContract() {}

    /** Checks the rule registered as {@code name} (or an alias) with its defaults; an unknown name is refused. */
    public static Report check(String name) {
        Rules.entry(name);
        Path dir;
        try {
            dir = Files.createTempDirectory("creditlab-contract-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the contract's runs: " + e.getMessage(), e);
        }
        try {
            return new Checker(name, dir).run();
        } finally {
            AtomicFiles.deleteQuietly(dir);
        }
    }

    /** One rule's check; a clause that throws fails with the exception's message, and the next clauses still run. */
    private static final class Checker {
        final String name;
        final Path dir;
        final List<Clause> clauses = new ArrayList<>();

        Checker(String name, Path dir) {
            this.name = name;
            this.dir = dir;
        }

        Report run() {
            clause("settings", this::settings);
            if (!Datasets.isPresent(DatasetName.FASHION_MNIST)) {
                String why = "Fashion-MNIST is not installed (`java -jar target/creditlab.jar data fashion-mnist`"
                        + " downloads it; Debian: dataset-fashion-mnist)";
                clauses.add(new Clause("trains", Outcome.SKIPPED, why));
                clauses.add(new Clause("resumes", Outcome.SKIPPED, why));
            } else {
                RunResult[] whole = new RunResult[1];
                clause("trains", () -> {
                    whole[0] = runner("whole").run(experiment(2));
                    return trains(whole[0]);
                });
                if (clauses.get(clauses.size() - 1).outcome() != Outcome.PASSED) {
                    clauses.add(new Clause("resumes", Outcome.SKIPPED, "it did not train"));
                } else {
                    clause("resumes", () -> resumes(whole[0]));
                }
            }
            clause("convolutional form", this::convolutional);
            return new Report(name, clauses);
        }

        interface Body {
            /** The detail of a pass, or a clause of its own (a skip); throws on a failure. */
            Object check() throws Exception;
        }

        void clause(String clause, Body body) {
            try {
                Object r = body.check();
                clauses.add(r instanceof Clause c ? c : new Clause(clause, Outcome.PASSED, String.valueOf(r)));
            } catch (Exception | AssertionError | LinkageError e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                clauses.add(new Clause(clause, Outcome.FAILED, message));
            }
        }

        /** A runner on a folder of the check's own; it trains even where CREDITLAB_TRAIN=no makes notebooks load only. */
        Runner runner(String folder) {
            return Runner.standard().quiet().notices(s -> {}).loadOnly(false).store(new RunStore(dir.resolve(folder)));
        }

        /** 20 training examples in batches of 10 (two steps an epoch) on the first of {@link #MLPS} the rule accepts. */
        Experiment experiment(int epochs) {
            RuleSpec spec = Rules.defaults(name);
            List<String> refusals = new ArrayList<>();
            for (NetworkSpec net : MLPS) {
                try {
                    spec.create(net.build(1), 1);
                } catch (IllegalArgumentException refused) {
                    refusals.add(refused.getMessage());
                    continue;
                }
                DataSpec data = DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(20).testLimit(20).download(false).build();
                return Experiment.of("contract", data, net, spec, OptimizerSpec.sgd(0.01).toBuilder().momentum(0.9).build(),
                        TrainingOptions.of(epochs, 10), SEED);
            }
            throw new IllegalStateException("it accepts none of the contract's tiny MLPs (RuleContract.MLPS): " + refusals);
        }

        String settings() {
            RuleSpec spec = Rules.defaults(name);
            require(Rules.entry(name).spec().isInstance(spec), "Rules.defaults gives a " + spec.getClass().getName()
                    + ", not the registered " + Rules.entry(name).spec().getName());
            String json = Json.write(spec);
            RuleSpec back = Json.read(json, RuleSpec.class);
            require(spec.equals(back), "its settings read back from JSON differ: " + json + " gave " + back
                    + " (a record's components must all be written; a class needs equals)");
            require(json.equals(Json.write(back)), "its settings are written differently once read back: " + json);
            require(!spec.ruleName().isBlank(), "its label (RuleSpec.ruleName) is blank");
            Experiment e = experiment(1);
            require(e.equals(Experiment.fromJson(e.toJson())), "an experiment with it does not survive JSON");
            require(e.runId().startsWith(spec.ruleName() + "-s" + SEED + "-"), "its run id " + e.runId()
                    + " does not start with its label '" + spec.ruleName() + "'");
            return "JSON " + json.replaceAll("\\s*\\n\\s*", " ");
        }

        String trains(RunResult run) {
            MetricsTable m = run.metrics();
            require(m.epochs() == 2, "2 epochs asked, " + m.epochs() + " recorded");
            require(Arrays.stream(m.column("test_loss")).allMatch(Double::isFinite), "a loss is not finite:\n" + m.format());
            Experiment e = run.experiment();
            Network fresh = e.network().build(e.seed());
            Map<String, INDArray> initial = state(fresh, e.rule().create(fresh, e.seed()));
            Map<String, INDArray> trained = state(run.network(), run.rule());
            require(initial.keySet().stream().anyMatch(k -> !Arrays.equals(bits(initial.get(k)), bits(trained.get(k)))),
                    "nothing it holds changed in 4 steps");
            return String.format("4 steps on %s, test loss %.4f after the second epoch", e.network().describe(),
                    m.last().get("test_loss"));
        }

        String resumes(RunResult whole) {
            Experiment e = whole.experiment();
            Runner crashing = runner("split").listen(new TrainingListener() {
                @Override
                public void endEpoch(TrainingRun run, EpochRecord r) {
                    if (r.get("epoch") == 2) { // listeners run before the store: epoch 1 is committed, epoch 2 is not
                        throw new SimulatedCrash();
                    }
                }
            });
            try {
                crashing.run(e);
                throw new IllegalStateException("the contract's simulated crash in epoch 2 did not stop the run");
            } catch (SimulatedCrash expected) {
                // the run stopped with its first epoch committed
            }
            RunResult resumed = runner("split").run(e);
            require(!resumed.loaded(), "the interrupted run was loaded as complete instead of resumed");
            try {
                sameRun(whole, resumed, "resumed from epoch 1");
            } catch (IllegalStateException differs) {
                throw new IllegalStateException(differs.getMessage() + ". State that the update reads must be in the"
                        + " rule's parameters() or buffers(), so that checkpoints keep it, and its randomness must come"
                        + " from the step's StepContext.rng()", differs);
            }
            RunResult loaded = runner("split").run(e);
            require(loaded.loaded(), "the completed run was trained again instead of loaded");
            sameRun(whole, loaded, "loaded");
            return "resumed after epoch 1 to the uninterrupted run, bit for bit (" + state(whole.network(), whole.rule()).size()
                    + " arrays), and loaded";
        }

        Object convolutional() {
            Network net = smallResNet();
            Map<Parameter, INDArray> before = new HashMap<>();
            net.parameters().forEach(p -> before.put(p, p.value().dup()));
            LearningRule rule;
            try {
                rule = Rules.defaults(name).create(net, SEED);
            } catch (IllegalArgumentException dense) {
                return new Clause("convolutional form", Outcome.SKIPPED, "none (create refuses a CNN: " + dense.getMessage() + ")");
            }
            MetricsTable m = new Trainer("contract", net, rule, Optimizers.of(OptimizerSpec.sgd(0.05)),
                    TrainingOptions.of(1, 16).toBuilder().evaluateTrain(false).build(), 4)
                    .fit(new DataSplits(images(48, 1), null, images(16, 2)));
            require(Double.isFinite(m.last().get("train_loss")) && Double.isFinite(m.last().get("test_loss")),
                    "a loss is not finite on the small ResNet:\n" + m.format());
            for (var w : net.weightLayers()) {
                require(!before.get(w.weight()).equalsWithEps(w.weight().value(), 0), "layer " + w.name()
                        + " of the small ResNet did not learn in 3 steps");
            }
            return "trains a small ResNet (BatchNorm, a residual block, pooling); every weight moved in 3 steps";
        }
    }

    private static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("the contract's simulated crash in epoch 2", null, false, false);
        }
    }

    private static void require(boolean holds, String otherwise) {
        if (!holds) {
            throw new IllegalStateException(otherwise);
        }
    }

    /** A 1×12×12 input, a convolution, a residual stage with a strided projection, max pooling, a hidden layer, 3 classes. */
    static Network smallResNet() {
        return new CnnSpec(List.of(1L, 12L, 12L), List.of(new CnnSpec.Conv(4, 3, 1, 1, false, true),
                new CnnSpec.ResidualStage(6, 1, 2), new CnnSpec.Pool(Pool2d.Kind.MAX, 2, 2, 0), new CnnSpec.Hidden(8)),
                3, Nonlinearity.relu(), true, Init.heNormal(), Init.zeros(), Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT32).build(2);
    }

    /** {@code n} random 1×12×12 images in 3 balanced classes. */
    static Dataset images(int n, long seed) {
        INDArray x = Rng.of(seed).normal(DataType.FLOAT, 0, 1, n, 144);
        int[] labels = IntStream.range(0, n).map(i -> i % 3).toArray();
        return new Dataset("random", x, labels, 3, List.of("a", "b", "c"), new long[] {1, 12, 12}, null);
    }

    /** The network's parameters and buffers and the rule's, by name: what a checkpoint keeps of them. */
    static Map<String, INDArray> state(Network net, LearningRule rule) {
        return RunState.model(net, rule);
    }

    /** Every metric but the wall-clock time, and every array, bit for bit; otherwise what differs first. */
    static void sameRun(RunResult expected, RunResult actual, String how) {
        MetricsTable a = expected.metrics();
        MetricsTable b = actual.metrics();
        require(a.columns().equals(b.columns()), how + ", its metrics have other columns: " + b.columns() + " against " + a.columns());
        for (String c : a.columns()) {
            require(c.equals("seconds") || Arrays.equals(a.column(c), b.column(c)), how + ", its " + c + " differs: "
                    + Arrays.toString(b.column(c)) + " against the uninterrupted run's " + Arrays.toString(a.column(c)));
        }
        Map<String, INDArray> sa = state(expected.network(), expected.rule());
        Map<String, INDArray> sb = state(actual.network(), actual.rule());
        require(sa.keySet().equals(sb.keySet()), how + ", it holds other arrays: " + sb.keySet() + " against " + sa.keySet());
        sa.forEach((k, v) -> {
            require(Arrays.equals(v.shape(), sb.get(k).shape()), how + ", " + k + " has shape " + Arrays.toString(sb.get(k).shape())
                    + " against " + Arrays.toString(v.shape()));
            require(Arrays.equals(bits(v), bits(sb.get(k))), how + ", " + k + " differs from the uninterrupted run's");
        });
    }

    /** Every element, exactly (float32 widens to float64 without rounding). */
    static double[] bits(INDArray a) {
        Objects.requireNonNull(a);
        return a.dup('c').castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }
}
