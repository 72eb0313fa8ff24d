package org.creditlab.experiment;

import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.TrainingOptions;

/** Small experiments on the real Fashion-MNIST (Debian's dataset-fashion-mnist, installed by .ci/run). */
final class TestData {
    private TestData() {}

    static DataSpec smallFashion() {
        return DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(1000).testLimit(500).download(false).build();
    }

    static Experiment small(String name) {
        return Experiment.of(name, smallFashion(), MlpSpec.of(784, 32, 10).toBuilder().dropout(0.2).batchNorm(true).build(),
                new BackpropSpec(), OptimizerSpec.adam(1e-3).toBuilder().weightDecay(1e-4).build(), TrainingOptions.of(3, 50), 7);
    }
}
