package org.creditlab.papers.dfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The data and analyses behind the notebook's figures. */
class DfcDataTest {

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
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
