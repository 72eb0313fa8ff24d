package org.creditlab.papers.copi;

import java.util.List;
import java.util.Map;

/**
 * The numbers the COPI authors report, as data. Sources (see {@code shared/papers/copi.md}): the printed statistics
 * and figures of the authors' notebook {@code PlottingAndAnalyses.ipynb} at the final commit of
 * {@code nasiryahm/ConstrainedParameterInference}, 5 seeds each. Values "read off" a figure carry its reading error.
 *
 * <p>Epochs follow the authors' indexing: the index in their 101-point list, where 0 is before training and 1 is
 * after the first epoch, which trains only R. The epochs of W training are therefore index − 1.
 */
public final class CopiReported {
    private CopiReported() {}

    /** Peak accuracy and speed on CIFAR-10 (3072-1000×4-10, 100 epochs), mean and std over 5 seeds. */
    public record Cifar10Row(Method method, double peakTrain, double peakTrainStd, double trainEpochsTo99,
                             double peakTest, double peakTestStd, double testPeakEpoch, double testEpochsTo99) {}

    /** The authors' printed CIFAR-10 statistics (epochs in their indexing: subtract 1 for epochs of W training). */
    public static final List<Cifar10Row> CIFAR10 = List.of(
            new Cifar10Row(Method.BP_ADAM, 0.99983, 0.00006, 53.0, 0.5619, 0.0023, 53.0, 36.4),
            new Cifar10Row(Method.BP_DECORRELATION, 1.0, 0, 8.0, 0.5616, 0.0047, 12.4, 8.0),
            new Cifar10Row(Method.COPI_BP, 1.0, 0, 7.0, 0.5730, 0.0016, 13.0, 9.8),
            new Cifar10Row(Method.COPI_FA, 1.0, 0, 13.0, 0.5207, 0.0023, 8.0, 6.0));

    /**
     * The epochs of W training after which CIFAR-10 train accuracy reaches 1.0, read off the plotted mean curves, whose
     * x axis counts epochs of W training (7–8 for COPI-BP and BP-decorrelation, 12–15 for COPI-FA, about 60 for
     * BP-Adam; midpoints here).
     */
    public static final Map<Method, Double> CIFAR10_W_EPOCHS_TO_FULL_TRAIN_ACCURACY = Map.of(
            Method.BP_ADAM, 60.0, Method.BP_DECORRELATION, 7.5, Method.COPI_BP, 7.5, Method.COPI_FA, 13.5);

    /** CIFAR-10 final-epoch test accuracy, read off the plotted mean curves (±0.005). */
    public static final Map<Method, Double> CIFAR10_FINAL_TEST = Map.of(
            Method.BP_ADAM, 0.557, Method.BP_DECORRELATION, 0.533, Method.COPI_BP, 0.567, Method.COPI_FA, 0.477);

    /** CIFAR-10 final train MSE, read off the log-scale plot (order of magnitude). */
    public static final Map<Method, Double> CIFAR10_FINAL_TRAIN_MSE = Map.of(
            Method.BP_ADAM, 1e-2, Method.BP_DECORRELATION, 1.7e-4, Method.COPI_BP, 1.3e-4, Method.COPI_FA, 1e-3);

    /**
     * Network compression on MNIST (COPI-BP, 784-500×6-10, end of training, mean of 5 seeds), read off the authors'
     * figure (±0.001): accuracy when 0, 1, ..., 6 layers are removed.
     */
    public static final double[] MNIST_COMPRESSION_TEST = {0.9825, 0.9807, 0.9770, 0.9748, 0.9693, 0.9548, 0.8443};

    /** The same for the training set (the last value ±0.005). */
    public static final double[] MNIST_COMPRESSION_TRAIN = {0.9998, 0.9993, 0.9989, 0.9966, 0.9893, 0.9675, 0.845};
}
