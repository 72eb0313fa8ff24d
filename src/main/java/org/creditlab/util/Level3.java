package org.creditlab.util;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products straight into OpenBLAS's gemm. ND4J's {@code Nd4j.gemm} dispatches a custom op (shape checks, an op
 * context, a JNI round trip) that cost 5-10% of a 64×784·784×1024 product and more of the small ones; this calls
 * {@code cblas_sgemm}/{@code cblas_dgemm} on the arrays' memory. That includes views whose elements lie in BLAS's
 * layout (one unit stride, the other at least the matrix's extent), such as the column blocks of DFC's [B, Σn] state:
 * ND4J's gemm took about twice as long on them (128×256·256×256 in float64: 0.8-0.9 ms against 0.37-0.43 ms) with
 * the same bits. Other arrays (other strides, mixed or other types) go to ND4J's gemm, which gives the same result.
 */
public final class Level3 {
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int COL_MAJOR = openblas_nolapack.CblasColMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private Level3() {}

    /** How BLAS sees a stored matrix: row- or column-major, with the stride between its rows or columns. */
    private record Stored(boolean rowMajor, int leading) {
        /** The layout of {@code x}'s elements, or null where BLAS cannot read them in place. */
        static Stored of(INDArray x) {
            if (x.rank() != 2 || x.rows() <= 0 || x.columns() <= 0) {
                return null;
            }
            long rowStride = x.stride(0);
            long columnStride = x.stride(1);
            // the ordering decides first: a vector's strides fit both layouts, and its ordering is what ND4J wrote
            boolean preferRows = x.ordering() == 'c';
            for (boolean rows : preferRows ? new boolean[] {true, false} : new boolean[] {false, true}) {
                long unit = rows ? columnStride : rowStride;
                long leading = rows ? rowStride : columnStride;
                long extent = rows ? x.columns() : x.rows();
                if (unit == 1 && leading >= extent && leading <= Integer.MAX_VALUE) {
                    return new Stored(rows, (int) leading);
                }
            }
            return null;
        }
    }

    /** c ← alpha·op(a)·op(b) + beta·c, where op transposes when asked; returns {@code c}. */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
                                double alpha, double beta) {
        DataType type = c.dataType();
        Stored sa = Stored.of(a);
        Stored sb = Stored.of(b);
        Stored sc = Stored.of(c);
        if (!(type == DataType.FLOAT || type == DataType.DOUBLE) || a.dataType() != type || b.dataType() != type
                || sa == null || sb == null || sc == null) {
            return Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
        int m = c.rows();
        int n = c.columns();
        int k = transposeA ? a.rows() : a.columns();
        int innerB = transposeB ? b.columns() : b.rows();
        int rowsA = transposeA ? a.columns() : a.rows();
        int colsB = transposeB ? b.rows() : b.columns();
        if (rowsA != m || colsB != n || innerB != k) {
            throw new IllegalArgumentException("gemm shapes do not agree: op(a) is " + rowsA + "×" + k + ", op(b) "
                    + innerB + "×" + colsB + ", c " + m + "×" + n);
        }
        // The layout is c's; an operand stored in the other order is its own transpose in that layout.
        int layout = sc.rowMajor() ? ROW_MAJOR : COL_MAJOR;
        int opA = flag(transposeA ^ (sa.rowMajor() != sc.rowMajor()));
        int opB = flag(transposeB ^ (sb.rowMajor() != sc.rowMajor()));
        // a view's data buffer starts at the view's first element
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(layout, opA, opB, m, n, k, (float) alpha,
                    (FloatPointer) a.data().addressPointer(), sa.leading(), (FloatPointer) b.data().addressPointer(),
                    sb.leading(), (float) beta, (FloatPointer) c.data().addressPointer(), sc.leading());
        } else {
            openblas_nolapack.cblas_dgemm(layout, opA, opB, m, n, k, alpha,
                    (DoublePointer) a.data().addressPointer(), sa.leading(), (DoublePointer) b.data().addressPointer(),
                    sb.leading(), beta, (DoublePointer) c.data().addressPointer(), sc.leading());
        }
        return c;
    }

    private static int flag(boolean transpose) {
        return transpose ? TRANS : NO_TRANS;
    }
}
