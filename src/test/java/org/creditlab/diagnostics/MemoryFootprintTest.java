package org.creditlab.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.results.RunStore;
import org.creditlab.rules.Rules;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "memory" diagnostic: state bytes counted by hand, and a step's allocations growing with the batch. */
class MemoryFootprintTest {
    @TempDir
    Path tmp;

    private RunResult run(String rule, int batch, OptimizerSpec optimizer) {
        Experiment e = Experiment.of("memory", DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(512).testLimit(100)
                        .download(false).build(), MlpSpec.of(784, 32, 10), Rules.defaults(rule), optimizer,
                TrainingOptions.of(1, batch), 1).toBuilder().addDiagnostics(Diagnostics.MEMORY).build();
        return Runner.standard().quiet().store(new RunStore(tmp)).run(e);
    }

    @Test
    void countsParametersOptimizerStateAndRuleState() {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        long parameters = 4L * (784 * 32 + 32 + 32 * 10 + 10);
        // the parameters and one update buffer each
        assertEquals(2 * parameters, run("bp", 64, OptimizerSpec.sgd(0.01)).last("memory/state_bytes"), "plain SGD keeps no state");
        OptimizerSpec momentum = OptimizerSpec.sgd(0.01).toBuilder().momentum(0.9).build();
        assertEquals(3 * parameters, run("bp", 64, momentum).last("memory/state_bytes"), "momentum: one velocity per parameter");
        // FA keeps a fixed B for every weight layer but the first (no error is sent below it), shaped like Wᵀ
        assertEquals(3 * parameters + 4L * 32 * 10, run("fa", 64, momentum).last("memory/state_bytes"));
    }

    @Test
    void aStepAllocatesMoreForALargerBatch() {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        double small = run("bp", 32, OptimizerSpec.sgd(0.01)).last("memory/step_bytes");
        double large = run("bp", 128, OptimizerSpec.sgd(0.01)).last("memory/step_bytes");
        // a step's temporaries (activations, deltas) are per example: four times the batch, about four times the bytes
        assertTrue(large > 3.5 * small && large < 4.5 * small, small + " then " + large);
        assertTrue(small > 4 * 32 * (32 + 10), "a step holds at least the hidden and output activations: " + small);
    }
}
