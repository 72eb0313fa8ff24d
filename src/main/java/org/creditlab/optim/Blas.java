package org.creditlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** In-place level-1 operations, so optimizer steps allocate nothing. */
final class Blas {
    private Blas() {}

    /** y ← y + alpha·x (one BLAS call; x and y must be contiguous and of the same length). */
    static void axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(y.length(), alpha, x, y);
    }
}
