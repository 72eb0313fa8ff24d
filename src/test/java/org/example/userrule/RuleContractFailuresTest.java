package org.example.userrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.CaseLog;
import org.creditlab.experiment.RuleContract;
import org.creditlab.experiment.RuleContract.Outcome;
import org.creditlab.nn.Network;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.Rules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link RuleContract} on rules of one's own that break one clause each: the clause fails and says what to fix. */
class RuleContractFailuresTest {

    /** Backprop for its first two steps only, counted in a field that no checkpoint keeps. */
    record ForgetfulSpec() implements RuleSpec {
        @Override
        public LearningRule create(Network network, long seed) {
            return new LearningRule() {
                int steps;

                @Override
                public void step(org.creditlab.rules.StepContext s) {
                    if (steps++ < 2) {
                        BackwardPass.backprop(s.network(), s.trace(), s.loss().gradient(), s.target(), s.updates());
                    }
                }
            };
        }
    }

    /** Updates nothing. */
    record IdleSpec() implements RuleSpec {
        @Override
        public LearningRule create(Network network, long seed) {
            return s -> {};
        }
    }

    /** Backprop on an MLP; on a CNN it fails with another exception than the IllegalArgumentException that says "no form". */
    record ConvCrashSpec() implements RuleSpec {
        @Override
        public LearningRule create(Network network, long seed) {
            if (network.weightLayers().stream().anyMatch(w -> w.name().startsWith("conv"))) {
                throw new UnsupportedOperationException("convolutions are not written yet");
            }
            return s -> BackwardPass.backprop(s.network(), s.trace(), s.loss().gradient(), s.target(), s.updates());
        }
    }

    /** A settings class without equals: what JSON reads back is another object that is not equal to it. */
    public static final class NoEqualsSpec implements RuleSpec {
        public double scale = 1;

        @Override
        public LearningRule create(Network network, long seed) {
            return s -> BackwardPass.backprop(s.network(), s.trace(), s.loss().gradient(), s.target(), s.updates());
        }
    }

    @BeforeAll
    static void register() {
        Rules.register("forgetful", ForgetfulSpec.class, ForgetfulSpec::new, "test: state outside its buffers");
        Rules.register("idle", IdleSpec.class, IdleSpec::new, "test: updates nothing");
        Rules.register("conv-crash", ConvCrashSpec.class, ConvCrashSpec::new, "test: fails on a CNN");
        Rules.register("no-equals", NoEqualsSpec.class, NoEqualsSpec::new, "test: settings without equals");
    }

    /** Broken on purpose: out of the registry again, so that the tests of every registered rule do not meet them. */
    @AfterAll
    static void unregister() {
        for (String name : new String[] {"forgetful", "idle", "conv-crash", "no-equals"}) {
            assertTrue(Rules.unregister(name), name);
        }
    }

    @Test
    void stateThatNoCheckpointKeepsFailsTheResume() {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        RuleContract.Report r = RuleContract.check("forgetful");
        assertEquals(Outcome.PASSED, r.outcome("trains"), r.format());
        assertEquals(Outcome.FAILED, r.outcome("resumes"), r.format());
        assertTrue(r.format().contains("resumed from epoch 1, its train_loss differs") && r.format().contains("parameters() or buffers()"), r.format());
        String m = assertThrows(AssertionError.class, r::orThrow).getMessage();
        assertTrue(m.startsWith("rule 'forgetful': FAILS the contract"), m);
        CaseLog.record("rule of your own", "RuleContract.check on a rule whose state is outside its buffers", "fails 'resumes': " + m);
    }

    @Test
    void aRuleThatLearnsNothingFailsToTrain() {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        RuleContract.Report r = RuleContract.check("idle");
        assertEquals(Outcome.FAILED, r.outcome("trains"), r.format());
        assertEquals(Outcome.SKIPPED, r.outcome("resumes"), r.format());
        assertTrue(r.format().contains("nothing it holds changed"), r.format());
    }

    @Test
    void aCnnMustBeTrainedOrRefusedWithAnIllegalArgument() {
        RuleContract.Report r = RuleContract.check("conv-crash");
        assertEquals(Outcome.FAILED, r.outcome("convolutional form"), r.format());
        assertTrue(r.format().contains("convolutions are not written yet"), r.format());
        assertEquals(Outcome.PASSED, r.outcome("settings"), r.format());
        assertEquals(Outcome.SKIPPED, RuleContract.check("copi").outcome("convolutional form"));
    }

    @Test
    void settingsThatJsonDoesNotGiveBackFail() {
        RuleContract.Report r = RuleContract.check("no-equals");
        assertEquals(Outcome.FAILED, r.outcome("settings"), r.format());
        assertTrue(r.format().contains("read back from JSON differ") && r.format().contains("equals"), r.format());
        CaseLog.record("rule of your own", "RuleContract.check on settings without equals", "fails 'settings': " + r.format());
    }
}
