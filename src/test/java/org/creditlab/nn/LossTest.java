package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossTest {
    private final INDArray logits = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {3, 1, 0}});
    private final INDArray target = Nd4j.createFromArray(new double[][] {{0, 0, 1}, {1, 0, 0}});

    @Test
    void crossEntropyMatchesHandComputation() {
        double row0 = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double row1 = -Math.log(Math.exp(3) / (Math.exp(3) + Math.exp(1) + Math.exp(0)));
        Loss.Value v = Loss.SOFTMAX_CROSS_ENTROPY.evaluate(logits, target);
        assertEquals((row0 + row1) / 2, v.value(), 1e-12);
        double p00 = Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertEquals(p00 / 2, v.gradient().getDouble(0, 0), 1e-12);
    }

    @Test
    void crossEntropyIsStableForLargeLogits() {
        INDArray big = Nd4j.createFromArray(new double[][] {{1000, 0, -1000}});
        INDArray t = Nd4j.createFromArray(new double[][] {{0, 1, 0}});
        assertEquals(1000, Loss.SOFTMAX_CROSS_ENTROPY.value(big, t), 1e-9);
    }

    @Test
    void meanSquaredErrorAveragesOverAllElements() {
        Loss.Value v = Loss.MEAN_SQUARED_ERROR.evaluate(logits, target);
        double sum = 1 + 4 + 4 + 4 + 1 + 0;
        assertEquals(sum / 6, v.value(), 1e-12);
        assertEquals(2.0 * 1 / 6, v.gradient().getDouble(0, 0), 1e-12);
    }

    @Test
    void evaluatingALossLeavesItsInputsUnchanged() {
        for (Loss loss : Loss.values()) {
            INDArray out = logits.dup();
            INDArray t = target.dup();
            loss.evaluate(out, t);
            assertEquals(logits, out, loss + " changed the network output");
            assertEquals(target, t, loss + " changed the target");
        }
    }

    @Test
    void correctCountsArgmaxMatches() {
        assertEquals(2, Loss.correct(logits, target));
        assertEquals(0, Loss.correct(logits, Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 0, 1}})));
    }
}
