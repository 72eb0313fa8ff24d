package org.creditlab.papers.copi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.Decorrelation;
import org.creditlab.nn.DecorrelatedMlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.copi.CopiSpec;
import org.creditlab.rules.copi.DecorrelatedBackpropSpec;
import org.creditlab.rules.copi.Route;
import org.junit.jupiter.api.Test;

/** The presets against the authors' configuration files and run script (nasiryahm/ConstrainedParameterInference). */
class CopiPresetsTest {

    @Test
    void everyConfigurationOfTheRunScriptIsAMethod() {
        // _run.sh: copi_bp_boosted, copi_fa_boosted, bp_adam, bp_decorr_boosted, copi_bio_bp_boosted
        assertEquals(Set.of("copi_bp_boosted", "copi_fa_boosted", "bp_adam", "bp_decorr_boosted", "copi_bio_bp_boosted"),
                Arrays.stream(Method.values()).map(Method::config).collect(Collectors.toSet()));
    }

    @Test
    void theBioPresetIsCopiBioBpBoosted() {
        // configs/MNIST/copi_bio_bp_boosted.yml: adam false, batch_size 50, credit_algo bp, learning_rule copi,
        // loss_multiplier 1000, lr 0.001, bio_decorr True, update_R/update_W true, 784-500x6-10
        CopiPresets.Setup mnist = CopiPresets.full(DatasetName.MNIST);
        Experiment bio = CopiPresets.experiment(Method.COPI_BIO_BP, mnist);
        CopiSpec rule = (CopiSpec) bio.rule();
        assertEquals(Route.BP, rule.route());
        assertEquals(1000, rule.lossMultiplier());
        assertEquals(Decorrelation.Rule.BIO, rule.decorrelation());
        assertFalse(rule.varianceScaled());
        assertEquals(1, rule.decorrelationOnlyEpochs(), "training_loop: update_W False in epoch 0");
        assertTrue(rule.outputDerivative());
        assertEquals(OptimizerSpec.sgd(1e-3), bio.optimizer());
        assertEquals(50, bio.training().batchSize());
        assertEquals(DecorrelatedMlpSpec.of(784, 500, 500, 500, 500, 500, 500, 10).toBuilder().decorrelate(true).build(), bio.network());
        // and nothing else differs from copi_bp_boosted, but the analyses of Figure 3, which only COPI (BP) keeps
        Experiment copi = CopiPresets.experiment(Method.COPI_BP, mnist);
        assertEquals(CopiPresets.ANALYSES, copi.analyses());
        assertEquals(List.of(), bio.analyses());
        assertEquals(copi, bio.toBuilder().rule(rule.toBuilder().decorrelation(Decorrelation.Rule.DEFAULT).build())
                .addAnalyses(CopiPresets.ANALYSES.toArray(String[]::new)).build());
        assertEquals(Decorrelation.Rule.BIO,
                ((CopiSpec) CopiPresets.experiment(Method.COPI_BIO_BP, CopiPresets.quick()).rule()).decorrelation());
    }

    @Test
    void theOtherMethodsAreTheirConfigurationFiles() {
        CopiPresets.Setup mnist = CopiPresets.full(DatasetName.MNIST);
        Experiment copi = CopiPresets.experiment(Method.COPI_BP, mnist);
        // copi_fa_boosted.yml: credit_algo fa, otherwise copi_bp_boosted (adam false, α 1000, lr 1e-3, bio_decorr False)
        Experiment fa = CopiPresets.experiment(Method.COPI_FA, mnist);
        CopiSpec faRule = (CopiSpec) fa.rule();
        assertEquals(Route.FA, faRule.route());
        assertEquals(copi.toBuilder().rule(((CopiSpec) copi.rule()).toBuilder().route(Route.FA).build()).build(),
                fa.toBuilder().addAnalyses(CopiPresets.ANALYSES.toArray(String[]::new)).build());
        // bp_decorr_boosted.yml: learning_rule bp, credit_algo bp, α 1000, lr 1e-3, update_R true
        Experiment decorrelated = CopiPresets.experiment(Method.BP_DECORRELATION, mnist);
        DecorrelatedBackpropSpec bpRule = (DecorrelatedBackpropSpec) decorrelated.rule();
        assertEquals(new DecorrelatedBackpropSpec(Route.BP, 1000, Decorrelation.Rule.DEFAULT, 1, true), bpRule);
        assertEquals(copi.network(), decorrelated.network());
        assertEquals(OptimizerSpec.sgd(1e-3), decorrelated.optimizer());
        // bp_adam.yml: adam true (β₁ 0.9, β₂ 0.999, ε 1e-8, with the code's constant bias correction), lr 1e-4,
        // loss_multiplier 1, update_R false: no decorrelation layers; epoch 0 leaves W alone as for every config
        Experiment adam = CopiPresets.experiment(Method.BP_ADAM, mnist);
        assertEquals(new DecorrelatedBackpropSpec(Route.BP, 1, Decorrelation.Rule.DEFAULT, 1, true), adam.rule());
        assertEquals(((DecorrelatedMlpSpec) copi.network()).toBuilder().decorrelate(false).build(), adam.network());
        OptimizerSpec adamSpec = adam.optimizer();
        assertEquals(OptimizerSpec.adam(1e-4).toBuilder().biasCorrection(OptimizerSpec.BiasCorrection.CONSTANT).build(),
                adamSpec);
        assertEquals(List.of(1e-4, 0.9, 0.999, 1e-8),
                List.of(adamSpec.learningRate(), adamSpec.beta1(), adamSpec.beta2(), adamSpec.epsilon()));
        for (Experiment e : List.of(fa, decorrelated, adam)) {
            assertEquals(50, e.training().batchSize(), e.ruleName());
            assertEquals(copi.training(), e.training(), e.ruleName());
            assertEquals(List.of(), e.analyses(), e.ruleName() + ": only COPI (BP) is analysed");
        }
    }

    @Test
    void sizesTextCountsThreeOrMoreEqualWidths() {
        assertEquals("784-500×6-10", CopiPresets.full(DatasetName.FASHION_MNIST).sizesText());
        assertEquals("784-256-256-10", CopiPresets.quick().sizesText());
    }
}
