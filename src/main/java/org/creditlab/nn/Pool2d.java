package org.creditlab.nn;

import java.util.Arrays;
import java.util.Locale;
import org.creditlab.util.HostArray;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max or average pooling over each feature map of [N, C, H, W], with PyTorch's conventions: a max ignores the
 * padding and sends the gradient to the first maximum of its window (row-major order); an average divides by the
 * full window (count_include_pad = True).
 *
 * <p>Computed in Java: a training pass records the position of each window's maximum, and the backward pass
 * scatters the gradient to those positions. At the reference CNN's first pooling (batch 64, 16 maps of 28×28, one
 * thread, CPU time) ND4J's maxpool2d took 1.3 ms and maxpool2d_bp 6.0 ms; these loops take about 1.0-1.45 ms and
 * 0.45-0.55 ms (with the copies to and from ND4J's memory).
 * The 2×2 window without padding (the common case) compares in a tree rather than a chain: the chain's
 * data-dependent updates made the general loop four times slower. Where the JVM has the Vector API, float32 maps of even
 * size take {@link PairPooling} for that window with stride 2, with the same results.
 */
public final class Pool2d implements Layer {

    /** The reduction over a window. */
    public enum Kind { MAX, AVERAGE }

    private final String name;
    private final Kind kind;
    private final Window window;
    private final long[] shape;
    private final long[] outShape;
    /** Step buffers of megabytes, reused (a network, and so its layers, serves one run's thread). */
    private HostArray inputScratch;
    private HostArray outputScratch;
    private HostArray outputGradientScratch;
    private HostArray gradientScratch;
    /** The vector path for 2×2 windows with stride 2, or null. */
    private final PairPooling pairs;

    public Pool2d(String name, Kind kind, Window window, long... inputShape) {
        this(name, kind, window, true, inputShape);
    }

    /** With {@code vectors} false, the scalar loops only (to compare the paths). */
    Pool2d(String name, Kind kind, Window window, boolean vectors, long... inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("layer '" + name + "': pooling needs feature maps [C, H, W], got "
                    + Arrays.toString(inputShape));
        }
        if (window.padding() * 2 > window.kernel()) {
            throw new IllegalArgumentException("layer '" + name + "': padding " + window.padding()
                    + " must be at most half the kernel " + window.kernel());
        }
        this.name = name;
        this.kind = kind;
        this.window = window;
        this.shape = inputShape.clone();
        this.outShape = new long[] {inputShape[0], window.outputSize(inputShape[1]), window.outputSize(inputShape[2])};
        this.pairs = vectors ? PairPooling.forLayer(kind, window, shape, outShape) : null;
    }

    public static Pool2d max(String name, Window window, long... inputShape) {
        return new Pool2d(name, Kind.MAX, window, inputShape);
    }

    public static Pool2d average(String name, Window window, long... inputShape) {
        return new Pool2d(name, Kind.AVERAGE, window, inputShape);
    }

    public Kind kind() { return kind; }
    /** Whether float32 maps take the Vector API's path ({@link PairPooling}). */
    boolean vectorised() { return pairs != null; }
    public Window window() { return window; }
    @Override public String name() { return name; }
    @Override public long[] inputShape() { return shape.clone(); }
    @Override public long[] outputShape() { return outShape.clone(); }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        int n = (int) input.size(0);
        if (pairs != null && PairPooling.takes(input)) {
            float[] which = record.mode() == Mode.TRAIN ? pairs.windows(n) : null;
            if (which != null) {
                record.cache(which);
            }
            return pairs.forward(input, which);
        }
        HostArray in = inputScratch = HostArray.of(input, inputScratch);
        HostArray out = outputScratch = HostArray.zeros(input.dataType(), n * (int) (outShape[0] * outShape[1] * outShape[2]),
                outputScratch);
        if (kind == Kind.MAX) {
            int[] argmax = new int[out.length()];
            max(in, out, argmax, n);
            if (record.mode() == Mode.TRAIN) {
                record.cache(argmax);
            }
        } else {
            average(in, out, null, n);
        }
        return out.toArray(n, outShape[0], outShape[1], outShape[2]);
    }

    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        int n = (int) gradOutput.size(0);
        if (record.cache() instanceof float[] which) { // the positions of the vector path
            return pairs.backward(gradOutput, which);
        }
        HostArray g = outputGradientScratch = HostArray.of(gradOutput, outputGradientScratch);
        HostArray dx = gradientScratch = HostArray.zeros(gradOutput.dataType(), n * (int) (shape[0] * shape[1] * shape[2]),
                gradientScratch);
        if (kind == Kind.MAX) {
            int[] argmax = record.cache();
            if (argmax == null) { // an evaluation pass keeps no positions
                argmax = new int[g.length()];
                max(HostArray.of(record.input()), HostArray.zeros(gradOutput.dataType(), g.length()), argmax, n);
            }
            dx.scatterAdd(argmax, g);
        } else {
            average(dx, null, g, n);
        }
        return dx.toArray(n, shape[0], shape[1], shape[2]);
    }

    /** Each window's maximum into {@code out} and its input offset into {@code argmax}. */
    private void max(HostArray in, HostArray out, int[] argmax, int n) {
        if (window.kernel() == 2 && window.padding() == 0) {
            maxOfPairs(in, out, argmax, n);
            return;
        }
        int[] offsets = new int[window.kernel() * window.kernel()];
        int positions = (int) (outShape[1] * outShape[2]);
        int plane = (int) (shape[1] * shape[2]);
        for (int m = 0; m < n * (int) shape[0]; m++) {
            for (int q = 0; q < positions; q++) {
                int count = window(q, offsets);
                int best = m * plane + offsets[0];
                for (int t = 1; t < count; t++) {
                    if (in.get(m * plane + offsets[t]) > in.get(best)) {
                        best = m * plane + offsets[t];
                    }
                }
                argmax[m * positions + q] = best;
                out.set(m * positions + q, in.get(best));
            }
        }
    }

    /** The in-map offsets of output position q's window that are not padding, in row-major order; returns how many. */
    private int window(int q, int[] offsets) {
        int h = (int) shape[1];
        int w = (int) shape[2];
        int i = q / (int) outShape[2];
        int j = q % (int) outShape[2];
        int count = 0;
        for (int u = 0; u < window.kernel(); u++) {
            for (int v = 0; v < window.kernel(); v++) {
                int y = i * window.stride() - window.padding() + u;
                int x = j * window.stride() - window.padding() + v;
                if (y >= 0 && x >= 0 && y < h && x < w) {
                    offsets[count++] = y * w + x;
                }
            }
        }
        return count;
    }

    /**
     * {@link #max} for 2×2 windows without padding: a tree of comparisons, with no loop-carried dependency, written out
     * for each element type (through {@link HostArray#get}, or through a shared loop calling a lambda, it took 1.7-2.7
     * times as long at the reference CNN's first pooling: 1.85 and 2.9 ms against 1.1 ms a batch).
     */
    private void maxOfPairs(HostArray in, HostArray out, int[] argmax, int n) {
        int w = (int) shape[2];
        int plane = (int) (shape[1] * shape[2]);
        int oh = (int) outShape[1];
        int ow = (int) outShape[2];
        int s = window.stride();
        int maps = n * (int) shape[0];
        if (in.array() instanceof float[] x) {
            float[] y = (float[]) out.array();
            for (int m = 0; m < maps; m++) {
                for (int i = 0; i < oh; i++) {
                    int row = m * plane + i * s * w;
                    int o = (m * oh + i) * ow;
                    for (int j = 0; j < ow; j++) {
                        int top = row + j * s;
                        float a = x[top];
                        float b = x[top + 1];
                        float c = x[top + w];
                        float d = x[top + w + 1];
                        int first = b > a ? top + 1 : top; // ties keep the earlier position
                        int second = d > c ? top + w + 1 : top + w;
                        float upper = Math.max(a, b);
                        float lower = Math.max(c, d);
                        argmax[o + j] = lower > upper ? second : first;
                        y[o + j] = Math.max(upper, lower);
                    }
                }
            }
        } else { // the same loop on doubles
            double[] x = (double[]) in.array();
            double[] y = (double[]) out.array();
            for (int m = 0; m < maps; m++) {
                for (int i = 0; i < oh; i++) {
                    int row = m * plane + i * s * w;
                    int o = (m * oh + i) * ow;
                    for (int j = 0; j < ow; j++) {
                        int top = row + j * s;
                        double a = x[top];
                        double b = x[top + 1];
                        double c = x[top + w];
                        double d = x[top + w + 1];
                        int first = b > a ? top + 1 : top;
                        int second = d > c ? top + w + 1 : top + w;
                        double upper = Math.max(a, b);
                        double lower = Math.max(c, d);
                        argmax[o + j] = lower > upper ? second : first;
                        y[o + j] = Math.max(upper, lower);
                    }
                }
            }
        }
    }

    /**
     * The average's forward pass (sums {@code in} into {@code out}) or, with {@code grad}, its backward pass (spreads
     * {@code grad} into {@code in}); the window loop is the same.
     */
    private void average(HostArray in, HostArray out, HostArray grad, int n) {
        int[] offsets = new int[window.kernel() * window.kernel()];
        int positions = (int) (outShape[1] * outShape[2]);
        int plane = (int) (shape[1] * shape[2]);
        double scale = 1.0 / offsets.length;
        for (int m = 0; m < n * (int) shape[0]; m++) {
            for (int q = 0; q < positions; q++) {
                int count = window(q, offsets);
                int o = m * positions + q;
                double sum = 0;
                for (int t = 0; t < count; t++) {
                    if (grad == null) {
                        sum += in.get(m * plane + offsets[t]);
                    } else {
                        in.add(m * plane + offsets[t], grad.get(o) * scale);
                    }
                }
                if (grad == null) {
                    out.set(o, sum * scale);
                }
            }
        }
    }

    @Override
    public String toString() {
        return name + "(" + kind.name().toLowerCase(Locale.ROOT) + " " + window + ")";
    }
}
