package org.creditlab.nn;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.creditlab.util.HostArray;
import org.creditlab.util.VectorModule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Pool2d}'s max over 2×2 windows with stride 2 on float32 maps of even height and width, the common case, run
 * by {@link VectorMaxPool} where the JVM has the Vector API, on ND4J's memory. At the reference CNN's first pooling
 * (batch 64, 16 maps of 28×28, one thread, in the network's step) the scalar loop took 2.0 ms forward and 1.35 ms
 * backward a batch; the kernel on copies of the maps in Java arrays 1.4-1.6 and 0.9-1.1 ms, most of it the copies
 * (docs/performance.md). The positions of the maxima travel in the layer's record as a float[] of 0-3 per window.
 */
final class PairPooling {
    private final long[] inShape;
    private final long[] outShape;
    /** The positions of an evaluation pass, which nothing reads; kept from step to step (one run's thread). */
    private float[] discarded = new float[0];

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
        INDArray pooled = Nd4j.createUninitialized(DataType.FLOAT, n, outShape[0], outShape[1], outShape[2]);
        INDArray source = HostArray.contiguous(x); // a copy where x is a view: kept reachable while its memory is read
        ByteBuffer in = bytes(source);
        ByteBuffer out = bytes(pooled);
        float[] positions = which;
        if (positions == null) {
            positions = discarded = discarded.length >= windowCount(n) ? discarded : windows(n);
        }
        int rows = rows(n);
        int safe = VectorMaxPool.vectorRows(rows, width(), n * size(inShape), n * size(outShape));
        int mapRows = (int) outShape[1]; // a map's rows at a time (VectorMaxPool)
        for (int first = 0; first < safe; first += mapRows) {
            VectorMaxPool.forward(in, out, positions, first, Math.min(mapRows, safe - first), width());
        }
        VectorMaxPool.forwardRows(in, out, positions, safe, rows - safe, width());
        Reference.reachabilityFence(source);
        return pooled;
    }

    /** The gradient at the input of the pass whose positions are {@code which}: [N, C, H, W]. */
    INDArray backward(INDArray g, float[] which) {
        int n = (int) g.size(0);
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, n, inShape[0], inShape[1], inShape[2]);
        INDArray gradient = HostArray.contiguous(g);
        ByteBuffer grad = bytes(gradient);
        ByteBuffer out = bytes(dx);
        int rows = rows(n);
        int safe = VectorMaxPool.vectorRows(rows, width(), n * size(inShape), n * size(outShape));
        int mapRows = (int) outShape[1];
        for (int first = 0; first < safe; first += mapRows) {
            VectorMaxPool.backward(grad, which, out, first, Math.min(mapRows, safe - first), width());
        }
        VectorMaxPool.backwardRows(grad, which, out, safe, rows - safe, width());
        Reference.reachabilityFence(gradient);
        return dx;
    }

    /** A new array for the positions of a batch of {@code n}. */
    float[] windows(int n) {
        return new float[windowCount(n)];
    }

    private int windowCount(int n) {
        return n * size(outShape) + VectorMaxPool.padding();
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

    private static ByteBuffer bytes(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder());
    }
}
