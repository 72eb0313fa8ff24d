package org.creditlab.util;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A matrix times a diagonal one, W·diag(d) or diag(d)·W, written or subtracted in one pass over ND4J's memory, a row at
 * a time. ND4J forms such a product as a broadcast into a new matrix, and subtracting it takes another pass: at COPI's
 * decorrelation layers (n = 500, batch 50, float32) 0.7-0.9 ms of the 1.7 ms a layer's update took. Each element is
 * rounded as ND4J's ops round it, the product first and then the difference, so the numbers are the same bits.
 * Only float32 takes this path, the precision of COPI's runs; float64 (the gradient checks), views and mixed types go
 * to ND4J's ops.
 */
public final class DiagonalScaling {
    private DiagonalScaling() {}

    /** What a pass does with each product w[i, j]·d[·]. */
    private enum Pass {
        /** out = W·diag(d) */
        SCALE_COLUMNS,
        /** out −= diag(d)·W */
        SUBTRACT_SCALED_ROWS,
        /** out −= W·diag(d) */
        SUBTRACT_SCALED_COLUMNS
    }

    /** out ← W·diag(d): out[i, j] = w[i, j]·d[j]. */
    public static void scaleColumns(INDArray w, INDArray d, INDArray out) {
        if (!run(Pass.SCALE_COLUMNS, w, d, out)) {
            out.assign(w).muliRowVector(d.reshape(1, -1));
        }
    }

    /** out ← out − diag(d)·W: out[i, j] −= d[i]·w[i, j]. */
    public static void subtractScaledRows(INDArray out, INDArray w, INDArray d) {
        if (!run(Pass.SUBTRACT_SCALED_ROWS, w, d, out)) {
            out.subi(w.mulColumnVector(d.reshape(-1, 1)));
        }
    }

    /** out ← out − W·diag(d): out[i, j] −= w[i, j]·d[j]. */
    public static void subtractScaledColumns(INDArray out, INDArray w, INDArray d) {
        if (!run(Pass.SUBTRACT_SCALED_COLUMNS, w, d, out)) {
            out.subi(w.mulRowVector(d.reshape(1, -1)));
        }
    }

    /** The pass on the heap, or false where the arrays are not whole c-order float32 matrices (ND4J's ops take those). */
    private static boolean run(Pass pass, INDArray w, INDArray d, INDArray out) {
        if (w.rank() != 2 || !Arrays.equals(w.shape(), out.shape())) {
            throw new IllegalArgumentException("expected W and the output of one matrix shape, got "
                    + Arrays.toString(w.shape()) + " and " + Arrays.toString(out.shape()));
        }
        int rows = w.rows();
        int columns = w.columns();
        long expected = pass == Pass.SUBTRACT_SCALED_ROWS ? rows : columns;
        if (d.length() != expected) {
            throw new IllegalArgumentException("expected a diagonal of " + expected + " values, got shape "
                    + Arrays.toString(d.shape()));
        }
        if (w.dataType() != DataType.FLOAT || out.dataType() != DataType.FLOAT || d.dataType() != DataType.FLOAT
                || !HostArray.ownsItsBuffer(w) || !HostArray.ownsItsBuffer(out)) {
            return false;
        }
        FloatBuffer wm = w.data().asNioFloat();
        FloatBuffer om = out.data().asNioFloat();
        float[] diagonal = d.toFloatVector();
        float[] wr = new float[columns];
        float[] or = new float[columns];
        for (int i = 0; i < rows; i++) {
            wm.get(i * columns, wr, 0, columns);
            switch (pass) {
                case SCALE_COLUMNS -> {
                    for (int j = 0; j < columns; j++) {
                        or[j] = wr[j] * diagonal[j];
                    }
                }
                case SUBTRACT_SCALED_ROWS -> {
                    om.get(i * columns, or, 0, columns);
                    float scale = diagonal[i];
                    for (int j = 0; j < columns; j++) {
                        or[j] -= wr[j] * scale;
                    }
                }
                case SUBTRACT_SCALED_COLUMNS -> {
                    om.get(i * columns, or, 0, columns);
                    for (int j = 0; j < columns; j++) {
                        or[j] -= wr[j] * diagonal[j];
                    }
                }
            }
            om.put(i * columns, or, 0, columns);
        }
        return true;
    }
}
