package org.creditlab.util;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * tanh of float64 arrays, for DFC's simulations (a rate per unit per Euler step): ND4J's tanh costs about 14 ns per
 * element, as much as the step's matrix products. This is our own algorithm, run 8 lanes at a time with the JDK's
 * incubating Vector API when the JVM was started with {@code --add-modules jdk.incubator.vector} (about 1.7 ns per
 * element on AVX-512), else one element at a time (about as fast as ND4J's). Both paths do the same IEEE operations in
 * the same order, so they give the same bits: the flag changes the speed, never the numbers.
 *
 * <p>The algorithm: with a = min(|x|, 20) (tanh rounds to ±1 beyond about 19.1), m = expm1(−2a) and tanh x =
 * sign(x)·(−m / (2 + m)). expm1(y) = 2^k·expm1(r) + (2^k − 1) with y = k·ln 2 + r, |r| ≤ ln 2 / 2 (ln 2 split in two
 * parts, so k·ln2_hi is exact), and expm1(r) = r + r²·Σ_{n=2}^{13} rⁿ⁻²/n! (truncation below 1e-18). For k = 0 this is
 * expm1(r) itself, accurate near 0, where 1 − e^{−2a} would cancel. Within 3 ulp of {@link StrictMath#tanh}.
 */
public final class Tanh {
    /** The JVM option that enables the vector path. */
    public static final String JVM_OPTION = VectorModule.JVM_OPTION;

    static final double CLAMP = 20;
    static final double INV_LN2 = 1.4426950408889634;
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** Adding and subtracting 1.5·2^52 rounds a double of magnitude below 2^51 to an integer (ties to even). */
    static final double ROUND = 0x1.8p52;
    /** 2^52 + 1023: adding it to an integer k puts k + 1023 (the biased exponent of 2^k) in the low bits. */
    static final double EXPONENT_SHIFT = 0x1p52 + 1023;
    static final long EXPONENT_SHIFT_BITS = 0x4330000000000000L;
    /** 1/n! for n = 0..13. */
    static final double[] INVERSE_FACTORIALS = inverseFactorials(13);

    private static final boolean VECTORISED = VectorModule.loaded();
    /** Heap copies of the argument, one per thread: an array per call would be megabytes of garbage per step. */
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);

    private Tanh() {}

    /** Whether this JVM runs the vector path (it has the module {@code jdk.incubator.vector}). */
    public static boolean vectorised() {
        return VECTORISED;
    }

    /** Which path this JVM runs, and how to get the vector path if it does not, for benchmarks' headers and hints. */
    public static String describe() {
        return VECTORISED ? "vectorised (" + VectorTanh.lanes() + " lanes, jdk.incubator.vector)"
                : "one element at a time (start java with " + JVM_OPTION + " for the vector path; the numbers are the same)";
    }

    /**
     * Says once per JVM, to {@code say}, that DFC's simulations would run faster with {@link #JVM_OPTION}, when this
     * JVM runs the scalar path and the JDK has the module.
     */
    public static void hintOnce(Consumer<String> say) {
        VectorModule.hintOnce("DFC's tanh", say);
    }

    /**
     * out ← tanh(in). Both float64, or both float32 (computed in float64 and rounded once), of one shape and layout,
     * each contiguous in its ordering (a whole array, or a block of columns of an f-ordered matrix); {@code out} may be
     * {@code in}.
     */
    public static INDArray apply(INDArray in, INDArray out) {
        check(in, out);
        int n = (int) in.length();
        int from = (int) in.offset();
        int to = (int) out.offset();
        double[] x = SCRATCH.get();
        if (x.length < n) {
            x = new double[n];
            SCRATCH.set(x);
        }
        if (in.dataType() == DataType.DOUBLE) {
            in.data().asNioDouble().get(from, x, 0, n);
            apply(x, x, n);
            out.data().asNioDouble().put(to, x, 0, n);
            return out;
        }
        FloatBuffer source = in.data().asNioFloat();
        for (int i = 0; i < n; i++) {
            x[i] = source.get(from + i);
        }
        apply(x, x, n);
        FloatBuffer target = out.data().asNioFloat();
        for (int i = 0; i < n; i++) {
            target.put(to + i, (float) x[i]);
        }
        return out;
    }

    private static void check(INDArray in, INDArray out) {
        DataType type = in.dataType();
        if ((type != DataType.DOUBLE && type != DataType.FLOAT) || out.dataType() != type) {
            throw new IllegalArgumentException("Tanh takes two float64 or two float32 arrays, got " + in.dataType()
                    + " and " + out.dataType());
        }
        if (!Arrays.equals(in.shape(), out.shape()) || in.ordering() != out.ordering()) {
            throw new IllegalArgumentException("Tanh needs in and out of one shape and ordering, got "
                    + Arrays.toString(in.shape()) + " " + in.ordering() + " and "
                    + Arrays.toString(out.shape()) + " " + out.ordering());
        }
        if (in.elementWiseStride() != 1 || out.elementWiseStride() != 1) {
            throw new IllegalArgumentException("Tanh needs arrays contiguous in their ordering (element-wise stride 1)");
        }
    }

    /** y[i] ← tanh(x[i]) for i < n; {@code y} may be {@code x}. */
    public static void apply(double[] x, double[] y, int n) {
        int done = VECTORISED ? VectorTanh.apply(x, y, n) : 0;
        for (int i = done; i < n; i++) {
            y[i] = of(x[i]);
        }
    }

    /** tanh(x), by the same operations as the vector path. */
    public static double of(double x) {
        double a = Math.min(Math.abs(x), CLAMP);
        double y = -2 * a;
        double k = (y * INV_LN2 + ROUND) - ROUND;
        double r = (y - k * LN2_HI) - k * LN2_LO;
        double[] c = INVERSE_FACTORIALS;
        double h = c[13];
        for (int n = 12; n >= 2; n--) {
            h = h * r + c[n];
        }
        double expm1r = r + r * r * h;
        double twoToK = Double.longBitsToDouble((Double.doubleToRawLongBits(k + EXPONENT_SHIFT) - EXPONENT_SHIFT_BITS) << 52);
        double m = twoToK * expm1r + (twoToK - 1);
        return Math.copySign(Math.abs(-m / (2 + m)), x);
    }

    private static double[] inverseFactorials(int n) {
        double[] c = new double[n + 1];
        double f = 1;
        c[0] = 1;
        for (int i = 1; i <= n; i++) {
            f *= i;
            c[i] = 1 / f;
        }
        return c;
    }
}
