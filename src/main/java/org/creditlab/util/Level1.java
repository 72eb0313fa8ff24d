package org.creditlab.util;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * In-place BLAS level-1 updates on buffers of the same shape and ordering. They bypass ND4J's op dispatch (a few µs
 * instead of tens) and allocate nothing: optimizer steps and DFC's Euler steps are a handful of such updates each.
 */
public final class Level1 {
    private Level1() {}

    /** y ← y + a·x. */
    public static void axpy(double a, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(y.length(), a, x, y);
    }

    /** y ← x + b·y in one native pass (the momentum update v ← g + μv). */
    public static void xpby(INDArray x, double b, INDArray y) {
        Nd4j.exec(new Axpy(y, x, y, b));
    }

    /** x ← a·x. */
    public static void scale(double a, INDArray x) {
        Nd4j.getBlasWrapper().level1().scal(x.length(), a, x);
    }

    /** y ← x. */
    public static void copy(INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().copy(x, y);
    }
}
