package org.creditlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/** In-place level-1 operations, so optimizer steps allocate nothing and pass over memory as few times as possible. */
final class Blas {
    private Blas() {}

    /** y ← y + alpha·x (one BLAS call). */
    static void axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(y.length(), alpha, x, y);
    }

    /** y ← x + beta·y in one native pass (the momentum update v ← g + μv). */
    static void xpby(INDArray x, double beta, INDArray y) {
        Nd4j.exec(new Axpy(y, x, y, beta));
    }
}
