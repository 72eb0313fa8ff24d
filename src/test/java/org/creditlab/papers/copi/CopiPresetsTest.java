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
    void sizesTextCountsThreeOrMoreEqualWidths() {
        assertEquals("784-500×6-10", CopiPresets.full(DatasetName.FASHION_MNIST).sizesText());
        assertEquals("784-256-256-10", CopiPresets.quick().sizesText());
    }
}
