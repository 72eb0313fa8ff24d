package org.creditlab.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The slowness fit against a brute-force least-squares scan, and its ordering of fast and slow curves. */
class SlownessTest {

    private static double[] curve(double a, double s, int epochs, double noise) {
        double[] c = new double[epochs];
        java.util.Random r = new java.util.Random(3);
        for (int t = 1; t <= epochs; t++) {
            c[t - 1] = a * t / (s + t) + noise * r.nextGaussian();
        }
        return c;
    }

    @Test
    void fitIsTheLeastSquaresSlownessWithTheAsymptoteFixedToTheMaximum() {
        double[] c = curve(0.9, 1.7, 80, 0.004);
        Slowness fit = Slowness.fit(c, 60, 0.1);
        assertEquals(60, fit.points());
        double max = 0.1;
        for (int i = 0; i < 59; i++) {
            max = Math.max(max, c[i]);
        }
        assertEquals(max, fit.asymptote(), 0);
        // brute force over a fine grid of s, the same residuals written out again
        double bestS = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double s = 0.01; s < 10; s += 0.0005) {
            double loss = Math.pow(0.1, 2);
            for (int t = 1; t < 60; t++) {
                loss += Math.pow(max * t / (s + t) - c[t - 1], 2);
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                bestS = s;
            }
        }
        assertEquals(bestS, fit.s(), 1e-3);
        assertEquals(1.7, fit.s(), 0.4, "near the slowness the curve was made with (A fixed to the maximum biases s down)");
        assertEquals(fit.asymptote() * 5 / (fit.s() + 5), fit.at(5), 1e-15);
    }

    @Test
    void fasterCurvesHaveSmallerSlowness() {
        Slowness fast = Slowness.fit(curve(0.85, 0.3, 20, 0), 60, 0.1);
        Slowness slow = Slowness.fit(curve(0.85, 3.0, 20, 0), 60, 0.1);
        assertEquals(21, fast.points(), "a window longer than the curve keeps all of it");
        assertTrue(fast.s() < slow.s());
        assertTrue(fast.s() > 0.2 && fast.s() < 0.3, "fast: " + fast.s());
        assertTrue(slow.s() > 1.5 && slow.s() < 3.0, "slow: " + slow.s());
    }
}
