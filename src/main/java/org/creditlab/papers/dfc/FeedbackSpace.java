package org.creditlab.papers.dfc;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.creditlab.nn.Network;
import org.creditlab.rules.dfc.DfcAnalysis;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fig. 2: the space of feedback matrices that satisfy Conditions 2 and 3 for a 5-2-2 tanh network at one random
 * input, as in the code's {@code run_toy_exp_fig2.py}: random Q = Jᵀ P (P Gaussian n_L × n_L, kept when every
 * eigenvalue of J Q has a positive real part), the damped pseudo-inverses Jᵀ(JJᵀ + γI)^{-1} for γ log-spaced in
 * [1e-5, 1e2], J^† and Jᵀ, each flattened and scaled to unit Frobenius norm, projected on the first two principal
 * components of all of them together.
 *
 * @param random      PC1, PC2 of each random Q
 * @param damped      PC1, PC2 of each damped pseudo-inverse, in order of γ
 * @param gammas      the damping values
 * @param pseudoInverse PC1, PC2 of J^†
 * @param transpose   PC1, PC2 of Jᵀ
 * @param explained   fraction of the variance on the two components
 */
public record FeedbackSpace(double[][] random, double[][] damped, double[] gammas, double[] pseudoInverse,
                            double[] transpose, double explained) {

    /** The figure's data: {@code count} random matrices and {@code dampings} damping values. */
    public static FeedbackSpace figure2(long seed, int count, int dampings) {
        Rng rng = Rng.of(seed).child("figure2");
        Network network = DfcNetworks.regression(5, List.of(2), 2).build(seed);
        // J does not depend on the target: any of the output's shape will do
        DfcAnalysis analysis = DfcAnalysis.of(network, rng.child("x").normal(DataType.DOUBLE, 0, 1, 1, 5),
                Nd4j.zeros(DataType.DOUBLE, 1, 2));
        double[][] j = analysis.jacobian(0);
        int nL = j.length;
        int rows = count + dampings + 2;
        double[][] all = new double[rows][];
        Rng mix = rng.child("P");
        RealMatrix jt = new Array2DRowRealMatrix(j, false).transpose();
        for (int i = 0; i < count; ) {
            double[][] p = new double[nL][nL];
            for (double[] row : p) {
                for (int k = 0; k < nL; k++) {
                    row[k] = mix.nextGaussian();
                }
            }
            double[][] q = jt.multiply(new Array2DRowRealMatrix(p, false)).getData();
            if (DfcAnalysis.positiveSpectrum(j, q)) {
                all[i++] = unit(q);
            }
        }
        double[] gammas = new double[dampings];
        for (int i = 0; i < dampings; i++) {
            gammas[i] = Math.pow(10, -5 + 7.0 * i / (dampings - 1));
            all[count + i] = unit(DfcAnalysis.dampedPseudoInverse(j, gammas[i]));
        }
        all[rows - 2] = unit(DfcAnalysis.dampedPseudoInverse(j, 0));
        all[rows - 1] = unit(jt.getData());
        double[][] pcs = project(all);
        double[][] random = Arrays.copyOfRange(pcs, 0, count);
        double[][] damped = Arrays.copyOfRange(pcs, count, count + dampings);
        return new FeedbackSpace(random, damped, gammas, pcs[rows - 2], pcs[rows - 1], explained(all));
    }

    /** The matrix flattened row by row and scaled to unit norm. */
    private static double[] unit(double[][] m) {
        int cols = m[0].length;
        double[] v = new double[m.length * cols];
        double sq = 0;
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] = m[r][c];
                sq += m[r][c] * m[r][c];
            }
        }
        double norm = Math.sqrt(sq);
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private static RealMatrix centred(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                mean[k] += row[k] / n;
            }
        }
        double[][] c = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                c[i][k] = x[i][k] - mean[k];
            }
        }
        return new Array2DRowRealMatrix(c, false);
    }

    /** Scores on the first two principal components (PCA of the centred rows by SVD). */
    static double[][] project(double[][] x) {
        RealMatrix c = centred(x);
        RealMatrix v = new SingularValueDecomposition(c).getV();
        return c.multiply(v.getSubMatrix(0, v.getRowDimension() - 1, 0, 1)).getData();
    }

    private static double explained(double[][] x) {
        double[] s = new SingularValueDecomposition(centred(x)).getSingularValues();
        double total = 0;
        for (double v : s) {
            total += v * v;
        }
        return (s[0] * s[0] + s[1] * s[1]) / total;
    }

    /** One coordinate (0: PC1, 1: PC2) of a set of points. */
    public static double[] coordinate(double[][] points, int k) {
        double[] v = new double[points.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = points[i][k];
        }
        return v;
    }
}
