package org.creditlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Direct, loop-based reference computations of a convolution's products, written from the definitions (no im2col),
 * for comparing the layers against on tiny inputs. Arrays are [N][C][H][W] and kernels [out][in][k][k].
 */
public final class ConvReference {
    private ConvReference() {}

    /** The input value at (h, w), or 0 in the padding. */
    private static double at(double[][] map, int h, int w) {
        return h < 0 || w < 0 || h >= map.length || w >= map[0].length ? 0 : map[h][w];
    }

    /** z[n,o,i,j] = Σ_c,u,v K[o,c,u,v]·x[n,c,i·s+u−p, j·s+v−p] (+ b[o]). */
    public static double[][][][] convolve(double[][][][] x, double[][][][] k, double[] b, int stride, int pad) {
        int n = x.length, c = x[0].length, h = x[0][0].length, w = x[0][0][0].length, o = k.length, ks = k[0][0].length;
        int oh = (h + 2 * pad - ks) / stride + 1, ow = (w + 2 * pad - ks) / stride + 1;
        double[][][][] z = new double[n][o][oh][ow];
        for (int a = 0; a < n; a++) {
            for (int q = 0; q < o; q++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = b == null ? 0 : b[q];
                        for (int ch = 0; ch < c; ch++) {
                            for (int u = 0; u < ks; u++) {
                                for (int v = 0; v < ks; v++) {
                                    s += k[q][ch][u][v] * at(x[a][ch], i * stride + u - pad, j * stride + v - pad);
                                }
                            }
                        }
                        z[a][q][i][j] = s;
                    }
                }
            }
        }
        return z;
    }

    /** The transposed convolution: dx[n,c,h,w] = Σ over (o,u,v,i,j) with i·s+u−p = h, j·s+v−p = w of K[o,c,u,v]·δ[n,o,i,j]. */
    public static double[][][][] transposed(double[][][][] delta, double[][][][] k, int h, int w, int stride, int pad) {
        int n = delta.length, o = k.length, c = k[0].length, ks = k[0][0].length;
        double[][][][] dx = new double[n][c][h][w];
        for (int a = 0; a < n; a++) {
            for (int q = 0; q < o; q++) {
                for (int i = 0; i < delta[0][0].length; i++) {
                    for (int j = 0; j < delta[0][0][0].length; j++) {
                        for (int ch = 0; ch < c; ch++) {
                            for (int u = 0; u < ks; u++) {
                                for (int v = 0; v < ks; v++) {
                                    int hh = i * stride + u - pad, ww = j * stride + v - pad;
                                    if (hh >= 0 && ww >= 0 && hh < h && ww < w) {
                                        dx[a][ch][hh][ww] += k[q][ch][u][v] * delta[a][q][i][j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    /** The filter gradient: G[o,c,u,v] = Σ_n,i,j g[n,o,i,j]·x[n,c,i·s+u−p, j·s+v−p]. */
    public static double[][][][] filterGradient(double[][][][] x, double[][][][] g, int ks, int stride, int pad) {
        int n = x.length, c = x[0].length, o = g[0].length;
        double[][][][] out = new double[o][c][ks][ks];
        for (int a = 0; a < n; a++) {
            for (int q = 0; q < o; q++) {
                for (int i = 0; i < g[0][0].length; i++) {
                    for (int j = 0; j < g[0][0][0].length; j++) {
                        for (int ch = 0; ch < c; ch++) {
                            for (int u = 0; u < ks; u++) {
                                for (int v = 0; v < ks; v++) {
                                    out[q][ch][u][v] += g[a][q][i][j] * at(x[a][ch], i * stride + u - pad, j * stride + v - pad);
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    public static double[][][][] toArray(INDArray a) {
        long[] s = a.shape();
        double[][][][] out = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
        for (int i = 0; i < s[0]; i++) {
            for (int j = 0; j < s[1]; j++) {
                for (int k = 0; k < s[2]; k++) {
                    for (int l = 0; l < s[3]; l++) {
                        out[i][j][k][l] = a.getDouble(i, j, k, l);
                    }
                }
            }
        }
        return out;
    }

    public static INDArray toNd(double[][][][] a) {
        INDArray out = Nd4j.create(DataType.DOUBLE, a.length, a[0].length, a[0][0].length, a[0][0][0].length);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                for (int k = 0; k < a[0][0].length; k++) {
                    for (int l = 0; l < a[0][0][0].length; l++) {
                        out.putScalar(new long[] {i, j, k, l}, a[i][j][k][l]);
                    }
                }
            }
        }
        return out;
    }
}
