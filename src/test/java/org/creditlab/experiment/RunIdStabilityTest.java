package org.creditlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.Rules;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/**
 * Options added to the configuration records are left out of the JSON while unset, so the run id of a configuration
 * written before them does not move (the ids below were computed before synthetic, pooled and autoencoder data and
 * per-layer activations existed).
 */
class RunIdStabilityTest {

    @Test
    void theReadmeExperimentKeepsItsRunId() {
        Experiment e = Experiment.of("my-study",
                DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(10_000).standardize(true).build(),
                MlpSpec.of(784, 256, 10), Rules.defaults("bp"), OptimizerSpec.sgd(0.01).toBuilder().momentum(0.9).build(),
                TrainingOptions.of(5, 64), 1);
        assertEquals("bp-s1-9cf2d8bfc6", e.runId());
        String json = e.toJson();
        for (String key : List.of("pool", "autoencoder", "synthetic", "hiddenActivations")) {
            assertFalse(json.contains("\"" + key + "\""), key + " left out when unset");
        }
        assertEquals(e, Experiment.fromJson(json));
    }
}
