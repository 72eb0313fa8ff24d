package org.example.userrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Parameter;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.experiment.RuleCode;
import org.creditlab.nn.Network;
import org.creditlab.results.Provenance;
import org.creditlab.results.StatusRewrite;
import org.creditlab.results.RunStore;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.HasFeedback;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.Rules;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Issue 17's promise, as a notebook user would test it from their own package: a rule defined here
 * ({@link NormalizedFeedbackAlignment}) is registered, trained through an experiment, stored, interrupted and resumed
 * bit for bit, and loaded, exactly like a built-in rule.
 */
class UserRuleTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void register() {
        NormalizedFeedbackAlignment.register();
    }

    private static Experiment experiment() {
        return Experiment.of("user-rule", DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(1000).testLimit(100).download(false)
                        .standardize(true).build(),
                MlpSpec.of(784, 64, 10), new NormalizedFeedbackAlignment.Spec(), OptimizerSpec.sgd(0.05).toBuilder().momentum(0.9).build(),
                TrainingOptions.of(3, 50), 1);
    }

    private Runner runner(String folder) {
        return Runner.standard().quiet().store(new RunStore(tmp.resolve(folder)));
    }

    @Test
    void isNamedAndWrittenLikeABuiltInRule() {
        Experiment e = experiment();
        assertEquals("fa-norm", e.ruleName());
        assertTrue(e.runId().startsWith("fa-norm-s1-"), e.runId());
        assertTrue(e.toJson().contains("\"rule\" : \"fa-norm\""), e.toJson());
        assertEquals(e, Experiment.fromJson(e.toJson()));
        assertTrue(Rules.all().containsKey("fa-norm"));
        RuleSpec fromCatalogue = Rules.defaults("fa-norm");
        assertEquals(new NormalizedFeedbackAlignment.Spec(), fromCatalogue);
    }

    @Test
    void trainsStoresResumesBitForBitAndLoads() throws Exception {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        Experiment e = experiment();
        RunResult whole = runner("whole").run(e);
        assertFalse(whole.loaded());
        double[] accuracy = whole.metrics().column("test_acc");
        assertTrue(accuracy[accuracy.length - 1] > 0.4, Arrays.toString(accuracy));
        assertTrue(Files.isRegularFile(whole.folder().resolve("config.json")));
        // B was rescaled to ‖W‖ before the last step, and W has moved by one step since
        ((HasFeedback) whole.rule()).feedbackMatrices().forEach((w, b) ->
                assertEquals(w.weight().value().norm2Number().doubleValue(), b.norm2Number().doubleValue(),
                        0.05 * b.norm2Number().doubleValue(), w.name()));

        Runner crashing = runner("split").listen(new TrainingListener() {
            @Override
            public void endEpoch(TrainingRun run, EpochRecord r) {
                if (r.get("epoch") == 2) {
                    throw new IllegalStateException("interrupted in epoch 2");
                }
            }
        });
        assertThrows(IllegalStateException.class, () -> crashing.run(e));
        RunResult resumed = runner("split").run(e);
        assertFalse(resumed.loaded());
        assertSame(whole, resumed);

        RunResult loaded = runner("split").run(e);
        assertTrue(loaded.loaded());
        assertSame(whole, loaded);
        assertEquals(e, loaded.experiment());
    }

    /** A rule of the user's own makes its runs stale when its code changes, without a hand-kept version. */
    @Test
    void aRunOfAnEditedRuleIsFlaggedStale() throws Exception {
        String code = RuleCode.fingerprint(NormalizedFeedbackAlignment.Spec.class);
        assertTrue(code != null && code.matches("[0-9a-f]{16}"), code);
        assertEquals(code, RuleCode.fingerprint(NormalizedFeedbackAlignment.Spec.class), "the same classes, the same fingerprint");
        assertEquals(null, RuleCode.fingerprint(BackpropSpec.class), "the project's rules are versioned by hand");
        assertFalse(code.equals(RuleCode.fingerprint(Other.class)), "another rule's classes");

        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        RunResult trained = runner("edited").run(experiment());
        assertEquals(code, trained.provenance().ruleCode());
        // the status as the rule's earlier code would have written it
        StatusRewrite.provenance(trained.folder(), p -> new Provenance(p.format(), p.core(), p.ruleVersion(), p.rule(), p.project(),
                p.commit(), p.threads(), p.blas(), "0123456789abcdef"));
        List<String> notes = new java.util.ArrayList<>();
        RunResult loaded = runner("edited").notices(notes::add).run(experiment());
        assertTrue(loaded.loaded() && loaded.stale());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("STALE") && n.contains("code 0123456789abcdef (stored) vs " + code)),
                notes.toString());
    }

    /** A second rule of the user's, for the fingerprint to differ from. */
    record Other() implements RuleSpec {
        @Override
        public LearningRule create(Network network, long seed) {
            return (StepContext s) -> { };
        }
    }

    /** Metrics (but the wall-clock time), weights and feedback matrices, bit for bit. */
    private static void assertSame(RunResult expected, RunResult actual) {
        for (String c : expected.metrics().columns()) {
            if (!c.equals("seconds")) {
                assertEquals(Arrays.toString(expected.metrics().column(c)), Arrays.toString(actual.metrics().column(c)), c);
            }
        }
        List<Parameter> pa = expected.network().parameters();
        List<Parameter> pb = actual.network().parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertTrue(identical(pa.get(i).value(), pb.get(i).value()), pa.get(i).name());
        }
        expected.rule().buffers().forEach((k, v) -> assertTrue(identical(v, actual.rule().buffers().get(k)), k));
    }

    private static boolean identical(INDArray a, INDArray b) {
        return Arrays.equals(a.shape(), b.shape()) && Arrays.equals(a.dup('c').data().asDouble(), b.dup('c').data().asDouble());
    }
}
