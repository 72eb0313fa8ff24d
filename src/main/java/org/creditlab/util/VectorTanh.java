package org.creditlab.util;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Tanh}'s algorithm over the widest double vectors of this CPU. Loaded only when the JVM has the module
 * {@code jdk.incubator.vector}; every operation is {@link Tanh#of}'s, in its order, so the bits are the same.
 */
final class VectorTanh {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorTanh() {}

    /** Doubles per vector on this CPU (8 with AVX-512). */
    static int lanes() {
        return SPECIES.length();
    }

    /** y[i] ← tanh(x[i]) for the whole vectors in i < n; returns how many elements it did (the rest are the caller's). */
    static int apply(double[] x, double[] y, int n) {
        double[] c = Tanh.INVERSE_FACTORIALS;
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector a = v.lanewise(VectorOperators.ABS).min(Tanh.CLAMP);
            DoubleVector arg = a.mul(-2);
            DoubleVector k = arg.mul(Tanh.INV_LN2).add(Tanh.ROUND).sub(Tanh.ROUND);
            DoubleVector r = arg.sub(k.mul(Tanh.LN2_HI)).sub(k.mul(Tanh.LN2_LO));
            DoubleVector h = DoubleVector.broadcast(SPECIES, c[13]);
            for (int j = 12; j >= 2; j--) {
                h = h.mul(r).add(c[j]);
            }
            DoubleVector expm1r = r.add(r.mul(r).mul(h));
            DoubleVector twoToK = k.add(Tanh.EXPONENT_SHIFT).reinterpretAsLongs().sub(Tanh.EXPONENT_SHIFT_BITS)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector m = twoToK.mul(expm1r).add(twoToK.sub(1));
            DoubleVector magnitude = m.neg().div(m.add(2)).lanewise(VectorOperators.ABS);
            LongVector sign = v.reinterpretAsLongs().and(Long.MIN_VALUE);
            magnitude.reinterpretAsLongs().or(sign).reinterpretAsDoubles().intoArray(y, i);
        }
        return bound;
    }
}
