package org.creditlab.diagnostics;

import java.util.Arrays;

/**
 * The PEPITA paper's convergence-speed measure ("slowness"; the authors' {@code plot_compute_slowness.ipynb}): the
 * saturating curve acc(t) = A·t/(s + t) fitted to a mean test-accuracy curve. The chance level is prepended at t = 0,
 * the first {@code window} points of that series are kept (K = 60 in the paper, the epochs before the learning-rate
 * decay), A is fixed to their maximum, and s is fitted by least squares. Smaller s means faster convergence: the
 * curve reaches half of A after s epochs.
 *
 * @param asymptote A
 * @param s         the fitted slowness, in epochs
 * @param rmse      the root-mean-square residual of the fit over the window
 * @param points    the number of points fitted (chance included)
 */
public record Slowness(double asymptote, double s, double rmse, int points) {

    /**
     * Fits the curve.
     *
     * @param curve  test accuracy after epochs 1, 2, ... (fractions or percent, as {@code chance})
     * @param window how many points of [chance, curve...] to fit (the code's {@code fit_epochs})
     * @param chance the chance level (0.1 for ten classes, 0.01 for a hundred)
     */
    public static Slowness fit(double[] curve, int window, double chance) {
        int k = Math.min(window, curve.length + 1);
        if (k < 2) {
            throw new IllegalArgumentException("the slowness fit needs at least one epoch of the curve");
        }
        double[] y = new double[k];
        y[0] = chance;
        System.arraycopy(curve, 0, y, 1, k - 1);
        double a = Arrays.stream(y).max().orElseThrow();
        // 1-D least squares in log s: a coarse scan, then golden-section search around the best point
        double lo = -6;
        double hi = 4;
        double best = lo;
        for (int i = 0; i <= 200; i++) {
            double u = lo + (hi - lo) * i / 200;
            if (loss(y, a, Math.pow(10, u)) < loss(y, a, Math.pow(10, best))) {
                best = u;
            }
        }
        double left = Math.max(lo, best - (hi - lo) / 200);
        double right = Math.min(hi, best + (hi - lo) / 200);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 100; i++) {
            double m1 = right - g * (right - left);
            double m2 = left + g * (right - left);
            if (loss(y, a, Math.pow(10, m1)) < loss(y, a, Math.pow(10, m2))) {
                right = m2;
            } else {
                left = m1;
            }
        }
        double s = Math.pow(10, (left + right) / 2);
        return new Slowness(a, s, Math.sqrt(loss(y, a, s) / k), k);
    }

    /** The fitted curve at epoch t. */
    public double at(double t) {
        return asymptote * t / (s + t);
    }

    private static double loss(double[] y, double a, double s) {
        double sum = 0;
        for (int t = 0; t < y.length; t++) {
            double r = a * t / (s + t) - y[t];
            sum += r * r;
        }
        return sum;
    }
}
