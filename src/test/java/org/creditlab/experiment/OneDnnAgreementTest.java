package org.creditlab.experiment;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.ConvPath;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.TrainingOptions;
import org.creditlab.util.Nd4jNatives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A short, seeded training run of the reference CNN ({@link CnnSpec#small}: conv 16 → pool → conv 32 → pool → 10,
 * float32) gives the same numbers with its convolutions on oneDNN as on the im2col path the previous build used,
 * within rounding. The two paths sum each convolution's products in different orders, so float32 results differ in the
 * last bits and the differences grow over the 24 SGD steps of this run; a wrong convolution (a transposed kernel, a
 * misread layout, a missing bias gradient) moves these losses in the first or second decimal.
 *
 * <p>Measured on the AMD EPYC (Zen 5) machine, one thread, 2026-12-06: the largest difference of a loss was 4.0e-7
 * (epoch 3), and no accuracy moved. Since the first layer's weight gradient sums in its own fixed order
 * ({@code nn.SameConvKernelGradient}; Intel Xeon, 2026-12-07): 8.2e-5 (epoch 3: 0.93298 against 0.93307), no accuracy
 * moved. {@link #LOSS_TOLERANCE} leaves 12 times that for other CPUs' kernels.
 */
class OneDnnAgreementTest {
    /** Absolute, on each epoch's train and test loss (about 0.5 to 2.3). */
    static final double LOSS_TOLERANCE = 1e-3;
    /** On each epoch's accuracies: 2 images in 500 or 512 may change class at a near tie. */
    static final double ACCURACY_TOLERANCE = 0.005;

    static Experiment shortRun() {
        return Experiment.of("test-onednn-agreement",
                DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(512).testLimit(500).standardize(true)
                        .flatten(false).download(false).build(),
                CnnSpec.small(1, 28, 28), new BackpropSpec(),
                OptimizerSpec.sgd(0.02).toBuilder().momentum(0.9).build(), TrainingOptions.of(3, 64), 5);
    }

    private static RunResult runWith(String path) {
        return ConvPath.with(path, () -> Runner.standard().noStore().run(shortRun()));
    }

    @Test
    void aShortCnnRunOnOneDnnMatchesTheIm2colPath() {
        String path = Nd4jNatives.hasOneDnn() ? "onednn" : "im2col"; // elsewhere the comparison is with itself
        RunResult im2col = runWith("im2col");
        RunResult oneDnn = runWith(path);
        String[] columns = {"train_loss", "train_acc", "test_loss", "test_acc"};
        StringBuilder printed = new StringBuilder("OneDnnAgreementTest, im2col against " + path + ":\n");
        List<Executable> checks = new ArrayList<>();
        for (String column : columns) {
            double[] a = im2col.metrics().column(column);
            double[] b = oneDnn.metrics().column(column);
            assertEquals(a.length, b.length, column);
            double tolerance = column.endsWith("loss") ? LOSS_TOLERANCE : ACCURACY_TOLERANCE;
            for (int e = 0; e < a.length; e++) {
                String what = String.format(Locale.ROOT, "epoch %d %s: %.8f on im2col, %.8f on %s (tolerance %s)",
                        e + 1, column, a[e], b[e], path, tolerance);
                printed.append(what).append('\n');
                double x = a[e];
                double y = b[e];
                checks.add(() -> assertTrue(Math.abs(x - y) <= tolerance, what));
            }
        }
        System.out.print(printed);
        assertTrue(im2col.last("test_acc") > 0.5, "the run learns: " + im2col.last("test_acc"));
        assertAll(checks);
    }
}
