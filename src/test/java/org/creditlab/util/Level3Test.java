package org.creditlab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class Level3Test {

    /** The product from plain loops in float64. */
    private static double[][] reference(INDArray a, INDArray b, INDArray c0, boolean ta, boolean tb, double alpha,
                                        double beta) {
        double[][] x = (ta ? a.transpose() : a).toDoubleMatrix();
        double[][] y = (tb ? b.transpose() : b).toDoubleMatrix();
        double[][] c = c0.toDoubleMatrix();
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[0].length; j++) {
                double s = 0;
                for (int k = 0; k < y.length; k++) {
                    s += x[i][k] * y[k][j];
                }
                c[i][j] = alpha * s + beta * c[i][j];
            }
        }
        return c;
    }

    @Test
    void everyTransposeAndOrderingGivesTheProduct() {
        Nd4j.getRandom().setSeed(9);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tolerance = type == DataType.FLOAT ? 1e-4 : 1e-12;
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (String orders : new String[] {"ccc", "fff", "cfc", "fcf", "ffc", "ccf"}) {
                        INDArray a = Nd4j.randn(type, ta ? 5 : 3, ta ? 3 : 5).dup(orders.charAt(0));
                        INDArray b = Nd4j.randn(type, tb ? 4 : 5, tb ? 5 : 4).dup(orders.charAt(1));
                        INDArray c = Nd4j.randn(type, 3, 4).dup(orders.charAt(2));
                        double[][] expected = reference(a, b, c, ta, tb, 0.5, -2);
                        Level3.gemm(a, b, c, ta, tb, 0.5, -2);
                        String what = type + " " + orders + " transposeA=" + ta + " transposeB=" + tb;
                        for (int i = 0; i < 3; i++) {
                            for (int j = 0; j < 4; j++) {
                                assertEquals(expected[i][j], c.getDouble(i, j), tolerance, what);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void arraysInsideAWorkspaceAndViewsGiveNd4jsResult() {
        Nd4j.getRandom().setSeed(4);
        INDArray a0 = Nd4j.randn(DataType.FLOAT, 6, 7);
        INDArray b0 = Nd4j.randn(DataType.FLOAT, 8, 7);
        INDArray expected = Nd4j.gemm(a0, b0, false, true);
        for (int step = 0; step < 3; step++) {
            try (MemoryWorkspace ignored = Workspaces.step("level3-test")) {
                Nd4j.create(DataType.FLOAT, 13); // an earlier array, so the operands start inside the block
                INDArray a = a0.dup();
                INDArray b = b0.dup();
                INDArray c = Nd4j.create(DataType.FLOAT, 6, 8);
                assertEquals(expected, Level3.gemm(a, b, c, false, true, 1, 0));
            }
        }
        INDArray wide = Nd4j.zeros(DataType.FLOAT, 8, 10); // a view operand
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 8));
        view.assign(b0);
        assertEquals(expected, Level3.gemm(a0, view, Nd4j.create(DataType.FLOAT, 6, 8), false, true, 1, 0));
    }

    /** Views of every kind the code makes, as operands and as the output, against the loops and ND4J's own gemm. */
    @Test
    void viewsInBlasLayoutAreMultipliedInPlace() {
        Nd4j.getRandom().setSeed(11);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tolerance = type == DataType.FLOAT ? 1e-4 : 1e-12;
            for (char order : new char[] {'c', 'f'}) {
                // column blocks (contiguous in f order, strided in c order) and row blocks (the reverse)
                INDArray wide = Nd4j.randn(type, 6, 20).dup(order);
                INDArray tall = Nd4j.randn(type, 20, 5).dup(order);
                INDArray out = Nd4j.randn(type, 6, 30).dup(order);
                INDArray a = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 10));  // 6×7
                INDArray b = tall.get(NDArrayIndex.interval(11, 18), NDArrayIndex.all());  // 7×5
                INDArray c = out.get(NDArrayIndex.all(), NDArrayIndex.interval(17, 22));   // 6×5
                INDArray outside = out.dup();
                double[][] expected = reference(a, b, c, false, false, 1.5, 0.5);
                INDArray viaNd4j = Nd4j.gemm(a.dup(), b.dup(), c.dup(), false, false, 1.5, 0.5);
                Level3.gemm(a, b, c, false, false, 1.5, 0.5);
                String what = type + " " + order + "-order blocks";
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 5; j++) {
                        assertEquals(expected[i][j], c.getDouble(i, j), tolerance, what);
                        assertEquals(viaNd4j.getDouble(i, j), c.getDouble(i, j), tolerance, what);
                    }
                }
                for (int i = 0; i < 6; i++) { // nothing outside the output block moved
                    for (int j = 0; j < 30; j++) {
                        if (j < 17 || j >= 22) {
                            assertEquals(outside.getDouble(i, j), out.getDouble(i, j), 0, what + ": outside the block");
                        }
                    }
                }
                // a transposed view, a reshaped view and a one-row view as operands
                INDArray square = Nd4j.randn(type, 7, 6).dup(order);
                INDArray flat = Nd4j.randn(type, 1, 35).dup(order);
                INDArray c2 = Nd4j.zeros(type, 6, 5).dup(order);
                INDArray a2 = square.transpose();
                INDArray b2 = flat.reshape(order, 7, 5);
                double[][] expected2 = reference(a2, b2, c2, false, false, 1, 0);
                Level3.gemm(a2, b2, c2, false, false, 1, 0);
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 5; j++) {
                        assertEquals(expected2[i][j], c2.getDouble(i, j), tolerance, type + " " + order + " transposed, reshaped");
                    }
                }
                INDArray row = wide.getRow(2, true); // 1×20
                INDArray c3 = Nd4j.zeros(type, 1, 5).dup(order);
                INDArray b3 = Nd4j.randn(type, 20, 5).dup(order);
                double[][] expected3 = reference(row, b3, c3, false, false, 1, 0);
                Level3.gemm(row, b3, c3, false, false, 1, 0);
                for (int j = 0; j < 5; j++) {
                    assertEquals(expected3[0][j], c3.getDouble(0, j), tolerance, type + " " + order + " one row");
                }
            }
        }
    }

    @Test
    void shapesThatDoNotAgreeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Level3.gemm(
                Nd4j.zeros(DataType.FLOAT, 2, 3), Nd4j.zeros(DataType.FLOAT, 4, 5), Nd4j.zeros(DataType.FLOAT, 2, 5),
                false, false, 1, 0));
        assertEquals("gemm shapes do not agree: op(a) is 2×3, op(b) 4×5, c 2×5", e.getMessage());
    }
}
