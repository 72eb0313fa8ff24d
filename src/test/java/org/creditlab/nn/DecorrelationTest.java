package org.creditlab.nn;

import static org.creditlab.nn.DecorrelatedNetworks.assertClose;
import static org.creditlab.nn.DecorrelatedNetworks.network;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.diagnostics.Correlations;
import org.creditlab.rules.BackwardPass;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The decorrelation layer: its exact backward pass, its geometry, and its two update rules. */
class DecorrelationTest {

    @Test
    void backpropThroughDecorrelationMatchesFiniteDifferences() {
        Network net = network(3, 5, 4, 3, 2);
        Rng rng = Rng.of(5);
        INDArray x = rng.normal(DataType.DOUBLE, 0.2, 1, 7, 5);
        INDArray y = rng.normal(DataType.DOUBLE, 0, 1, 7, 2);
        int checked = GradientCheckTest.assertBackpropMatchesFiniteDifferences(net, x, y, net.forward(x, Mode.TRAIN, rng));
        // three R matrices (5², 4², 3²) and three W matrices
        assertEquals(25 + 16 + 9 + 20 + 12 + 6, checked);
    }

    @Test
    void geometryIsThatOfABiasFreeDenseLayerWithWeightR() {
        Rng rng = Rng.of(9);
        INDArray r = rng.normal(DataType.DOUBLE, 0, 1, 4, 4);
        Decorrelation d = new Decorrelation("d", r);
        INDArray y = rng.normal(DataType.DOUBLE, 0, 1, 6, 4);
        INDArray g = rng.normal(DataType.DOUBLE, 0, 1, 6, 4);
        INDArray b = rng.normal(DataType.DOUBLE, 0, 1, 4, 4);
        assertClose(y.mmul(r.transpose()), d.linearResponse(y), 1e-12, "forward x = R y");
        assertClose(g.mmul(r), d.backward(null, g, null), 1e-12, "transport ∂L/∂y = Rᵀ∂L/∂x");
        assertClose(d.backward(null, g, null), d.backwardThrough(d.transportMatrix(), g), 1e-12, "transport matrix");
        assertClose(d.linearResponse(y), d.projectThrough(d.transportMatrix(), y), 1e-12, "projection through Rᵀ");
        assertClose(g.mmul(b.transpose()), d.backwardThrough(b, g), 1e-12, "backwardThrough");
        assertClose(y.mmul(b), d.projectThrough(b, y), 1e-12, "projectThrough");
        assertClose(y.transpose().mmul(g), d.feedbackGradient(y, g), 1e-12, "feedbackGradient");
        Updates u = new Updates();
        Network net = new Network(DataType.DOUBLE, new long[] {4}, List.of(d), Loss.MEAN_SQUARED_ERROR);
        Trace t = net.forward(y, Mode.TRAIN, null);
        d.parameterGradients(t.record(0), g, u);
        assertClose(d.feedbackGradient(y, g).transpose(), u.get(d.weight()), 1e-12, "∂L/∂R = (feedback gradient)ᵀ");
        assertEquals(Parameter.DECORRELATION, d.weight().group());
    }

    @Test
    void startsAtTheIdentity() {
        Decorrelation d = new Decorrelation("d", 3, DataType.FLOAT);
        assertEquals(Nd4j.eye(3).castTo(DataType.FLOAT), d.weight().value());
    }

    @ParameterizedTest
    @EnumSource(Decorrelation.Rule.class)
    void fastUpdateEqualsTheDenseFormula(Decorrelation.Rule rule) {
        Rng rng = Rng.of(13);
        Decorrelation d = new Decorrelation("d", rng.normal(DataType.DOUBLE, 0, 1, 9, 9));
        INDArray x = rng.normal(DataType.DOUBLE, 0.5, 1, 20, 9);
        for (boolean scaled : new boolean[] {false, true}) {
            INDArray fast = Nd4j.create(DataType.DOUBLE, 9, 9);
            d.decorrelationDirection(x, rule, scaled, fast);
            // the dense formula written out here from its definition: C = ⟨x xᵀ⟩ with a zero diagonal
            INDArray c = x.transpose().mmul(x).divi(20);
            for (int i = 0; i < 9; i++) {
                c.putScalar(i, i, 0);
            }
            if (scaled) {
                c.diviRowVector(x.mul(x).mean(0).addi(Decorrelation.VARIANCE_EPSILON));
            }
            INDArray r = d.weight().value();
            INDArray dense = rule == Decorrelation.Rule.DEFAULT ? c.mmul(r) : r.mmul(c);
            assertClose(dense, fast, 1e-12, rule + " scaled=" + scaled);
            assertClose(dense, d.decorrelationDirectionDense(x, rule, scaled), 1e-12, rule + " dense helper");
        }
    }

    @ParameterizedTest
    @EnumSource(Decorrelation.Rule.class)
    void theRuleDecorrelatesCorrelatedGaussians(Decorrelation.Rule rule) {
        int n = 6;
        Rng rng = Rng.of(17);
        // y = z·Lᵀ with L the Cholesky factor of a covariance with correlation 0.6 between every pair
        INDArray cov = Nd4j.valueArrayOf(new long[] {n, n}, 0.6, DataType.DOUBLE).addi(Nd4j.eye(n).castTo(DataType.DOUBLE).muli(0.4));
        INDArray l = cholesky(cov);
        INDArray y = rng.normal(DataType.DOUBLE, 0, 1, 4000, n).mmul(l.transpose());
        Decorrelation d = new Decorrelation("d", n, DataType.DOUBLE);
        double before = Correlations.meanOffDiagonalAbsCorrelation(d.linearResponse(y));
        INDArray direction = Nd4j.create(DataType.DOUBLE, n, n);
        double eta = 0.05;
        for (int step = 0; step < 600; step++) {
            int from = (step * 50) % 4000;
            INDArray batch = y.get(NDArrayIndex.interval(from, from + 50), NDArrayIndex.all());
            d.decorrelationDirection(d.linearResponse(batch), rule, false, direction);
            d.weight().value().subi(direction.mul(eta));
        }
        double after = Correlations.meanOffDiagonalAbsCorrelation(d.linearResponse(y));
        assertTrue(before > 0.55, "the data starts correlated: " + before);
        assertTrue(after < 0.05, rule + ": off-diagonal correlation " + before + " → " + after);
    }

    private static INDArray cholesky(INDArray a) {
        int n = (int) a.rows();
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a.getDouble(i, j);
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return Nd4j.createFromArray(l);
    }
}
