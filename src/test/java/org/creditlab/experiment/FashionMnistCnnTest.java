package org.creditlab.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import java.util.List;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.Pool2d;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Schedule;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/**
 * The convolutional end-to-end check on real data: backprop trains a one-convolution CNN (conv 32@5×5 with bias →
 * ReLU → maxpool 2 → dense 4608 → 10, PyTorch's default initialisation) on all of Fashion-MNIST to at least 89% test
 * accuracy in two epochs (Adam 2e-3, then 4e-4; standardised images). Measured 89.9%; in the same two epochs the
 * reference 16/32-channel CNN ({@link CnnSpec#small}) reached 88.8% and PEPITA's bias-free He-initialised variant
 * 88.9%, and the 16/32-channel CNN with BatchNorm 89.6% in three times the time.
 */
class FashionMnistCnnTest {
    @Test
    void backpropTrainsAConvolutionalNetworkTo89Percent() {
        Experiment e = Experiment.of("test-fmnist-cnn",
                DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().standardize(true).flatten(false).download(false).build(),
                CnnSpec.small(1, 28, 28).toBuilder().stages(List.of(new CnnSpec.Conv(32, 5, 1, 0, true, false),
                        new CnnSpec.Pool(Pool2d.Kind.MAX, 2, 2, 0))).build(), new BackpropSpec(),
                OptimizerSpec.adam(0.002).toBuilder().schedule(Schedule.stepDecay(0.2, 1)).build(),
                TrainingOptions.of(2, 64).toBuilder().evaluateTrain(false).build(), 1);
        RunResult r = Runner.standard().noStore().run(e);
        double acc = r.last("test_acc");
        assertTrue(acc >= 0.89, "test accuracy " + acc);
    }
}
