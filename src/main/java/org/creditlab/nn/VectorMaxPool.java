package org.creditlab.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 2×2, stride-2 max pooling of float32 feature maps over the widest float vectors of this CPU (16 lanes with
 * AVX-512). Loaded only when the JVM has the module {@code jdk.incubator.vector} ({@link PairPooling} decides); its
 * comparisons are {@link Pool2d}'s scalar loop's, so maxima and the positions the gradient goes to are the same, ties
 * and NaNs included.
 *
 * <p>The maps are rows of windows: row r of the output reads input rows 2r and 2r + 1, each {@code width} wide. A
 * vector of each input row holds the corners of half as many windows; swapping neighbouring lanes puts each window's
 * right corner beside its left one, and the even lanes, packed to the front, are the windows' results. Only
 * one-vector shuffles are used: the JDK 17 API's two-vector shuffles did not compile to vector instructions (1.0 ms
 * against 0.3 ms a batch at the reference CNN's first pooling).
 *
 * <p>The maps are read and the results written where ND4J keeps them: copying them to Java arrays and back took more
 * than the kernel (docs/performance.md). Whole vectors are read and written past a row's end: what a store writes
 * there is overwritten by the next row's store. Only the last rows of a batch, whose vectors would reach past the end
 * of its memory, take the scalar twins ({@link #forwardRows}, {@link #backwardRows}), which give the same bits. The
 * caller passes a map's rows at a time, in order: a call per batch would run its loop long enough for the JIT to
 * compile it on the stack, where JDK 17 keeps the vectors as heap objects.
 */
final class VectorMaxPool {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Lane l takes lane l xor 1: each window's other corner in the same row. */
    private static final VectorShuffle<Float> NEIGHBOUR = shuffle(l -> l ^ 1);
    /** Lane l takes lane 2l (the first half): the windows' results, packed. */
    private static final VectorShuffle<Float> EVEN_LANES = shuffle(l -> 2 * l % LANES);
    /** Lane l takes lane l / 2: each window's value for both its corners in a row. */
    private static final VectorShuffle<Float> EACH_TWICE = shuffle(l -> l / 2);
    /** 0, 1, 0, 1, ...: the column of lane l within its window. */
    private static final FloatVector COLUMN = FloatVector.zero(SPECIES).addIndex(1).sub(
            FloatVector.zero(SPECIES).addIndex(2).rearrange(EACH_TWICE)); // l − 2·⌊l/2⌋

    private VectorMaxPool() {}

    private static VectorShuffle<Float> shuffle(java.util.function.IntUnaryOperator source) {
        int[] lanes = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            lanes[l] = source.applyAsInt(l);
        }
        return VectorShuffle.fromArray(SPECIES, lanes, 0);
    }

    /** How many elements the positions' array must hold beyond the last window, for whole-vector stores there. */
    static int padding() {
        return 2 * LANES;
    }

    /**
     * How many of the first {@code rows} row pairs of maps {@code width} wide the vector kernels may take: those whose
     * whole-vector reads and writes stay within {@code inLength} inputs and {@code outLength} outputs (the rest take
     * {@link #forwardRows} and {@link #backwardRows}).
     */
    static int vectorRows(int rows, int width, int inLength, int outLength) {
        int lastK = (width - 1) / LANES * LANES;
        int safe = rows;
        while (safe > 0 && (2 * (safe - 1) * width + width + lastK + LANES > inLength
                || (safe - 1) * (width / 2) + lastK / 2 + LANES > outLength)) {
            safe--;
        }
        return safe;
    }

    /**
     * out[r·w/2 + j] ← the maximum of window j of row pair r, for {@code rows} row pairs from {@code firstRow}, of
     * {@code width} inputs
     * (even), and which[·] ← where it is: 0 or 1 in the upper row (left, right), 2 or 3 in the lower one. The first
     * maximum in row-major order wins, as in {@link Pool2d}.
     */
    static void forward(ByteBuffer in, ByteBuffer out, float[] which, int firstRow, int rows, int width) {
        int outWidth = width / 2;
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int r = firstRow; r < firstRow + rows; r++) {
            int top = 2 * r * width;
            int q = r * outWidth;
            for (int k = 0; k < width; k += LANES) {
                // in the even lanes: a, b the upper corners of a window, c, d the lower ones
                FloatVector a = FloatVector.fromByteBuffer(SPECIES, in, 4 * (top + k), ORDER);
                FloatVector c = FloatVector.fromByteBuffer(SPECIES, in, 4 * (top + width + k), ORDER);
                FloatVector b = a.rearrange(NEIGHBOUR);
                FloatVector d = c.rearrange(NEIGHBOUR);
                FloatVector upper = a.max(b);
                FloatVector lower = c.max(d);
                VectorMask<Float> down = lower.compare(VectorOperators.GT, upper); // ties stay in the upper row
                upper.max(lower).rearrange(EVEN_LANES).intoByteBuffer(out, 4 * (q + k / 2), ORDER);
                FloatVector right = zero.blend(1f, b.compare(VectorOperators.GT, a)) // ties stay left
                        .blend(zero.blend(1f, d.compare(VectorOperators.GT, c)), down);
                right.add(zero.blend(2f, down)).rearrange(EVEN_LANES).intoArray(which, q + k / 2);
            }
        }
    }

    /**
     * dx ← the gradient of {@link #forward}'s windows: g[q] at the position {@code which} names, 0 elsewhere. Every
     * input element is written (the windows tile the rows), so dx need not be cleared.
     */
    static void backward(ByteBuffer g, float[] which, ByteBuffer dx, int firstRow, int rows, int width) {
        int outWidth = width / 2;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector lowerColumn = COLUMN.add(2f);
        for (int r = firstRow; r < firstRow + rows; r++) {
            int top = 2 * r * width;
            int q = r * outWidth;
            for (int k = 0; k < width; k += LANES) {
                FloatVector grad = FloatVector.fromByteBuffer(SPECIES, g, 4 * (q + k / 2), ORDER).rearrange(EACH_TWICE);
                FloatVector where = FloatVector.fromArray(SPECIES, which, q + k / 2).rearrange(EACH_TWICE);
                zero.blend(grad, where.compare(VectorOperators.EQ, COLUMN)).intoByteBuffer(dx, 4 * (top + k), ORDER);
            }
            for (int k = 0; k < width; k += LANES) {
                FloatVector grad = FloatVector.fromByteBuffer(SPECIES, g, 4 * (q + k / 2), ORDER).rearrange(EACH_TWICE);
                FloatVector where = FloatVector.fromArray(SPECIES, which, q + k / 2).rearrange(EACH_TWICE);
                zero.blend(grad, where.compare(VectorOperators.EQ, lowerColumn)).intoByteBuffer(dx, 4 * (top + width + k), ORDER);
            }
        }
    }

    /** {@link #forward}, one window at a time: the same comparisons, so the same bits. */
    static void forwardRows(ByteBuffer in, ByteBuffer out, float[] which, int firstRow, int rows, int width) {
        int outWidth = width / 2;
        for (int r = firstRow; r < firstRow + rows; r++) {
            int top = 2 * r * width;
            for (int j = 0; j < outWidth; j++) {
                float a = in.getFloat(4 * (top + 2 * j));
                float b = in.getFloat(4 * (top + 2 * j + 1));
                float c = in.getFloat(4 * (top + width + 2 * j));
                float d = in.getFloat(4 * (top + width + 2 * j + 1));
                float upper = Math.max(a, b);
                float lower = Math.max(c, d);
                boolean down = lower > upper;
                out.putFloat(4 * (r * outWidth + j), Math.max(upper, lower));
                float right = down ? (d > c ? 1f : 0f) : (b > a ? 1f : 0f);
                which[r * outWidth + j] = right + (down ? 2f : 0f);
            }
        }
    }

    /** {@link #backward}, one element at a time. */
    static void backwardRows(ByteBuffer g, float[] which, ByteBuffer dx, int firstRow, int rows, int width) {
        int outWidth = width / 2;
        for (int r = firstRow; r < firstRow + rows; r++) {
            int top = 2 * r * width;
            for (int j = 0; j < width; j++) {
                int q = r * outWidth + j / 2;
                float grad = g.getFloat(4 * q);
                dx.putFloat(4 * (top + j), which[q] == j % 2 ? grad : 0f);
                dx.putFloat(4 * (top + width + j), which[q] == j % 2 + 2 ? grad : 0f);
            }
        }
    }
}
