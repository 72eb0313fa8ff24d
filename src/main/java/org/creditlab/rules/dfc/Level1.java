package org.creditlab.rules.dfc;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * In-place BLAS level-1 updates on buffers of the same shape and ordering. They bypass ND4J's op dispatch (a few µs
 * instead of tens), which matters in the simulation loop where every Euler step is a handful of such updates.
 */
final class Level1 {
    private Level1() {}

    /** y ← y + a·x. */
    static void axpy(double a, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(y.length(), a, x, y);
    }

    /** x ← a·x. */
    static void scale(double a, INDArray x) {
        Nd4j.getBlasWrapper().level1().scal(x.length(), a, x);
    }

    /** y ← x. */
    static void copy(INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().copy(x, y);
    }
}
