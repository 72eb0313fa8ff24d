package org.creditlab.nn;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.creditlab.util.HostArray;
import org.creditlab.util.VectorModule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The kernel and bias gradients of a float32 convolution with stride 1 and "same" padding (an odd kernel k, padding
 * (k − 1)/2), where no input gradient is wanted: a network's first layer. ∂K[o, c, u, v] = Σ_n Σ_p δ[n, o, p] ·
 * x[n, c, p shifted by (u, v)], with x zero outside its maps.
 *
 * <p>im2col and a gemm made a [C·k², N·H·W] copy of the input and a [out, N·H·W] copy of δ for a product whose output
 * is only out × C·k²: at the reference CNN's first layer (1 → 16, 28×28, batch 64, one thread) 2.0 ms a batch, half
 * of it the copies and ND4J's bias sum. Here δ is read where ND4J keeps it, and each tap is a sum of products over
 * every position of every map: the input planes, shifted sideways by v and padded with zero rows, make tap (u, v) a
 * contiguous read at a fixed offset.
 *
 * <p><b>The order of the sums is fixed</b>, so that the vector path ({@link VectorKernelGradient}, for CPUs whose
 * widest float vector has {@link #LANES} lanes, with the Vector API) and the scalar path give the same bits on every
 * machine: a sum has {@link #PARTIALS} partial sums; position p = 16·i + l of a map goes to partial 16·(i mod 4) + l,
 * the maps in order of n, each product added by a fused multiply-add; then the partial sums are added in order. δ's
 * maps are padded with zeros to a multiple of {@link #PARTIALS} positions, and both paths add those products too.
 */
final class SameConvKernelGradient {
    /** Lanes of a block (16: AVX-512's float vectors). */
    static final int LANES = 16;
    /** Blocks of partial sums (independent chains, to hide the latency of the additions). */
    static final int BLOCKS = 4;
    static final int PARTIALS = LANES * BLOCKS;
    /** Input elements after the last map, for the products with δ's padding. */
    static final int PADDING = PARTIALS;
    private static final boolean VECTORS = VectorModule.loaded() && VectorKernelGradient.runs();

    private final int in;
    private final int out;
    private final int height;
    private final int width;
    private final int k;
    private final int pad;
    /** The input planes shifted sideways by each v − pad, per sample and channel, reused from step to step. */
    private float[][] shifted = new float[0][];
    /** The input, copied from ND4J's memory. */
    private float[] maps = new float[0];
    /** δ[·, o] of one output channel, the maps one after another. */
    private float[] deltas = new float[0];

    private SameConvKernelGradient(int in, int out, int height, int width, int k) {
        this.in = in;
        this.out = out;
        this.height = height;
        this.width = width;
        this.k = k;
        this.pad = (k - 1) / 2;
    }

    /** This computation for a layer, or null where its geometry is not stride 1 with "same" padding. */
    static SameConvKernelGradient forLayer(int in, int out, int height, int width, Window w) {
        boolean same = w.stride() == 1 && w.kernel() % 2 == 1 && w.padding() == (w.kernel() - 1) / 2;
        return same ? new SameConvKernelGradient(in, out, height, width, w.kernel()) : null;
    }

    /** Whether it takes these arrays: float32. */
    static boolean takes(INDArray x, INDArray delta) {
        return x.dataType() == DataType.FLOAT && delta.dataType() == DataType.FLOAT;
    }

    /** Whether this JVM runs the vector path (the numbers are the same either way). */
    static boolean vectorised() {
        return VECTORS;
    }

    /** Writes ∂K into {@code gradKernel} [out, in, k, k] and, if not null, ∂b = Σ δ into {@code gradBias} [out]. */
    void compute(INDArray x, INDArray delta, INDArray gradKernel, INDArray gradBias) {
        VectorModule.hintOnce("the first convolution layer's weight gradient", System.err::println);
        compute(x, delta, gradKernel, gradBias, VECTORS);
    }

    /** {@link #compute} on the path named (tests compare the two). */
    void compute(INDArray x, INDArray delta, INDArray gradKernel, INDArray gradBias, boolean vectors) {
        int n = (int) x.size(0);
        int hw = height * width;
        int mapLength = paddedMap();
        int plane = planeStride();
        shift(HostArray.contiguous(x), n);
        INDArray deltaSource = HostArray.contiguous(delta); // kept reachable while its memory is read (a view's copy)
        FloatBuffer d = (FloatBuffer) HostArray.memory(deltaSource);
        if (deltas.length != n * mapLength) {
            deltas = new float[n * mapLength]; // the padding stays 0
        }
        int taps = in * k * k;
        float[] partial = new float[taps * PARTIALS]; // tap (c, u, v)'s sums from ((c·k + u)·k + v)·PARTIALS
        float[] totals = new float[PARTIALS];
        float[] kernel = new float[out * taps];
        float[] bias = new float[out];
        for (int o = 0; o < out; o++) {
            for (int b = 0; b < n; b++) { // δ[·, o], one map after another
                d.get((b * out + o) * hw, deltas, b * mapLength, hw);
            }
            Arrays.fill(partial, 0f);
            Arrays.fill(totals, 0f);
            // a map at a time, every tap of it (its δ and input stay in the L1 cache; see also VectorKernelGradient)
            for (int b = 0; b < n; b++) {
                for (int c = 0; c < in; c++) {
                    for (int u = 0; u < k; u++) {
                        for (int v = 0; v < k; v++) {
                            // tap (u, v): the plane shifted sideways by v − pad, read u − pad rows up or down (row 0
                            // of the map lies pad rows into its plane)
                            int from = (b * in + c) * plane + u * width;
                            int at = ((c * k + u) * k + v) * PARTIALS;
                            if (vectors) {
                                VectorKernelGradient.tap(shifted[v], from, deltas, b * mapLength, mapLength, partial, at);
                            } else {
                                tap(shifted[v], from, deltas, b * mapLength, mapLength, partial, at);
                            }
                        }
                    }
                }
                if (gradBias != null) {
                    if (vectors) {
                        VectorKernelGradient.total(deltas, b * mapLength, mapLength, totals);
                    } else {
                        total(deltas, b * mapLength, mapLength, totals);
                    }
                }
            }
            for (int t = 0; t < taps; t++) {
                kernel[o * taps + t] = sum(partial, t * PARTIALS);
            }
            bias[o] = sum(totals, 0);
        }
        writeInto(gradKernel, kernel);
        if (gradBias != null) {
            writeInto(gradBias, bias);
        }
        Reference.reachabilityFence(deltaSource);
    }

    /** A map of δ with zeros after it, to a whole number of {@link #PARTIALS}. */
    private int paddedMap() {
        return (height * width + PARTIALS - 1) / PARTIALS * PARTIALS;
    }

    /** Elements between the starts of two consecutive (sample, channel) planes: the map and its zero rows. */
    private int planeStride() {
        return (height + 2 * pad) * width;
    }

    /**
     * shifted[v][(n·C + c)·stride + pad·W + i·W + j] ← x[n, c, i, j + v − pad] (0 where j + v − pad leaves the row),
     * with {@code pad} zero rows above and below each map and {@link #PADDING} zeros after the last.
     */
    private void shift(INDArray x, int n) {
        int plane = planeStride();
        int length = n * in * plane + PADDING;
        if (shifted.length != k || shifted[0].length < length) {
            shifted = new float[k][length];
        }
        if (maps.length != n * in * height * width) {
            maps = new float[n * in * height * width];
        }
        ((FloatBuffer) HostArray.memory(x)).get(0, maps, 0, maps.length);
        for (int v = 0; v < k; v++) {
            float[] s = shifted[v];
            Arrays.fill(s, 0f);
            int dv = v - pad;
            int from = Math.max(0, -dv);
            int to = Math.min(width, width - dv);
            for (int m = 0; m < n * in; m++) {
                for (int i = 0; i < height; i++) {
                    int src = (m * height + i) * width + dv;
                    int dst = m * plane + (pad + i) * width;
                    System.arraycopy(maps, src + from, s, dst + from, to - from);
                }
            }
        }
    }

    /**
     * The scalar path of {@link VectorKernelGradient#tap}: the same products, added in the same order (position p to
     * partial ⌊p/16⌋ mod 4 · 16 + p mod 16; the inner loop is one a JIT may run on vectors itself).
     */
    static void tap(float[] planes, int x, float[] deltas, int d, int mapLength, float[] partial, int at) {
        for (int p = 0; p < mapLength; p += LANES) {
            int slot = at + p / LANES % BLOCKS * LANES;
            for (int l = 0; l < LANES; l++) {
                partial[slot + l] = Math.fma(planes[x + p + l], deltas[d + p + l], partial[slot + l]);
            }
        }
    }

    /** The scalar path of {@link VectorKernelGradient#total}: the same sums in the same order. */
    static void total(float[] deltas, int d, int mapLength, float[] partial) {
        for (int p = 0; p < mapLength; p += LANES) {
            int slot = p / LANES % BLOCKS * LANES;
            for (int l = 0; l < LANES; l++) {
                partial[slot + l] += deltas[d + p + l];
            }
        }
    }

    /** The {@link #PARTIALS} partial sums from {@code from}, added in order. */
    private static float sum(float[] partial, int from) {
        float s = 0f;
        for (int i = from; i < from + PARTIALS; i++) {
            s += partial[i];
        }
        return s;
    }

    private static void writeInto(INDArray target, float[] values) {
        if (!HostArray.ownsItsBuffer(target)) {
            throw new IllegalArgumentException("the gradient must own its buffer, got a view of shape "
                    + Arrays.toString(target.shape()));
        }
        ((FloatBuffer) HostArray.memory(target)).put(0, values, 0, values.length);
    }
}
