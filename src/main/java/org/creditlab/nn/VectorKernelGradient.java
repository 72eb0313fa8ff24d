package org.creditlab.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SameConvKernelGradient}'s sums on 16-lane float vectors (AVX-512), one vector per block of partial sums, in
 * its order: the bits are the scalar path's. Loaded only when the JVM has the module {@code jdk.incubator.vector}, and
 * run only where such vectors are the CPU's widest ({@link #runs}; elsewhere the API would emulate them slowly).
 *
 * <p>Each call adds one map (δ's maps are padded to whole groups of four blocks), the partial sums passed in and out
 * through an array. A loop over all maps ran long enough for the JIT of JDK 17 to compile it on the stack
 * (on-stack replacement), where it kept the vectors as heap objects: 4-8 ms a batch at the reference CNN's first
 * layer instead of about 0.7.
 */
final class VectorKernelGradient {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
    private static final int LANES = SameConvKernelGradient.LANES;
    private static final int GROUP = SameConvKernelGradient.PARTIALS;

    private VectorKernelGradient() {}

    static boolean runs() {
        return FloatVector.SPECIES_PREFERRED.length() == LANES;
    }

    /**
     * partial[at …] += the products of one map: planes[x + p] · deltas[d + p] for p < mapLength, by fused
     * multiply-adds.
     */
    static void tap(float[] planes, int x, float[] deltas, int d, int mapLength, float[] partial, int at) {
        FloatVector a0 = load(partial, at);
        FloatVector a1 = load(partial, at + LANES);
        FloatVector a2 = load(partial, at + 2 * LANES);
        FloatVector a3 = load(partial, at + 3 * LANES);
        for (int p = 0; p < mapLength; p += GROUP) {
            a0 = load(planes, x + p).fma(load(deltas, d + p), a0);
            a1 = load(planes, x + p + LANES).fma(load(deltas, d + p + LANES), a1);
            a2 = load(planes, x + p + 2 * LANES).fma(load(deltas, d + p + 2 * LANES), a2);
            a3 = load(planes, x + p + 3 * LANES).fma(load(deltas, d + p + 3 * LANES), a3);
        }
        store(partial, at, a0, a1, a2, a3);
    }

    /** partial += deltas[d + p] for p < mapLength. */
    static void total(float[] deltas, int d, int mapLength, float[] partial) {
        FloatVector a0 = load(partial, 0);
        FloatVector a1 = load(partial, LANES);
        FloatVector a2 = load(partial, 2 * LANES);
        FloatVector a3 = load(partial, 3 * LANES);
        for (int p = d; p < d + mapLength; p += GROUP) {
            a0 = a0.add(load(deltas, p));
            a1 = a1.add(load(deltas, p + LANES));
            a2 = a2.add(load(deltas, p + 2 * LANES));
            a3 = a3.add(load(deltas, p + 3 * LANES));
        }
        store(partial, 0, a0, a1, a2, a3);
    }

    private static FloatVector load(float[] a, int at) {
        return FloatVector.fromArray(SPECIES, a, at);
    }

    private static void store(float[] partial, int at, FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3) {
        a0.intoArray(partial, at);
        a1.intoArray(partial, at + LANES);
        a2.intoArray(partial, at + 2 * LANES);
        a3.intoArray(partial, at + 3 * LANES);
    }
}
