package org.creditlab.rules;

import static org.creditlab.nn.ConvReference.convolve;
import static org.creditlab.nn.ConvReference.filterGradient;
import static org.creditlab.nn.ConvReference.toArray;

import java.util.List;
import org.creditlab.nn.Activation;
import org.creditlab.nn.Conv2d;
import org.creditlab.nn.ConvReference;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Flatten;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Pool2d;
import org.creditlab.nn.Updates;
import org.creditlab.nn.Window;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny double-precision CNN for rule tests, and a loop-based reference of one training step on it in which the
 * transports across conv2 and the dense layer are supplied by the test (a rule's feedback, written with loops):
 *
 * <pre>
 *   x [N,1,6,6] → conv1 (2@3×3, pad 1, bias) → ReLU → conv2 (3@3×3, no pad, bias) → ReLU → maxpool 2
 *               → flatten (12) → dense (12 → 3, bias) → softmax cross-entropy
 * </pre>
 *
 * Everything in the reference is computed from the definitions with Java loops ({@link ConvReference} for the
 * convolutions); only the weights are read from the network.
 */
public final class TinyCnn {
    public static final int CLASSES = 3;

    private TinyCnn() {}

    public static Network build(long seed) {
        Rng r = Rng.of(seed);
        return new Network(DataType.DOUBLE, new long[] {1, 6, 6}, List.<Layer>of(
                new Conv2d("conv1", new long[] {1, 6, 6}, new Window(3, 1, 1),
                        r.child("w1").normal(DataType.DOUBLE, 0, 0.6, 2, 1, 3, 3), r.child("b1").normal(DataType.DOUBLE, 0, 0.3, 2)),
                new Activation("act1", Nonlinearity.relu(), 2, 6, 6),
                new Conv2d("conv2", new long[] {2, 6, 6}, new Window(3, 1, 0),
                        r.child("w2").normal(DataType.DOUBLE, 0, 0.4, 3, 2, 3, 3), r.child("b2").normal(DataType.DOUBLE, 0, 0.3, 3)),
                new Activation("act2", Nonlinearity.relu(), 3, 4, 4),
                new Pool2d("pool", Pool2d.Kind.MAX, new Window(2, 2, 0), 3, 4, 4),
                new Flatten("flatten", 3, 2, 2),
                new Dense("dense", r.child("wd").normal(DataType.DOUBLE, 0, 0.5, CLASSES, 12),
                        r.child("bd").normal(DataType.DOUBLE, 0, 0.3, CLASSES))), Loss.SOFTMAX_CROSS_ENTROPY);
    }

    public static Conv2d conv1(Network net) {
        return (Conv2d) net.layer(0);
    }

    public static Conv2d conv2(Network net) {
        return (Conv2d) net.layer(2);
    }

    public static Dense dense(Network net) {
        return (Dense) net.layer(6);
    }

    public static INDArray input(long seed, int n) {
        return Rng.of(seed).normal(DataType.DOUBLE, 0, 1, n, 1, 6, 6);
    }

    public static INDArray oneHot(int... labels) {
        INDArray t = Nd4j.zeros(DataType.DOUBLE, labels.length, CLASSES);
        for (int i = 0; i < labels.length; i++) {
            t.putScalar(i, labels[i], 1);
        }
        return t;
    }

    /** The gradient at the dense layer's input [N][12], given the output error e (already divided by N). */
    @FunctionalInterface
    public interface DenseCrossing {
        double[][] apply(double[][] e);
    }

    /** The gradient at conv2's input [N][2][6][6], given e and δ at conv2's output [N][3][4][4]. */
    @FunctionalInterface
    public interface ConvCrossing {
        double[][][][] apply(double[][] e, double[][][][] delta2);
    }

    /** The step's quantities: every parameter's update, conv2's input h1, δ at conv2's output, the error e. */
    public record Reference(double[][][][] dW1, double[] db1, double[][][][] dW2, double[] db2, double[][] dWd, double[] dbd,
                            double[][][][] h1, double[][][][] delta2, double[][] e) {

        /** Compares the updates of conv1, conv2 and the dense layer with {@code u}. */
        public void assertMatches(Network net, Updates u, double tol) {
            close(ConvReference.toNd(dW1), u.get(conv1(net).weight()), tol, "ΔW conv1");
            close(Nd4j.createFromArray(db1), u.get(conv1(net).bias()), tol, "Δb conv1");
            close(ConvReference.toNd(dW2), u.get(conv2(net).weight()), tol, "ΔW conv2");
            close(Nd4j.createFromArray(db2), u.get(conv2(net).bias()), tol, "Δb conv2");
            close(Nd4j.createFromArray(dWd), u.get(dense(net).weight()), tol, "ΔW dense");
            close(Nd4j.createFromArray(dbd), u.get(dense(net).bias()), tol, "Δb dense");
        }
    }

    public static void close(INDArray expected, INDArray actual, double tol, String what) {
        double err = expected.sub(actual).norm2Number().doubleValue() / Math.max(1e-12, expected.norm2Number().doubleValue());
        if (!(err < tol)) {
            throw new AssertionError(what + ": relative error " + err + "\nexpected " + expected + "\nactual " + actual);
        }
    }

    /** dense feedback in the feedback orientation B [12, 3] (or a DFA projection of that shape): g = e·Bᵀ by loops. */
    public static DenseCrossing through(INDArray b) {
        double[][] m = b.toDoubleMatrix();
        return e -> {
            double[][] g = new double[e.length][m.length];
            for (int n = 0; n < e.length; n++) {
                for (int k = 0; k < m.length; k++) {
                    for (int o = 0; o < CLASSES; o++) {
                        g[n][k] += e[n][o] * m[k][o];
                    }
                }
            }
            return g;
        };
    }

    /** The transposed convolution of δ with a kernel-shaped B (stride 1, no padding, conv2's geometry), by loops. */
    public static ConvCrossing transposedWith(INDArray b) {
        double[][][][] k = toArray(b);
        return (e, delta2) -> ConvReference.transposed(delta2, k, 6, 6, 1, 0);
    }

    /** A direct projection of e through B [72, 3], reshaped to [N, 2, 6, 6] in row-major order, by loops. */
    public static ConvCrossing projected(INDArray b) {
        double[][] m = b.toDoubleMatrix();
        return (e, delta2) -> {
            double[][][][] g = new double[e.length][2][6][6];
            for (int n = 0; n < e.length; n++) {
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < 6; i++) {
                        for (int j = 0; j < 6; j++) {
                            for (int o = 0; o < CLASSES; o++) {
                                g[n][c][i][j] += e[n][o] * m[c * 36 + i * 6 + j][o];
                            }
                        }
                    }
                }
            }
            return g;
        };
    }

    /** One step by loops, with the given transports across the dense layer and conv2. */
    public static Reference reference(Network net, INDArray input, INDArray target, DenseCrossing acrossDense,
                                      ConvCrossing acrossConv2) {
        double[][][][] x = toArray(input);
        int n = x.length;
        double[][][][] z1 = convolve(x, toArray(conv1(net).weight().value()), conv1(net).bias().value().toDoubleVector(), 1, 1);
        double[][][][] h1 = relu(z1);
        double[][][][] z2 = convolve(h1, toArray(conv2(net).weight().value()), conv2(net).bias().value().toDoubleVector(), 1, 0);
        double[][][][] h2 = relu(z2);
        double[][] flat = new double[n][12];
        int[][] argmax = new int[n][12];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        int k = c * 4 + i * 2 + j;
                        flat[a][k] = Double.NEGATIVE_INFINITY;
                        for (int u = 0; u < 2; u++) {
                            for (int v = 0; v < 2; v++) {
                                if (h2[a][c][2 * i + u][2 * j + v] > flat[a][k]) {
                                    flat[a][k] = h2[a][c][2 * i + u][2 * j + v];
                                    argmax[a][k] = u * 2 + v;
                                }
                            }
                        }
                    }
                }
            }
        }
        double[][] wd = dense(net).weight().value().toDoubleMatrix();
        double[] bd = dense(net).bias().value().toDoubleVector();
        double[][] t = target.toDoubleMatrix();
        double[][] e = new double[n][CLASSES];
        for (int a = 0; a < n; a++) {
            double[] logits = new double[CLASSES];
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < CLASSES; o++) {
                logits[o] = bd[o];
                for (int k = 0; k < 12; k++) {
                    logits[o] += wd[o][k] * flat[a][k];
                }
                max = Math.max(max, logits[o]);
            }
            double sum = 0;
            for (int o = 0; o < CLASSES; o++) {
                sum += Math.exp(logits[o] - max);
            }
            for (int o = 0; o < CLASSES; o++) {
                e[a][o] = (Math.exp(logits[o] - max) / sum - t[a][o]) / n;
            }
        }
        double[][] dWd = new double[CLASSES][12];
        double[] dbd = new double[CLASSES];
        for (int a = 0; a < n; a++) {
            for (int o = 0; o < CLASSES; o++) {
                dbd[o] += e[a][o];
                for (int k = 0; k < 12; k++) {
                    dWd[o][k] += e[a][o] * flat[a][k];
                }
            }
        }
        double[][] gFlat = acrossDense.apply(e);
        double[][][][] delta2 = new double[n][3][4][4];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        int k = c * 4 + i * 2 + j;
                        int u = argmax[a][k] / 2, v = argmax[a][k] % 2;
                        delta2[a][c][2 * i + u][2 * j + v] = gFlat[a][k];
                    }
                }
            }
        }
        gate(delta2, z2);
        double[][][][] delta1 = acrossConv2.apply(e, delta2);
        gate(delta1, z1);
        return new Reference(filterGradient(x, delta1, 3, 1, 1), biasGradient(delta1), filterGradient(h1, delta2, 3, 1, 0),
                biasGradient(delta2), dWd, dbd, h1, delta2, e);
    }

    public static double[][][][] relu(double[][][][] z) {
        double[][][][] h = new double[z.length][z[0].length][z[0][0].length][z[0][0][0].length];
        for (int a = 0; a < z.length; a++) {
            for (int c = 0; c < z[0].length; c++) {
                for (int i = 0; i < z[0][0].length; i++) {
                    for (int j = 0; j < z[0][0][0].length; j++) {
                        h[a][c][i][j] = Math.max(0, z[a][c][i][j]);
                    }
                }
            }
        }
        return h;
    }

    /** g ⊙ relu'(z), in place. */
    private static void gate(double[][][][] g, double[][][][] z) {
        for (int a = 0; a < g.length; a++) {
            for (int c = 0; c < g[0].length; c++) {
                for (int i = 0; i < g[0][0].length; i++) {
                    for (int j = 0; j < g[0][0][0].length; j++) {
                        if (z[a][c][i][j] <= 0) {
                            g[a][c][i][j] = 0;
                        }
                    }
                }
            }
        }
    }

    /** Σ over batch and positions, per channel. */
    public static double[] biasGradient(double[][][][] g) {
        double[] b = new double[g[0].length];
        for (double[][][] example : g) {
            for (int c = 0; c < b.length; c++) {
                for (double[] row : example[c]) {
                    for (double v : row) {
                        b[c] += v;
                    }
                }
            }
        }
        return b;
    }
}
