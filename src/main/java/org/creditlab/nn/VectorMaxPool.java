package org.creditlab.nn;

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
 * against 0.3 ms a batch at the reference CNN's first pooling). Whole vectors are read and written past a row's end:
 * what a store writes there is overwritten by the next row's store, and the caller's arrays carry {@link #padding}
 * elements beyond the last row. The caller passes a map's rows at a time, in order: a call per batch would run its
 * loop long enough for the JIT to compile it on the stack, where JDK 17 keeps the vectors as heap objects.
 */
final class VectorMaxPool {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
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

    /** How many elements the arrays must hold beyond the last row, for whole-vector reads and writes there. */
    static int padding() {
        return 2 * LANES;
    }

    /**
     * out[r·w/2 + j] ← the maximum of window j of row pair r, for {@code rows} row pairs from {@code firstRow}, of
     * {@code width} inputs
     * (even), and which[·] ← where it is: 0 or 1 in the upper row (left, right), 2 or 3 in the lower one. The first
     * maximum in row-major order wins, as in {@link Pool2d}.
     */
    static void forward(float[] in, float[] out, float[] which, int firstRow, int rows, int width) {
        int outWidth = width / 2;
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int r = firstRow; r < firstRow + rows; r++) {
            int top = 2 * r * width;
            int q = r * outWidth;
            for (int k = 0; k < width; k += LANES) {
                // in the even lanes: a, b the upper corners of a window, c, d the lower ones
                FloatVector a = FloatVector.fromArray(SPECIES, in, top + k);
                FloatVector c = FloatVector.fromArray(SPECIES, in, top + width + k);
                FloatVector b = a.rearrange(NEIGHBOUR);
                FloatVector d = c.rearrange(NEIGHBOUR);
                FloatVector upper = a.max(b);
                FloatVector lower = c.max(d);
                VectorMask<Float> down = lower.compare(VectorOperators.GT, upper); // ties stay in the upper row
                upper.max(lower).rearrange(EVEN_LANES).intoArray(out, q + k / 2);
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
    static void backward(float[] g, float[] which, float[] dx, int firstRow, int rows, int width) {
        int outWidth = width / 2;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector lowerColumn = COLUMN.add(2f);
        for (int r = firstRow; r < firstRow + rows; r++) {
            int top = 2 * r * width;
            int q = r * outWidth;
            for (int k = 0; k < width; k += LANES) {
                FloatVector grad = FloatVector.fromArray(SPECIES, g, q + k / 2).rearrange(EACH_TWICE);
                FloatVector where = FloatVector.fromArray(SPECIES, which, q + k / 2).rearrange(EACH_TWICE);
                zero.blend(grad, where.compare(VectorOperators.EQ, COLUMN)).intoArray(dx, top + k);
            }
            for (int k = 0; k < width; k += LANES) {
                FloatVector grad = FloatVector.fromArray(SPECIES, g, q + k / 2).rearrange(EACH_TWICE);
                FloatVector where = FloatVector.fromArray(SPECIES, which, q + k / 2).rearrange(EACH_TWICE);
                zero.blend(grad, where.compare(VectorOperators.EQ, lowerColumn)).intoArray(dx, top + width + k);
            }
        }
    }
}
