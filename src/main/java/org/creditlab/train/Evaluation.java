package org.creditlab.train;

import org.creditlab.data.Batch;
import org.creditlab.data.Batches;
import org.creditlab.data.Dataset;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Network;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Loss and accuracy of a network on a dataset, in evaluation mode. Accuracy is NaN for non-classification targets. */
public record Evaluation(double loss, double accuracy, int examples) {

    public static Evaluation of(Network net, Dataset data, int batchSize) {
        double lossSum = 0;
        long correct = 0;
        boolean classification = data.targets().columns() == data.classes();
        for (Batch b : Batches.inOrder(data, batchSize)) {
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
}
