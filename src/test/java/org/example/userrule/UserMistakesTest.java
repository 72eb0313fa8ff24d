package org.example.userrule;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.CaseLog;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.Rules;
import org.creditlab.rules.StepContext;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The mistakes a first rule of one's own is likely to make, each told with the layer or the cure, not ND4J's words. */
class UserMistakesTest {

    /** Keeps an array it made in its first step: the step's workspace frees it. */
    record KeepsStepArraySpec() implements RuleSpec {
        @Override
        public LearningRule create(Network network, long seed) {
            return new LearningRule() {
                INDArray kept;

                @Override
                public void step(StepContext s) {
                    if (kept == null) {
                        kept = Nd4j.zeros(s.network().dataType(), 4, 4);
                    }
                    kept.addi(1.0);
                    BackwardPass.backprop(s.network(), s.trace(), s.loss().gradient(), s.target(), s.updates());
                }
            };
        }
    }

    /** Hands every layer the output error itself, whatever the layer's width. */
    record WrongShapeSpec() implements RuleSpec {
        @Override
        public LearningRule create(Network network, long seed) {
            return s -> BackwardPass.run(s.network(), s.trace(), s.loss().gradient(), s.target(),
                    layer -> (w, rec, delta, signals) -> signals.outputGradient(), s.updates());
        }
    }

    @BeforeAll
    static void register() {
        Rules.register("keeps-step-array", KeepsStepArraySpec.class, KeepsStepArraySpec::new, "test: keeps an array made in step()");
        Rules.register("wrong-shape", WrongShapeSpec.class, WrongShapeSpec::new, "test: a feedback of the wrong shape");
    }

    /** Broken on purpose: out of the registry again, so that the tests of every registered rule do not meet them. */
    @AfterAll
    static void unregister() {
        assertTrue(Rules.unregister("keeps-step-array") && Rules.unregister("wrong-shape"));
        assertTrue(!Rules.all().containsKey("wrong-shape") && !Rules.unregister("wrong-shape"));
    }

    private static Experiment tiny(RuleSpec rule) {
        return Experiment.of("user-mistakes", DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(200).testLimit(50)
                .download(false).build(), MlpSpec.of(784, 16, 10), rule, OptimizerSpec.sgd(0.01), TrainingOptions.of(1, 50), 1);
    }

    @Test
    void anArrayKeptFromAStepIsNamedWithItsCure() {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        String m = assertThrows(IllegalStateException.class,
                () -> Runner.standard().quiet().noStore().run(tiny(new KeepsStepArraySpec()))).getMessage();
        assertTrue(m.contains("UserMistakesTest$KeepsStepArraySpec")
                && m.contains("arrays created in step() are freed when the step ends") && m.contains("constructor"), m);
        CaseLog.record("rule of your own", "a rule keeps an array created in step() and uses it in the next step", "refused: " + m);
    }

    @Test
    void aFeedbackOfTheWrongShapeNamesItsLayer() {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        String m = assertThrows(IllegalStateException.class,
                () -> Runner.standard().quiet().noStore().run(tiny(new WrongShapeSpec()))).getMessage();
        assertTrue(m.contains("the feedback through layer 'dense2' returned an error of shape [50, 10]")
                && m.contains("the layer's input, which it must match, is [50, 16]"), m);
        CaseLog.record("rule of your own", "a Feedback returns an error of another shape than its layer's input", "refused: " + m);
    }

    @Test
    void anUnknownRuleSaysHowARuleOfOnesOwnBecomesKnown() {
        String m = assertThrows(IllegalArgumentException.class, () -> Rules.entry("my-new-rule")).getMessage();
        assertTrue(m.contains("unknown rule 'my-new-rule'") && m.contains("Rules.register")
                && m.contains("META-INF/services/org.creditlab.rules.RuleProvider") && m.contains("org.creditlab.cli.CreditLab"), m);
        CaseLog.record("rule of your own", "an unregistered rule's name", "refused: " + m);
    }
}
