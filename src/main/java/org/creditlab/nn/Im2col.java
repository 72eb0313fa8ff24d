package org.creditlab.nn;

import java.nio.Buffer;
import java.util.Arrays;
import org.creditlab.util.HostArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layout changes of a convolution and of pooling, done in Java on copies of the arrays: im2col (the input's
 * windows as columns), its adjoint col2im (a scatter-add) and swapping the two leading axes of an array.
 *
 * <p>Why not ND4J's own im2col, col2im and permute-and-assign: at the reference CNN's second convolution (batch 64,
 * 16 → 32 channels on 14×14, one thread) they took 6-9 ms, 5 ms and 2.3 ms, against about 2.5, 2.6 and 0.3 ms here
 * (see {@code ConvLayerBenchmark} and README's Performance section).
 *
 * <p>The window layout is precomputed once per geometry as runs: for column row r = (c, u, v) and output row i, the
 * output positions j of one run read input (c, i·s + u − p, j·s + v − p), consecutive j at input step s. Column data
 * move to and from ND4J one row at a time, so the Java heap holds at most one batch's input and one column row.
 */
final class Im2col {
    private final int channels;
    private final int height;
    private final int width;
    private final int example;
    private final int positions;
    private final int rows;
    private final int stride;
    /** Runs of row r are runStart[r] .. runStart[r + 1] − 1. */
    private final int[] runStart;
    private final int[] runSource;
    private final int[] runTarget;
    private final int[] runLength;
    /** Whether row r reads any padding (its column row must be cleared first). */
    private final boolean[] padded;

    Im2col(int channels, int height, int width, Window window) {
        int oh = window.outputSize(height);
        int ow = window.outputSize(width);
        int k = window.kernel();
        int s = window.stride();
        int p = window.padding();
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.example = channels * height * width;
        this.positions = oh * ow;
        this.rows = channels * k * k;
        this.stride = s;
        this.runStart = new int[rows + 1];
        this.padded = new boolean[rows];
        int[] source = new int[rows * oh];
        int[] target = new int[rows * oh];
        int[] length = new int[rows * oh];
        int runs = 0;
        for (int c = 0; c < channels; c++) {
            for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                    int r = (c * k + u) * k + v;
                    runStart[r] = runs;
                    // output columns j whose input column j·s + v − p lies in [0, width)
                    int j0 = Math.max(0, ceilDiv(p - v, s));
                    int j1 = Math.min(ow, ceilDiv(width + p - v, s));
                    for (int i = 0; i < oh; i++) {
                        int h = i * s + u - p;
                        if (h < 0 || h >= height || j1 <= j0) {
                            padded[r] = true;
                            continue;
                        }
                        padded[r] |= j0 > 0 || j1 < ow;
                        source[runs] = (c * height + h) * width + j0 * s + v - p;
                        target[runs] = i * ow + j0;
                        length[runs] = j1 - j0;
                        runs++;
                    }
                }
            }
        }
        runStart[rows] = runs;
        this.runSource = Arrays.copyOf(source, runs);
        this.runTarget = Arrays.copyOf(target, runs);
        this.runLength = Arrays.copyOf(length, runs);
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /** The windows of x [N, C, H, W] as a [C·k·k, N·oh·ow] matrix (row (c, u, v), column (n, i, j)). */
    INDArray columns(INDArray x) {
        int n = (int) x.size(0);
        HostArray in = HostArray.of(x);
        HostArray row = HostArray.zeros(x.dataType(), n * positions);
        INDArray out = Nd4j.createUninitialized(x.dataType(), rows, (long) n * positions);
        Buffer memory = HostArray.memory(out);
        for (int r = 0; r < rows; r++) {
            if (padded[r]) {
                row.clear();
            }
            for (int e = 0; e < n; e++) {
                gather(in, e * example, row, e * positions, r);
            }
            row.write(0, memory, (long) r * row.length(), row.length());
        }
        return out;
    }

    /** Row r of one example's windows: row[to + q] = in[from + source(q)]. */
    private void gather(HostArray in, int from, HostArray row, int to, int r) {
        for (int k = runStart[r]; k < runStart[r + 1]; k++) {
            int src = from + runSource[k];
            int dst = to + runTarget[k];
            if (stride == 1) {
                System.arraycopy(in.array(), src, row.array(), dst, runLength[k]);
            } else {
                for (int t = 0; t < runLength[k]; t++) {
                    row.set(dst + t, in.get(src + t * stride));
                }
            }
        }
    }

    /** The adjoint of {@link #columns}: sums each column entry back onto the input position it came from. */
    INDArray image(INDArray columns, int n) {
        INDArray cols = HostArray.contiguous(columns);
        HostArray img = HostArray.zeros(columns.dataType(), n * example);
        HostArray row = HostArray.zeros(columns.dataType(), n * positions);
        Buffer memory = HostArray.memory(cols);
        for (int r = 0; r < rows; r++) {
            row.read(memory, (long) r * row.length(), 0, row.length());
            for (int e = 0; e < n; e++) {
                int from = e * example;
                int to = e * positions;
                for (int k = runStart[r]; k < runStart[r + 1]; k++) {
                    int src = from + runSource[k];
                    int dst = to + runTarget[k];
                    if (stride == 1) {
                        img.addRange(row, dst, src, runLength[k]);
                    } else {
                        for (int t = 0; t < runLength[k]; t++) {
                            img.add(src + t * stride, row.get(dst + t));
                        }
                    }
                }
            }
        }
        return img.toArray(n, channels, height, width);
    }

    /**
     * A [a, b, run] array (any shape whose leading axes are a and b) re-laid out as [b, a, run] in {@code shape}, c
     * order: one memory copy per run. Moves a convolution's output between [N, out, oh, ow] and [out, N·oh·ow].
     */
    static INDArray swapLeadingAxes(INDArray x, long a, long b, long[] shape) {
        INDArray in = HostArray.contiguous(x);
        int run = (int) (in.length() / (a * b));
        INDArray out = Nd4j.createUninitialized(in.dataType(), shape);
        Buffer src = HostArray.memory(in);
        Buffer dst = HostArray.memory(out);
        for (long i = 0; i < a; i++) {
            for (long j = 0; j < b; j++) {
                HostArray.copy(src, (i * b + j) * run, dst, (j * a + i) * run, run);
            }
        }
        return out;
    }
}
