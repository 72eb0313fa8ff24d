package org.creditlab.rules.dfc;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The condition and stability measures of the paper (Section 3-4, Fig. 3A, C, E), as pure functions of a network
 * state and the feedback weights.
 */
final class DfcMeasures {
    private DfcMeasures() {}

    /**
     * Condition 2 (col(Q̄) = row(J)): ‖P Q̄‖_F / ‖Q̄‖_F with P = Jᵀ(JJᵀ)^{-1}J the projector onto the row space of J,
     * averaged over the samples; 1 when satisfied. Uses ‖PQ̄‖_F² = tr((JQ̄)ᵀ(JJᵀ)^{-1}(JQ̄)), so only n_L × n_L matrices
     * are formed.
     */
    public static double condition2(ControlledNetwork net, FeedbackWeights q, NetworkState state) {
        INDArray[] j = Jacobians.preActivation(net, state);
        INDArray jq = Jacobians.timesFeedback(j, q);
        INDArray gram = Jacobians.gram(j, null);
        double qNorm = q.concatenated().norm2Number().doubleValue();
        int batch = state.batch();
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            double[][] m = SmallMatrices.ofSample(jq, b);
            double[][] g = SmallMatrices.ofSample(gram, b);
            int n = m.length;
            double projected = 0;
            for (int k = 0; k < n; k++) {
                double[] column = new double[n];
                for (int i = 0; i < n; i++) {
                    column[i] = m[i][k];
                }
                double[] solved = SmallMatrices.solve(g, column);
                for (int i = 0; i < n; i++) {
                    projected += column[i] * solved[i];
                }
            }
            sum += Math.sqrt(Math.max(projected, 0)) / qNorm;
        }
        return sum / batch;
    }

    /**
     * Condition 1 (equal layer "energy" ‖r_0‖ = ... = ‖r_{L−1}‖): the standard deviation over the layers of ‖r_i‖
     * divided by their mean, per sample, averaged (0 when satisfied). The reference code's {@code dev_r} divides the
     * variance by the mean under the root; this is the relative spread the paper describes.
     */
    public static double condition1(NetworkState state) {
        int depth = state.depth();
        double[][] norms = new double[depth][];
        for (int i = 0; i < depth; i++) {
            norms[i] = state.below(i).norm2(1).toDoubleVector();
        }
        int batch = state.batch();
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            double mean = 0;
            for (int i = 0; i < depth; i++) {
                mean += norms[i][b] / depth;
            }
            double var = 0;
            for (int i = 0; i < depth; i++) {
                var += (norms[i][b] - mean) * (norms[i][b] - mean) / depth;
            }
            sum += Math.sqrt(var) / mean;
        }
        return sum / batch;
    }

    /**
     * The largest real part of the eigenvalues of the linearised proportional-integral system at {@code state} (the
     * code's A_PI, for z = (Δv̄, u)):
     *
     * <pre>
     *   A = [ −(I − Ĵ)/τ            (I − Ĵ) Q̄ / τ
     *         −J + (k_p/τ) J_L⁰     −(α I + (k_p/τ) J_L Q_L) ]
     * </pre>
     *
     * with τ = τ_v/τ_u, Ĵ the block-subdiagonal matrix of W_i diag(φ'(v_{i−1})), J_L = diag(φ_L'(v_L)) and J_L⁰ = J
     * restricted to the output block. Negative means locally asymptotically stable. One value per sample, for the first
     * {@code samples} samples.
     */
    public static double[] stability(ControlledNetwork net, FeedbackWeights q, Controller c, NetworkState state, int samples) {
        INDArray[] j = Jacobians.preActivation(net, state);
        int total = net.totalSize();
        int nL = net.outputSize();
        int depth = net.depth();
        double tau = c.tauRatio();
        double[][] qBar = SmallMatrices.ofSample(q.concatenated().reshape(1, total, nL), 0);
        double[][] qL = SmallMatrices.ofSample(q.q(depth - 1).reshape(1, nL, nL), 0);
        int count = Math.min(samples, state.batch());
        double[] out = new double[count];
        for (int b = 0; b < count; b++) {
            double[][] jb = Jacobians.ofSample(j, b);
            double[][] derivative = new double[depth][];
            for (int i = 0; i < depth; i++) {
                derivative[i] = Jacobians.derivative(net, state, i).getRow(b).dup().toDoubleVector();
            }
            double[][] a11 = new double[total][total];
            for (int i = 0; i < total; i++) {
                a11[i][i] = 1 / tau;
            }
            for (int i = 1; i < depth; i++) {
                double[][] w = net.weight(i).toDoubleMatrix();
                for (int p = 0; p < net.size(i); p++) {
                    for (int r = 0; r < net.size(i - 1); r++) {
                        a11[net.offset(i) + p][net.offset(i - 1) + r] = -w[p][r] * derivative[i - 1][r] / tau;
                    }
                }
            }
            double[][] topRight = SmallMatrices.multiply(a11, qBar);
            double[][] a = new double[total + nL][total + nL];
            int last = net.offset(depth - 1);
            for (int r = 0; r < total; r++) {
                for (int s = 0; s < total; s++) {
                    a[r][s] = -a11[r][s];
                }
                for (int k = 0; k < nL; k++) {
                    a[r][total + k] = topRight[r][k];
                }
            }
            for (int k = 0; k < nL; k++) {
                for (int s = 0; s < total; s++) {
                    a[total + k][s] = -jb[k][s] + (s >= last ? c.kp() / tau * jb[k][s] : 0);
                }
                for (int m = 0; m < nL; m++) {
                    a[total + k][total + m] = -(k == m ? c.alpha() : 0) - c.kp() / tau * derivative[depth - 1][k] * qL[k][m];
                }
            }
            out[b] = SmallMatrices.maxRealEigenvalue(a);
        }
        return out;
    }

    /**
     * The largest real part of the eigenvalues of −(J Q̄ + α I) per sample (the instantaneous system of eq. 11;
     * Condition 3 holds iff it is negative), for the first {@code samples} samples.
     */
    public static double[] instantaneousStability(ControlledNetwork net, FeedbackWeights q, double alpha,
                                                  NetworkState state, int samples) {
        INDArray jq = Jacobians.timesFeedback(Jacobians.preActivation(net, state), q);
        int count = Math.min(samples, state.batch());
        double[] out = new double[count];
        for (int b = 0; b < count; b++) {
            double[][] m = SmallMatrices.ofSample(jq, b);
            for (int i = 0; i < m.length; i++) {
                for (int k = 0; k < m.length; k++) {
                    m[i][k] = -m[i][k] - (i == k ? alpha : 0);
                }
            }
            out[b] = SmallMatrices.maxRealEigenvalue(m);
        }
        return out;
    }
}
