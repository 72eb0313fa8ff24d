package org.creditlab.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.nn.DecorrelatedMlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.nn.Precision;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The decorrelation measures and ZCA whitening on data whose correlations are known. */
class CorrelationsTest {

    @Test
    void meanOffDiagonalCorrelationOfKnownData() {
        // columns: a, 2a + 1 (correlation 1), −a (−1), b independent of a; a constant column is skipped
        int n = 4000;
        Rng rng = Rng.of(1);
        INDArray a = rng.normal(DataType.DOUBLE, 0, 1, n, 1);
        INDArray b = rng.normal(DataType.DOUBLE, 0, 1, n, 1);
        INDArray x = Nd4j.hstack(a, a.mul(2).addi(1), a.neg(), b, Nd4j.ones(DataType.DOUBLE, n, 1).muli(3));
        // pairs among the four varying columns: three with |r| = 1, three with |r| ≈ 0
        assertEquals(0.5, Correlations.meanOffDiagonalAbsCorrelation(x), 0.02);
        // uncentred: ⟨a(2a + 1)⟩/√(⟨a²⟩⟨(2a + 1)²⟩) = 2/√5 for a standard normal a
        double cosine = Correlations.meanOffDiagonalAbsCosine(Nd4j.hstack(a, a.mul(2).addi(1)));
        assertEquals(2 / Math.sqrt(5), cosine, 0.02);
        assertTrue(Double.isNaN(Correlations.meanOffDiagonalAbsCorrelation(Nd4j.hstack(a, Nd4j.zeros(DataType.DOUBLE, n, 1)))));
    }

    @Test
    void zcaWhiteningGivesTheIdentityCovarianceAndIsSymmetric() {
        Rng rng = Rng.of(2);
        INDArray mix = rng.normal(DataType.DOUBLE, 0, 1, 5, 5);
        INDArray x = rng.normal(DataType.DOUBLE, 1, 1, 3000, 5).mmul(mix).addiRowVector(Nd4j.createFromArray(1.0, 2, 3, 4, 5));
        Correlations.Whitening w = Correlations.zca(x, 1e-8);
        INDArray white = w.apply(x);
        INDArray cov = white.transpose().mmul(white).divi(3000);
        assertTrue(cov.sub(Nd4j.eye(5).castTo(DataType.DOUBLE)).norm2Number().doubleValue() < 1e-6, "covariance " + cov);
        assertTrue(w.matrix().sub(w.matrix().transpose()).norm2Number().doubleValue() < 1e-9, "ZCA is symmetric");
        assertEquals(0, Correlations.meanOffDiagonalAbsCorrelation(white), 1e-6);
    }

    @Test
    void theListenerMeasuresTheInputOfEveryDenseLayer() {
        Network net = DecorrelatedMlpSpec.of(4, 3, 2).toBuilder().precision(Precision.FLOAT64).build().build(1);
        Rng rng = Rng.of(3);
        INDArray a = rng.normal(DataType.DOUBLE, 0, 1, 50, 1);
        INDArray x = Nd4j.hstack(a, a.mul(-1), rng.normal(DataType.DOUBLE, 0, 1, 50, 2));
        var data = new org.creditlab.data.Dataset("d", x, new int[50], 2, java.util.List.of("0", "1"), new long[] {4}, null);
        var m = CorrelationListener.measure(net, data, 50);
        assertEquals(java.util.List.of("corr/dense1", "corr/dense2"), java.util.List.copyOf(m.keySet()));
        assertEquals(Correlations.meanOffDiagonalAbsCorrelation(x), m.get("corr/dense1"), 1e-12, "R₁ = I: the raw input");
    }
}
