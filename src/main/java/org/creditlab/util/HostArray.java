package org.creditlab.util;

import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float32 or float64 Java array, for layout changes (im2col, pooling windows, crops) that cost a few nanoseconds per
 * element as Java loops but are slow as ND4J ops (strided copies, tens of microseconds per call). Values are read and
 * written as doubles, so one loop serves both precisions; float32 values round-trip exactly. Data move to and from
 * ND4J's memory in bulk through NIO views (a memcpy): ND4J's own {@code asFloat()} and {@code Nd4j.create(float[])}
 * were an order of magnitude slower at batch sizes.
 */
public abstract sealed class HostArray permits HostArray.Floats, HostArray.Doubles {

    /** A copy of {@code x}'s elements in c order. */
    public static HostArray of(INDArray x) {
        INDArray c = contiguous(x);
        HostArray h = zeros(c.dataType(), (int) c.length());
        h.read(memory(c), 0, 0, h.length());
        return h;
    }

    /**
     * {@link #of}, written into {@code scratch} when it has the type and length (a layer's buffer kept across steps:
     * arrays of megabytes are "humongous" to G1, and allocating one per step cost more than the copy), else a new array.
     */
    public static HostArray of(INDArray x, HostArray scratch) {
        INDArray c = contiguous(x);
        HostArray h = fits(scratch, c.dataType(), c.length()) ? scratch : zeros(c.dataType(), (int) c.length());
        h.read(memory(c), 0, 0, h.length());
        return h;
    }

    /** {@link #zeros}, as {@code scratch} cleared when it has the type and length (see {@link #of(INDArray, HostArray)}). */
    public static HostArray zeros(DataType type, int length, HostArray scratch) {
        if (fits(scratch, type, length)) {
            scratch.clear();
            return scratch;
        }
        return zeros(type, length);
    }

    private static boolean fits(HostArray h, DataType type, long length) {
        return h != null && h.length() == length && (h instanceof Floats ? DataType.FLOAT : DataType.DOUBLE) == type;
    }

    /** A zero-filled array of {@code type} (float32 or float64). */
    public static HostArray zeros(DataType type, int length) {
        return switch (type) {
            case FLOAT -> new Floats(new float[length]);
            case DOUBLE -> new Doubles(new double[length]);
            default -> throw new IllegalArgumentException("expected float32 or float64, got " + type);
        };
    }

    /** {@code x} itself if it owns its whole buffer in c order, else a c-order copy. Only float32 and float64. */
    public static INDArray contiguous(INDArray x) {
        if (x.dataType() != DataType.FLOAT && x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("expected a float32 or float64 array, got " + x.dataType());
        }
        return ownsItsBuffer(x) ? x : x.dup('c');
    }

    /** Whether {@code x} is its whole buffer in c order, so that {@link #contiguous} returns it without a copy. */
    public static boolean ownsItsBuffer(INDArray x) {
        return x.offset() == 0 && x.ordering() == 'c' && x.elementWiseStride() == 1 && x.data().length() == x.length();
    }

    /**
     * The memory of an ND4J array that owns its buffer (a fresh array or {@link #contiguous}'s result), for
     * {@link #copy}: a FloatBuffer or a DoubleBuffer. Getting it costs microseconds; reuse it for many copies.
     */
    public static Buffer memory(INDArray x) {
        return x.dataType() == DataType.FLOAT ? x.data().asNioFloat() : x.data().asNioDouble();
    }

    /** Copies {@code length} elements between two {@link #memory} buffers of the same type (a memcpy). */
    public static void copy(Buffer src, long from, Buffer dst, long to, int length) {
        if (src instanceof FloatBuffer f) {
            ((FloatBuffer) dst).put((int) to, f, (int) from, length);
        } else {
            ((DoubleBuffer) dst).put((int) to, (DoubleBuffer) src, (int) from, length);
        }
    }

    public abstract int length();

    public abstract double get(int i);

    public abstract void set(int i, double value);

    public abstract void add(int i, double value);

    /** this[to + t] += src[from + t] for t < length; {@code src} must have the same precision. A vectorisable loop. */
    public abstract void addRange(HostArray src, int from, int to, int length);

    /** this[index[i]] += src[i] for every i of {@code index}; {@code src} must have the same precision. */
    public abstract void scatterAdd(int[] index, HostArray src);

    /** Sets every element to 0. */
    public abstract void clear();

    /** The Java array itself (float[] or double[]), for {@link System#arraycopy}. */
    public abstract Object array();

    /** Copies {@code length} elements of a {@link #memory} buffer from {@code from} into this at {@code to}. */
    public abstract void read(Buffer src, long from, int to, int length);

    /** Copies {@code length} elements of this from {@code from} into a {@link #memory} buffer at {@code to}. */
    public abstract void write(int from, Buffer dst, long to, int length);

    /** A new ND4J array of {@code shape} holding this array's elements. */
    public INDArray toArray(long... shape) {
        INDArray out = Nd4j.createUninitialized(this instanceof Floats ? DataType.FLOAT : DataType.DOUBLE, shape);
        write(0, memory(out), 0, length());
        return out;
    }

    static final class Floats extends HostArray {
        private final float[] a;

        Floats(float[] a) {
            this.a = a;
        }

        @Override public int length() { return a.length; }
        @Override public double get(int i) { return a[i]; }
        @Override public void set(int i, double value) { a[i] = (float) value; }
        @Override public void add(int i, double value) { a[i] += (float) value; }
        @Override public void clear() { Arrays.fill(a, 0f); }
        @Override
        public void addRange(HostArray src, int from, int to, int length) {
            float[] b = ((Floats) src).a;
            for (int t = 0; t < length; t++) {
                a[to + t] += b[from + t];
            }
        }
        @Override
        public void scatterAdd(int[] index, HostArray src) {
            float[] b = ((Floats) src).a;
            for (int i = 0; i < index.length; i++) {
                a[index[i]] += b[i];
            }
        }
        @Override public Object array() { return a; }
        @Override public void read(Buffer src, long from, int to, int length) { ((FloatBuffer) src).get((int) from, a, to, length); }
        @Override public void write(int from, Buffer dst, long to, int length) { ((FloatBuffer) dst).put((int) to, a, from, length); }
    }

    static final class Doubles extends HostArray {
        private final double[] a;

        Doubles(double[] a) {
            this.a = a;
        }

        @Override public int length() { return a.length; }
        @Override public double get(int i) { return a[i]; }
        @Override public void set(int i, double value) { a[i] = value; }
        @Override public void add(int i, double value) { a[i] += value; }
        @Override public void clear() { Arrays.fill(a, 0d); }
        @Override
        public void addRange(HostArray src, int from, int to, int length) {
            double[] b = ((Doubles) src).a;
            for (int t = 0; t < length; t++) {
                a[to + t] += b[from + t];
            }
        }
        @Override
        public void scatterAdd(int[] index, HostArray src) {
            double[] b = ((Doubles) src).a;
            for (int i = 0; i < index.length; i++) {
                a[index[i]] += b[i];
            }
        }
        @Override public Object array() { return a; }
        @Override public void read(Buffer src, long from, int to, int length) { ((DoubleBuffer) src).get((int) from, a, to, length); }
        @Override public void write(int from, Buffer dst, long to, int length) { ((DoubleBuffer) dst).put((int) to, a, from, length); }
    }
}
