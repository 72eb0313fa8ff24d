package org.creditlab.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** The end-to-end check on real data: backprop trains a 784-256-10 MLP on Fashion-MNIST to at least 84%. */
class FashionMnistBackpropTest {
    @Test
    void backpropReaches84PercentInThreeEpochs() {
        Experiment e = Experiment.of("test-fmnist", DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().standardize(true).download(false).build(),
                MlpSpec.of(784, 256, 10), new BackpropSpec(), OptimizerSpec.sgd(0.01).toBuilder().momentum(0.9).build(),
                TrainingOptions.of(3, 64).toBuilder().evaluateTrain(false).build(), 1);
        RunResult r = Runner.standard().noStore().run(e);
        double acc = r.last("test_acc");
        assertTrue(acc >= 0.84, "test accuracy " + acc);
    }
}
