package org.creditlab.diagnostics;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A matrix of float32 values as an analysis result keeps it: rows of an image or a receptive field. The values are
 * little-endian bytes, which JSON writes as one base64 string: a third of the size of the numbers written out, and
 * read back bit for bit.
 *
 * @param rows    number of rows
 * @param columns values per row
 * @param values  rows × columns float32 values, row after row, little-endian
 */
public record FloatRows(int rows, int columns, byte[] values) {

    public FloatRows {
        if (values == null || values.length != (long) rows * columns * Float.BYTES) {
            throw new IllegalArgumentException("a FloatRows of " + rows + " × " + columns + " needs "
                    + (long) rows * columns * Float.BYTES + " bytes, got " + (values == null ? "none" : values.length));
        }
    }

    /** The rows of a matrix [rows, columns], rounded to float32 (exact for a float32 network's values). */
    public static FloatRows of(INDArray matrix) {
        float[][] m = matrix.castTo(DataType.FLOAT).toFloatMatrix();
        int columns = m.length == 0 ? 0 : m[0].length;
        ByteBuffer b = ByteBuffer.allocate(m.length * columns * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : m) {
            for (float v : row) {
                b.putFloat(v);
            }
        }
        return new FloatRows(m.length, columns, b.array());
    }

    /** Rows of doubles (each of the same length), rounded to float32. */
    public static FloatRows of(double[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        ByteBuffer b = ByteBuffer.allocate(rows.length * columns * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : rows) {
            if (row.length != columns) {
                throw new IllegalArgumentException("rows of " + columns + " values, got one of " + row.length);
            }
            for (double v : row) {
                b.putFloat((float) v);
            }
        }
        return new FloatRows(rows.length, columns, b.array());
    }

    /** Row {@code i} as doubles. */
    public double[] row(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " of " + rows);
        }
        ByteBuffer b = ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[columns];
        for (int j = 0; j < columns; j++) {
            out[j] = b.getFloat((i * columns + j) * Float.BYTES);
        }
        return out;
    }

    /** The matrix [rows, columns] as a float32 array. */
    public INDArray toArray() {
        float[] flat = new float[rows * columns];
        ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(flat);
        return Nd4j.create(flat, new long[] {rows, columns}, DataType.FLOAT);
    }
}
