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
 * {@code cblas_sgemm}/{@code cblas_dgemm} on the arrays' memory. Arrays that do not own their whole buffer in c or f
 * order (views), or of mixed or other types, go to ND4J's gemm, which gives the same result.
 */
public final class Level3 {
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int COL_MAJOR = openblas_nolapack.CblasColMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private Level3() {}

    /** c ← alpha·op(a)·op(b) + beta·c, where op transposes when asked; returns {@code c}. */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
                                double alpha, double beta) {
        DataType type = c.dataType();
        if (!(type == DataType.FLOAT || type == DataType.DOUBLE) || a.dataType() != type || b.dataType() != type
                || !ownsItsBuffer(a) || !ownsItsBuffer(b) || !ownsItsBuffer(c)) {
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
        boolean rowMajor = c.ordering() == 'c';
        int layout = rowMajor ? ROW_MAJOR : COL_MAJOR;
        int opA = flag(transposeA ^ (a.ordering() != c.ordering()));
        int opB = flag(transposeB ^ (b.ordering() != c.ordering()));
        int lda = leading(a);
        int ldb = leading(b);
        int ldc = leading(c);
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(layout, opA, opB, m, n, k, (float) alpha,
                    (FloatPointer) a.data().addressPointer(), lda, (FloatPointer) b.data().addressPointer(), ldb,
                    (float) beta, (FloatPointer) c.data().addressPointer(), ldc);
        } else {
            openblas_nolapack.cblas_dgemm(layout, opA, opB, m, n, k, alpha,
                    (DoublePointer) a.data().addressPointer(), lda, (DoublePointer) b.data().addressPointer(), ldb,
                    beta, (DoublePointer) c.data().addressPointer(), ldc);
        }
        return c;
    }

    private static int flag(boolean transpose) {
        return transpose ? TRANS : NO_TRANS;
    }

    /** The stride between a stored matrix's rows (c order) or columns (f order), in either layout. */
    private static int leading(INDArray x) {
        return x.ordering() == 'c' ? x.columns() : x.rows();
    }

    private static boolean ownsItsBuffer(INDArray x) {
        return x.rank() == 2 && !x.isView() && x.offset() == 0 && x.data().length() == x.length()
                && (x.ordering() == 'c' || x.ordering() == 'f') && x.rows() > 0 && x.columns() > 0;
    }
}
