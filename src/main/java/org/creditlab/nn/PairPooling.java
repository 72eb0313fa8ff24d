package org.creditlab.nn;

import java.nio.FloatBuffer;
import org.creditlab.util.HostArray;
import org.creditlab.util.VectorModule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Pool2d}'s max over 2×2 windows with stride 2 on float32 maps of even height and width, the common case, run
 * by {@link VectorMaxPool} where the JVM has the Vector API. At the reference CNN's first pooling (batch 64, 16 maps
 * of 28×28, one thread, in the network's step) the scalar loop took 2.0 ms forward and 1.35 ms backward a batch, this
 * path 1.4-1.6 and 0.9-1.1 ms, most of it the copies and the memory traffic around the kernel (README,
 * "Performance"). The positions of the maxima travel in the layer's record as a float[] of 0-3 per window.
 *
 * <p>The maps are copied into Java arrays with {@link VectorMaxPool#padding} to spare, kept from step to step (a
 * network, and so its layers, serves one run's thread).
 */
final class PairPooling {
    private final long[] inShape;
    private final long[] outShape;
    private float[] input = new float[0];
    private float[] output = new float[0];
    private float[] gradOutput = new float[0];
    private float[] gradInput = new float[0];

    private PairPooling(long[] inShape, long[] outShape) {
        this.inShape = inShape.clone();
        this.outShape = outShape.clone();
    }

    /** This path for a layer of {@code window} over maps of {@code inShape} [C, H, W], or null where it does not apply. */
    static PairPooling forLayer(Pool2d.Kind kind, Window window, long[] inShape, long[] outShape) {
        boolean pairs = kind == Pool2d.Kind.MAX && window.kernel() == 2 && window.stride() == 2 && window.padding() == 0
                && inShape[1] % 2 == 0 && inShape[2] % 2 == 0;
        return pairs && VectorModule.loaded() ? new PairPooling(inShape, outShape) : null;
    }

    /** Whether it pools {@code x}: float32 (float64 maps take the scalar loop). */
    static boolean takes(INDArray x) {
        return x.dataType() == DataType.FLOAT;
    }

    /** The pooled maps [N, C, H/2, W/2]; {@code which}, if not null, receives the positions (length {@link #windows}). */
    INDArray forward(INDArray x, float[] which) {
        int n = (int) x.size(0);
        int in = n * size(inShape);
        int out = n * size(outShape);
        input = fit(input, in);
        output = fit(output, out);
        gradOutput = fit(gradOutput, out); // the positions of an evaluation pass, which nothing reads
        ((FloatBuffer) HostArray.memory(HostArray.contiguous(x))).get(0, input, 0, in);
        float[] positions = which == null ? gradOutput : which;
        int rows = (int) outShape[1]; // a map's rows at a time (VectorMaxPool)
        for (int first = 0; first < rows(n); first += rows) {
            VectorMaxPool.forward(input, output, positions, first, rows, width());
        }
        INDArray pooled = Nd4j.createUninitialized(DataType.FLOAT, n, outShape[0], outShape[1], outShape[2]);
        ((FloatBuffer) HostArray.memory(pooled)).put(0, output, 0, out);
        return pooled;
    }

    /** The gradient at the input of the pass whose positions are {@code which}: [N, C, H, W]. */
    INDArray backward(INDArray g, float[] which) {
        int n = (int) g.size(0);
        int in = n * size(inShape);
        int out = n * size(outShape);
        gradOutput = fit(gradOutput, out);
        gradInput = fit(gradInput, in);
        ((FloatBuffer) HostArray.memory(HostArray.contiguous(g))).get(0, gradOutput, 0, out);
        int rows = (int) outShape[1];
        for (int first = 0; first < rows(n); first += rows) {
            VectorMaxPool.backward(gradOutput, which, gradInput, first, rows, width());
        }
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, n, inShape[0], inShape[1], inShape[2]);
        ((FloatBuffer) HostArray.memory(dx)).put(0, gradInput, 0, in);
        return dx;
    }

    /** A new array for the positions of a batch of {@code n}. */
    float[] windows(int n) {
        return new float[n * size(outShape) + VectorMaxPool.padding()];
    }

    private int rows(int n) {
        return n * (int) (outShape[0] * outShape[1]);
    }

    private int width() {
        return (int) inShape[2];
    }

    private static int size(long[] shape) {
        return (int) (shape[0] * shape[1] * shape[2]);
    }

    /** {@code a} if it holds {@code length} elements and the padding, else a larger one. */
    private static float[] fit(float[] a, int length) {
        return a.length >= length + VectorMaxPool.padding() ? a : new float[length + VectorMaxPool.padding()];
    }
}
