package org.creditlab.train;

import org.creditlab.data.Batch;
import org.creditlab.data.Batches;
import org.creditlab.data.Dataset;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Network;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Loss and accuracy of a network on a dataset, in evaluation mode. Accuracy is NaN for non-classification targets. */
public record Evaluation(double loss, double accuracy, int examples) {
    /**
     * The most bytes one layer's output may take in one evaluation pass. Larger passes no longer fit the caches: the
     * reference CNN (whose first convolution outputs 49 KiB per image) evaluated Fashion-MNIST's 10,000 test images in
     * 3.3-4.4 s in passes of 1,000 and in 1.4-2.0 s in passes of 83, with the same loss to 9 digits (one thread, three
     * times each, 2026-12-06). Every MLP here stays below it at the default 1,000 (PEPITA's 1,024 float32 units:
     * 4 KiB an image), so their passes are unchanged ({@code EvaluationPassTest} checks the recorded ones).
     */
    static final long PASS_BYTES = 4L << 20;
    /** Passes never get smaller than this, whatever the network. */
    static final int MIN_PASS = 32;

    /** Evaluates in passes of at most {@code batchSize} examples (fewer where {@link #passSize} says so). */
    public static Evaluation of(Network net, Dataset data, int batchSize) {
        double lossSum = 0;
        long correct = 0;
        boolean classification = data.targets().columns() == data.classes();
        for (Batch b : Batches.inOrder(data, passSize(net, batchSize))) {
            // each batch's arrays come from one reused block, as in training: only the two numbers leave it
            try (MemoryWorkspace ignored = Workspaces.step("evaluate")) {
                INDArray out = net.output(b.input());
                INDArray target = b.target().dataType() == out.dataType() ? b.target() : b.target().castTo(out.dataType());
                lossSum += net.loss().value(out, target) * b.size();
                if (classification) {
                    correct += Loss.correct(out, target);
                }
            }
        }
        int n = data.size();
        return new Evaluation(lossSum / n, classification ? (double) correct / n : Double.NaN, n);
    }

    /**
     * {@code batchSize}, or the examples whose largest layer output fits {@link #PASS_BYTES} if that is fewer (at least
     * {@link #MIN_PASS}). Only the grouping of the sums depends on it, and each example's output at most in rounding
     * (a convolution may pick another algorithm for another batch size).
     */
    static int passSize(Network net, int batchSize) {
        long widest = 1;
        for (Layer layer : net.layers()) {
            long size = 1;
            for (long d : layer.outputShape()) {
                size *= d;
            }
            widest = Math.max(widest, size);
        }
        long fits = Math.max(MIN_PASS, PASS_BYTES / (widest * net.dataType().width()));
        return (int) Math.min(batchSize, fits);
    }
}
