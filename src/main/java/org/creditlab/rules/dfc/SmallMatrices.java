package org.creditlab.rules.dfc;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dense linear algebra on the small per-sample matrices of DFC (n_L × n_L systems, damped pseudo-inverses,
 * eigenvalues), in plain Java double arrays: a batch of 128 10×10 solves costs less than one ND4J call.
 */
final class SmallMatrices {
    private SmallMatrices() {}

    /** Solves a·x = b by LU with partial pivoting; a and b are not modified. */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double[] x = b.clone();
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(m[i][c]) > Math.abs(m[p][c])) {
                    p = i;
                }
            }
            if (m[p][c] == 0) {
                throw new ArithmeticException("singular matrix in column " + c);
            }
            double[] rowSwap = m[p]; m[p] = m[c]; m[c] = rowSwap;
            double xSwap = x[p]; x[p] = x[c]; x[c] = xSwap;
            for (int i = c + 1; i < n; i++) {
                double f = m[i][c] / m[c][c];
                if (f != 0) {
                    for (int k = c; k < n; k++) {
                        m[i][k] -= f * m[c][k];
                    }
                    x[i] -= f * x[c];
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= m[i][k] * x[k];
            }
            x[i] = s / m[i][i];
        }
        return x;
    }

    /** For each sample b, solves (A_b + shift·I) x_b = y_b; {@code a} is [B, n, n], {@code y} is [B, n]. */
    public static INDArray solveEach(INDArray a, INDArray y, double shift) {
        int batch = (int) a.size(0);
        int n = (int) a.size(1);
        double[] flat = a.dup('c').data().asDouble();
        double[] rhs = y.dup('c').data().asDouble();
        double[] out = new double[batch * n];
        double[][] m = new double[n][n];
        double[] b = new double[n];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, (s * n + i) * n, m[i], 0, n);
                m[i][i] += shift;
            }
            System.arraycopy(rhs, s * n, b, 0, n);
            System.arraycopy(solve(m, b), 0, out, s * n, n);
        }
        return Nd4j.create(out, new long[] {batch, n}, DataType.DOUBLE);
    }

    /** One sample's n×n matrix out of a [B, n, n] array. */
    public static double[][] ofSample(INDArray cube, int sample) {
        int n = (int) cube.size(1);
        int m = (int) cube.size(2);
        double[] flat = cube.get(org.nd4j.linalg.indexing.NDArrayIndex.point(sample)).dup('c').data().asDouble();
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * m, out[i], 0, m);
        }
        return out;
    }

    /**
     * The damped pseudo-inverse Jᵀ(JJᵀ + γI)^{-1} of J (n × m, n ≤ m); for γ = 0 the Moore-Penrose pseudo-inverse.
     */
    public static double[][] dampedPseudoInverse(double[][] j, double gamma) {
        RealMatrix jm = new Array2DRowRealMatrix(j, false);
        if (gamma == 0) {
            return new SingularValueDecomposition(jm).getSolver().getInverse().getData();
        }
        RealMatrix g = jm.multiply(jm.transpose());
        for (int i = 0; i < g.getRowDimension(); i++) {
            g.addToEntry(i, i, gamma);
        }
        return jm.transpose().multiply(new org.apache.commons.math3.linear.LUDecomposition(g).getSolver().getInverse()).getData();
    }

    /**
     * The largest real part among the eigenvalues of a square matrix, computed after balancing (the system matrices
     * mix 1/τ_v-sized and α-sized blocks, on which the unbalanced QR iteration can fail); NaN if it still fails.
     */
    public static double maxRealEigenvalue(double[][] a) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
        }
        balance(b);
        try {
            double[] re = new EigenDecomposition(new Array2DRowRealMatrix(b, false)).getRealEigenvalues();
            double max = Double.NEGATIVE_INFINITY;
            for (double v : re) {
                max = Math.max(max, v);
            }
            return max;
        } catch (org.apache.commons.math3.exception.MathIllegalStateException e) {
            return Double.NaN;
        }
    }

    /**
     * Balances a square matrix in place by a diagonal similarity D^{-1} A D with powers of 2 (Parlett and Reinsch),
     * which equalises row and column norms and leaves the eigenvalues unchanged.
     */
    static void balance(double[][] a) {
        int n = a.length;
        boolean done = false;
        while (!done) {
            done = true;
            for (int i = 0; i < n; i++) {
                double c = 0;
                double r = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        c += Math.abs(a[j][i]);
                        r += Math.abs(a[i][j]);
                    }
                }
                if (c == 0 || r == 0) {
                    continue;
                }
                double g = r / 2;
                double f = 1;
                double s = c + r;
                while (c < g) {
                    f *= 2;
                    c *= 4;
                }
                g = r * 2;
                while (c > g) {
                    f /= 2;
                    c /= 4;
                }
                if ((c + r) / f < 0.95 * s) {
                    done = false;
                    for (int j = 0; j < n; j++) {
                        a[i][j] /= f;
                        a[j][i] *= f;
                    }
                }
            }
        }
    }

    /** a·b. */
    public static double[][] multiply(double[][] a, double[][] b) {
        return new Array2DRowRealMatrix(a, false).multiply(new Array2DRowRealMatrix(b, false)).getData();
    }

    /** aᵀ. */
    public static double[][] transpose(double[][] a) {
        return new Array2DRowRealMatrix(a, false).transpose().getData();
    }
}
