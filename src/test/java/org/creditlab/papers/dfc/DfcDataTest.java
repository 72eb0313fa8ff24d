package org.creditlab.papers.dfc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.data.DataSplits;
import org.creditlab.data.Dataset;
import org.creditlab.rules.dfc.SmallMatrices;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The data and analyses behind the notebook's figures. */
class DfcDataTest {

    @Test
    void poolingAveragesBlocksAndMakesTheImageItsOwnTarget() {
        float[] px = new float[2 * 784];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i % 784) / 784f;
        }
        Dataset d = new Dataset("t", Nd4j.create(px, new long[] {2, 784}, 'c'), new int[2], 10, List.of(), new long[] {784}, null);
        Dataset pooled = PooledAutoencoder.pool(d, 4);
        assertEquals(49, pooled.featureCount());
        double expected = 0;   // block (0, 0): rows 0-3, columns 0-3
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                expected += (r * 28 + c) / 784.0 / 16;
            }
        }
        assertEquals(expected, pooled.features().getDouble(1, 0), 1e-6);
        assertEquals(pooled.features(), pooled.targets());
    }

    @Test
    void studentTeacherIsDeterministicAndInRange() {
        DataSplits a = StudentTeacher.generate(15, 5, List.of(50, 50), 100, 0, 20, 7);
        DataSplits b = StudentTeacher.generate(15, 5, List.of(50, 50), 100, 0, 20, 7);
        assertEquals(a.train().features(), b.train().features());
        assertEquals(a.train().targets(), b.train().targets());
        assertTrue(a.train().features().maxNumber().doubleValue() <= 1 && a.train().features().minNumber().doubleValue() >= -1);
        assertEquals(5, a.train().targets().columns());
        assertTrue(a.train().targets().stdNumber().doubleValue() > 0);
    }

    @Test
    void figure2MatricesSatisfyTheConditionsAndTheDampedPathJoinsThePseudoInverseToTheTranspose() {
        FeedbackSpace f = FeedbackSpace.figure2(3, 200, 40);
        assertEquals(200, f.random().length);
        double[] first = f.damped()[0];   // γ = 1e-5: the pseudo-inverse
        double[] last = f.damped()[39];   // γ = 100: JᵀJ-dominated, close to the (normalised) transpose
        assertTrue(distance(first, f.pseudoInverse()) < 1e-3, "γ → 0 gives J†");
        assertTrue(distance(last, f.transpose()) < distance(first, f.transpose()), "γ → ∞ moves towards Jᵀ");
        assertTrue(f.explained() > 0.3 && f.explained() <= 1);
    }

    @Test
    void pcaProjectionKeepsDistancesOfDataOnAPlane() {
        double[][] x = {{1, 2, 0}, {2, 4, 0}, {0, 1, 0}, {3, 3, 0}};
        double[][] p = FeedbackSpace.project(x);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                assertEquals(distance(x[i], x[j]), distance(p[i], p[j]), 1e-9);
            }
        }
        assertArrayEquals(new double[] {1, 0}, new double[] {SmallMatrices.solve(new double[][] {{2, 0}, {0, 3}},
                new double[] {2, 0})[0], 0}, 1e-12);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
