package org.creditlab.papers.dfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.experiment.Experiment;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.notebook.Profile;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.dfc.ControlledRule;
import org.creditlab.rules.dfc.DfcSpec;
import org.junit.jupiter.api.Test;

/** The published configurations load by name with the code's conventions, and the paper's numbers are complete. */
class DfcPresetsTest {

    @Test
    void fashionMnistDfcSsaIsTheReferenceConfiguration() {
        Preset p = DfcPresets.table1("fmnist", Method.DFC_SSA);
        DfcSpec s = (DfcSpec) p.rule();
        assertEquals(DfcSpec.Variant.DFC_SSA, s.variant());
        assertTrue(s.trainFeedback());
        assertFalse(s.trainOutputFeedback(), "freeze_fb_weights_output is set for Fashion-MNIST");
        assertEquals(0.056066652694809475, s.targetStepsize());
        assertEquals(2.0607985040655872e-4, s.forward().alpha());
        assertEquals(10, s.pretrainEpochs());
        assertEquals(2, s.extraSleepEpochs());
        assertEquals(34, s.sleep().steps());
        assertFalse(s.sleep().proactive(), "the sleep phase never uses the proactive controller");
        OptimizerSpec w = p.optimizers().get("default");
        assertEquals(4.406433064602529e-05 / 0.056066652694809475, w.learningRate(), 1e-15, "lr normalised by λ");
        assertEquals(0.99, w.beta1());
        assertEquals(0.99, w.beta2());
        assertEquals(OptimizerSpec.Clipping.PER_TENSOR_NORM, w.clipping());
        OptimizerSpec q = p.optimizers().get("feedback");
        assertEquals(OptimizerSpec.Clipping.GLOBAL_NORM, q.clipping());
        assertEquals(0.1, q.weightDecay());
        assertEquals(0.00045372617633919964, p.optimizers().get("feedback_init").learningRate());
        assertEquals(100, p.training().epochs());
        assertEquals(DfcNetworks.classifier(784, java.util.List.of(256, 256, 256), 10), p.network());
    }

    @Test
    void theRuleDefaultsAreThePublishedFashionMnistDfcSsaConfiguration() {
        // DfcSpec's defaults restate these constants (rules cannot depend on papers); this keeps the two copies equal
        assertEquals(new DfcSpec(), DfcPresets.table1("fmnist", Method.DFC_SSA).rule());
    }

    @Test
    void everyDfcRunOfTable1BuildsOnItsNetwork() {
        for (String column : DfcPresets.DATASETS) {
            for (Method method : Method.values()) {
                if (!method.isDfc()) {
                    continue;
                }
                Preset p = DfcPresets.table1(column, method);
                DfcSpec s = (DfcSpec) p.rule();
                assertEquals(method.trainedFeedback(), s.trainFeedback(), column + "/" + method);
                assertEquals(s.trainFeedback(), p.optimizers().containsKey("feedback"), column + "/" + method);
                Network net = p.network().build(1);
                ControlledRule rule = (ControlledRule) s.create(net, 1);
                assertEquals(column.equals("mnist-autoencoder") ? 784 : 10, rule.controlled().outputSize());
                assertEquals(method.label(), p.label());
                assertTrue(DfcReported.table1(column, method).mean() > 0);
            }
        }
    }

    @Test
    void methodsParseByKeyAndNameTheKeysWhenUnknown() {
        for (Method m : Method.values()) {
            assertEquals(m, Method.of(m.key()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Method.of("dfc-xx"));
        assertTrue(e.getMessage().contains("dfc-xx") && e.getMessage().contains(Method.keys()), e.getMessage());
        assertEquals(Method.DFC_SS_FIXED, Method.DFC_SS.fixed());
        assertThrows(IllegalStateException.class, Method.DFA::fixed);
        assertThrows(IllegalStateException.class, Method.BP::variant);
    }

    @Test
    void storedExperimentsRoundTripAndBaselinesFollowTheirConfigs() {
        Experiment e = DfcPresets.table1("fmnist", Method.DFC_SS).experiment("t", DfcPresets.table1Data("fmnist"), 1);
        assertEquals(e, Experiment.fromJson(e.toJson()));
        OptimizerSpec bp = DfcPresets.table1("fmnist", Method.BP).optimizers().get("default");
        assertEquals(5.442490245182536e-07 / 0.001, bp.learningRate(), 1e-15);
        assertEquals(OptimizerSpec.Clipping.NONE, bp.clipping(), "backprop is not clipped in the code");
        OptimizerSpec dfa = DfcPresets.table1("fmnist", Method.DFA).optimizers().get("default");
        assertEquals(DfcPresets.BATCH / (2 * 0.001), dfa.maxNorm(), 1e-9, "clipping threshold in standard scale");
        assertEquals(7.67552163131779e-06 / 0.001, dfa.learningRate(), 1e-15);
        assertEquals("dfa", DfcPresets.table1("fmnist", Method.DFA).experiment("t", DfcPresets.table1Data("fmnist"), 1).ruleName());
        assertThrows(IllegalArgumentException.class, () -> DfcPresets.table1("cifar", Method.BP));
    }

    @Test
    void everyConfigurationOfTheResourceNamesEveryValue() {
        assertEquals(24 + 7, DfcPresets.publishedNames().size(), "Table 1's DFC runs, Figure 3's and Figure 1D");
        for (String name : DfcPresets.publishedNames()) {
            DfcPresets.published(name);   // throws for a value left out, misspelt or of the wrong type
        }
        // an entry "like" another keeps the other's values but for those it names
        assertEquals(DfcPresets.published("mnist/dfc"), DfcPresets.published("mnist/dfc-ss"));
        assertEquals(0.0, DfcPresets.published("mnist/dfc-ssa").kp());
        assertEquals(DfcPresets.published("mnist/dfc").sigma(), DfcPresets.published("mnist/dfc-ssa").sigma());
    }

    @Test
    void figurePresetsFollowTheToyConfiguration() {
        DfcSpec dfc = (DfcSpec) DfcPresets.figure3(Method.DFC).rule();
        assertEquals(1.5, dfc.forward().kp());
        assertEquals(1000, dfc.forward().steps());
        assertTrue(dfc.includeNonConverged());
        assertEquals(50, dfc.pretrainEpochs());
        assertEquals(OptimizerSpec.Kind.SGD, DfcPresets.figure3(Method.DFC).optimizers().get("default").kind());
        assertEquals(1.0, DfcPresets.figure3(Method.DFC).optimizers().get("default").learningRate(), 1e-15);
        assertFalse(((DfcSpec) DfcPresets.figure3(Method.DFC_SS_FIXED).rule()).trainFeedback());
        DfcSpec fig1 = (DfcSpec) DfcPresets.figure1D().rule();
        assertEquals(1.0, fig1.forward().kp());
        assertEquals(2000, fig1.forward().steps());
        assertEquals("DFC-SS (fixed)", Method.DFC_SS_FIXED.label());
        assertEquals(33.37, DfcReported.table1("mnist-autoencoder", Method.DFC_FIXED).mean());
    }

    @Test
    void table1ExperimentsKeepTheirRunIds() {
        // computed before DataSpec, MlpSpec and DfcSpec gained options that are left out of the JSON while unset
        Experiment full = DfcPresets.table1("fmnist", Method.DFC_SSA).experiment("dfc-table1-fmnist", DfcPresets.table1Data("fmnist"), 1);
        assertEquals("dfc-ssa-s1-f2e03044ab", full.runId());
        Preset p = DfcStudy.quick(DfcPresets.table1("fmnist", Method.DFC_SS).toBuilder().network(DfcNetworks.classifier(784,
                java.util.List.of(64, 64, 64), 10)).training(org.creditlab.train.TrainingOptions.of(3, DfcPresets.BATCH)).build(), 6);
        Experiment quick = p.experiment("dfc-table1-fmnist-quick", org.creditlab.data.DataSpec.of(
                org.creditlab.data.DatasetName.FASHION_MNIST).toBuilder().trainLimit(1500).testLimit(2000).download(false).build(), 2);
        assertEquals("dfc-ss-s2-d38087819a", quick.runId());
        assertFalse(quick.toJson().contains("convergenceTest"));
    }

    @Test
    void theFullTable1ShortensOnlyTheTrainedFeedbackRows() {
        for (Method m : Method.values()) {
            int epochs = DfcStudy.table1Experiment(Profile.FULL, "fmnist", m).training().epochs();
            int planned = m == Method.DFC ? DfcStudy.SIMULATED_DFC_EPOCHS
                    : m.trainedFeedback() ? DfcStudy.TRAINED_FEEDBACK_EPOCHS : 100;
            assertEquals(planned, epochs, m.label());
            assertEquals(planned, DfcStudy.table1Epochs(Profile.FULL, "fmnist", m), m.label());
        }
        // the recorded DFC-SSA row (records/dfc-table1-fmnist) keeps its run id as the runner prepares it
        assertEquals("dfc-ssa-s1-d965dd75e6",
                DfcStudy.table1Runner().prepare(DfcStudy.table1Experiment(Profile.FULL, "fmnist", Method.DFC_SSA)).runId());
        assertEquals(3, DfcStudy.table1Experiment(Profile.QUICK, "fmnist", Method.DFC).training().epochs());
    }

    @Test
    void theFullAutoencoderIsThePublishedConfigurationOnFashionMnist() {
        Profile full = Profile.FULL;
        org.creditlab.data.DataSpec data = DfcStudy.autoencoderData(full);
        assertEquals(org.creditlab.data.DatasetName.FASHION_MNIST, data.dataset());
        assertTrue(data.autoencoder() && data.standardize());
        assertEquals(0, data.pool());
        assertEquals(5000, data.validation());
        assertEquals(0, data.trainLimit());
        for (Method method : DfcStudy.autoencoderMethods()) {
            Preset p = DfcStudy.autoencoderPreset(full, method);
            MlpSpec net = (MlpSpec) p.network();
            assertEquals(784, net.inputs());
            assertEquals(java.util.List.of(256, 32, 256), net.hidden());
            assertEquals(784, net.outputs());
            assertEquals(java.util.List.of("tanh", "identity", "tanh"), net.hiddenActivations().stream().map(Nonlinearity::label).toList());
            assertEquals(Loss.MEAN_SQUARED_ERROR, net.loss());
            assertEquals(25, p.training().epochs());
            assertEquals(128, p.training().batchSize());
            OptimizerSpec w = p.optimizers().get("default");
            assertEquals(OptimizerSpec.Kind.ADAM, w.kind());
            assertEquals(0.99, w.beta1());
            assertEquals(0.99, w.beta2());
            Experiment e = p.experiment("dfc-autoencoder", data, 1);
            assertEquals(e, Experiment.fromJson(e.toJson()), method.key() + " is a storable experiment");
        }
        // configs_mnist_auto: lr / target_stepsize (normalize_lr)
        assertEquals(9.2e-3, DfcStudy.autoencoderPreset(full, Method.DFC_SSA).optimizers().get("default").learningRate(), 0.01e-3);
        assertEquals(0.0001867134052079835 / 0.02027700334158571,
                DfcStudy.autoencoderPreset(full, Method.DFC_SSA).optimizers().get("default").learningRate(), 1e-15);
        assertEquals(5.5e-5, DfcStudy.autoencoderPreset(full, Method.DFC_SSA_FIXED).optimizers().get("default").learningRate(), 0.03e-5);
        assertEquals(1.3674117423775684e-06 / 0.001, DfcStudy.autoencoderPreset(full, Method.BP).optimizers().get("default").learningRate(), 1e-15);
        assertEquals(15, ((DfcSpec) DfcStudy.autoencoderPreset(full, Method.DFC_SSA).rule()).pretrainEpochs());
        assertTrue(DfcStudy.autoencoderSetting(full).contains("784-256-32-256-784"));
    }

    @Test
    void theQuickAutoencoderIsThePooledAnalogueAtOneRate() {
        org.creditlab.data.DataSpec data = DfcStudy.autoencoderData(Profile.QUICK);
        assertEquals(4, data.pool());
        assertTrue(data.autoencoder());
        for (Method method : DfcStudy.autoencoderMethods()) {
            Preset p = DfcStudy.autoencoderPreset(Profile.QUICK, method);
            MlpSpec net = (MlpSpec) p.network();
            assertEquals(java.util.List.of(49, 32, 8, 32, 49), java.util.List.of(net.inputs(), net.hidden().get(0),
                    net.hidden().get(1), net.hidden().get(2), net.outputs()));
            assertEquals(DfcStudy.AUTOENCODER_LR, p.optimizers().get("default").learningRate());
            Experiment e = p.experiment("dfc-autoencoder-quick", data, 1);
            assertEquals(e, Experiment.fromJson(e.toJson()));
            assertEquals(49, e.network().build(1).parameters().get(0).value().columns());
        }
    }

    @Test
    void theFigure3RunsAreStorableExperimentsOnAGeneratedTask() {
        org.creditlab.data.DataSpec toy = DfcStudy.toy(Profile.QUICK, 5);
        org.creditlab.data.StudentTeacher task = (org.creditlab.data.StudentTeacher) toy.synthetic();
        assertEquals(java.util.List.of(1000, 0, 500, 42L), java.util.List.of(task.train(), task.validation(), task.test(), task.seed()));
        for (Method method : DfcStudy.figure3Methods(Profile.FULL)) {
            Experiment e = DfcPresets.figure3(method).experiment("dfc-figure3", toy, 1);
            assertEquals(e, Experiment.fromJson(e.toJson()), method.key());
        }
    }
}
