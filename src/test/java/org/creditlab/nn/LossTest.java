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

    @Test
    void crossEntropyInFloat32AgreesWithTheFloat64FormulaOnSoftLabelsAndViews() {
        Nd4j.getRandom().setSeed(7);
        INDArray z = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 40, 7).muli(3);
        INDArray y = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 40, 7);
        y.diviColumnVector(y.sum(1));
        Loss.Value exact = Loss.SOFTMAX_CROSS_ENTROPY.evaluate(z, y);
        // reference: the textbook formula, row by row
        double total = 0;
        for (int r = 0; r < 40; r++) {
            double norm = 0;
            for (int c = 0; c < 7; c++) {
                norm += Math.exp(z.getDouble(r, c));
            }
            for (int c = 0; c < 7; c++) {
                double p = Math.exp(z.getDouble(r, c)) / norm;
                total -= y.getDouble(r, c) * Math.log(p);
                assertEquals((p - y.getDouble(r, c)) / 40, exact.gradient().getDouble(r, c), 1e-14);
            }
        }
        assertEquals(total / 40, exact.value(), 1e-12);
        // a float32 network output, given as a column-strided view of a wider array: same values, float rounding
        INDArray wide = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 40, 9);
        INDArray view = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 8));
        view.assign(z);
        Loss.Value single = Loss.SOFTMAX_CROSS_ENTROPY.evaluate(view, y.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, single.gradient().dataType());
        assertEquals(exact.value(), single.value(), 1e-5);
        assertEquals(0, exact.gradient().sub(single.gradient().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE))
                .amaxNumber().doubleValue(), 1e-7);
    }

    @Test
    void aNonFiniteLogitGivesANonFiniteLoss() {
        INDArray z = logits.dup();
        z.putScalar(1, 1, Double.NaN);
        assertEquals(Double.NaN, Loss.SOFTMAX_CROSS_ENTROPY.value(z, target));
        z.putScalar(1, 1, Double.POSITIVE_INFINITY);
        assertEquals(Double.NaN, Loss.SOFTMAX_CROSS_ENTROPY.value(z, target));
    }

    @Test
    void correctBreaksTiesTowardsTheFirstClassAsArgMaxDoes() {
        INDArray tied = Nd4j.createFromArray(new double[][] {{2, 2, 1}, {0, 5, 5}});
        INDArray first = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 1, 0}});
        assertEquals(2, Loss.correct(tied, first));
        assertEquals(Nd4j.argMax(tied, 1).getLong(1), 1);
    }
}
