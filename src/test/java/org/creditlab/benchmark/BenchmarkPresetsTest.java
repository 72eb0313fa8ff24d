package org.creditlab.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.notebook.Profile;
import org.creditlab.rules.copi.CopiSpec;
import org.creditlab.rules.copi.DecorrelatedBackpropSpec;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.train.MetricsTable;
import org.junit.jupiter.api.Test;

/** What the benchmark changes in a rule's registered defaults before its search. */
class BenchmarkPresetsTest {

    private static Experiment base(String rule, BenchmarkScale s) {
        return BenchmarkPresets.base(Entrant.named(List.of(rule)).get(0), s);
    }

    @Test
    void feedbackLearnedFromARegulariserIsDrawnLikeTheWeights() {
        for (BenchmarkScale s : List.of(BenchmarkScale.of(Profile.QUICK), BenchmarkScale.of(Profile.FULL))) {
            for (String rule : List.of("wm", "ia", "sa", "aa")) {
                Experiment e = base(rule, s);
                LearnedFeedbackSpec spec = (LearnedFeedbackSpec) e.rule();
                assertEquals(((MlpSpec) e.network()).weightInit(), spec.feedback().init(), rule);
                LearnedFeedbackSpec registered = (LearnedFeedbackSpec) Entrant.named(List.of(rule)).get(0).spec();
                assertEquals(registered.toBuilder().feedback(spec.feedback()).build(), spec, rule + ": nothing else changes");
            }
            // Kolen-Pollack's B follows W through its tied updates, FA's is fixed: both keep their registered draw
            for (String rule : List.of("kp", "kp-kunin", "fa")) {
                Experiment e = base(rule, s);
                assertEquals(Entrant.named(List.of(rule)).get(0).spec(), e.rule(), rule);
            }
            assertEquals(FeedbackAlignmentSpec.class, base("fa", s).rule().getClass());
        }
    }

    @Test
    void copiAndItsBaselineTakeTheOutputErrorOfTheirLossWithoutTheReferenceCodesFactor() {
        BenchmarkScale s = BenchmarkScale.of(Profile.FULL);
        CopiSpec copi = (CopiSpec) base("copi", s).rule();
        DecorrelatedBackpropSpec bp = (DecorrelatedBackpropSpec) base("bp-decor", s).rule();
        assertFalse(copi.outputDerivative());
        assertFalse(bp.outputDerivative());
        CopiSpec registered = (CopiSpec) Entrant.named(List.of("copi")).get(0).spec();
        assertTrue(registered.outputDerivative(), "the registered default keeps the reference code's factor");
        assertEquals(registered.toBuilder().outputDerivative(false).build(), copi, "nothing else changes");
    }

    /**
     * BP with decorrelation in the benchmark is backprop on its decorrelated network: after its decorrelation-only
     * epoch, its dense layers' updates point where backprop's gradient does (the update-alignment diagnostic the
     * table reads). With the reference code's output factor on the benchmark's ReLU network they were 85-93° apart.
     */
    @Test
    void backpropWithDecorrelationUpdatesItsWeightsAlongTheGradient() {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        BenchmarkScale tiny = BenchmarkScale.of(Profile.QUICK).toBuilder().trainExamples(300).validation(50).testExamples(50)
                .hidden(List.of(16, 16)).epochs(2).batchSize(25).probe(50).build();
        Experiment e = base("bp-decor", tiny);
        e = e.toBuilder().optimizer(BenchmarkPresets.optimizer().toBuilder().learningRate(1e-4).build()).build();
        MetricsTable m = Runner.standard().noStore().quiet().run(e).metrics();
        for (String layer : List.of("dense1", "dense2", "dense3")) {
            double[] angle = m.column("angle_bp/" + layer);
            assertTrue(angle[1] < 1e-2, layer + ": " + angle[1] + "° from backprop's gradient");
        }
    }

    /** DRTP runs the benchmark's layers with tanh, as its authors' code does; every other plain rule keeps ReLU. */
    @Test
    void drtpTakesTanhAndTheOtherPlainRulesKeepReLU() {
        for (Architecture a : Architecture.values()) {
            BenchmarkScale s = BenchmarkScale.of(Profile.FULL, a);
            NetworkSpec drtp = base("drtp", s).network();
            NetworkSpec dfa = base("dfa", s).network();
            assertEquals(Nonlinearity.tanh(), activation(drtp), a + ": DRTP");
            assertEquals(Nonlinearity.relu(), activation(dfa), a + ": DFA");
            assertEquals(dfa, a == Architecture.MLP ? ((MlpSpec) drtp).toBuilder().activation(Nonlinearity.relu()).build()
                    : ((CnnSpec) drtp).toBuilder().activation(Nonlinearity.relu()).build(), a + ": nothing else differs");
        }
    }

    private static Nonlinearity activation(NetworkSpec n) {
        return n instanceof MlpSpec m ? m.activation() : ((CnnSpec) n).activation();
    }
}
