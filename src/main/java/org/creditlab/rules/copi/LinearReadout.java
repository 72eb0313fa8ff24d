package org.creditlab.rules.copi;

import org.creditlab.util.Level3;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A linear map from inputs x to targets t fitted from moments accumulated over batches, in double precision:
 *
 * <ul>
 *   <li>{@link #diagonal}: W = ⟨t xᵀ⟩ diag⟨x²⟩⁻¹, COPI's readout, the least-squares solution when x is decorrelated
 *       (and COPI's own fixed point);</li>
 *   <li>{@link #leastSquares}: W = ⟨t xᵀ⟩ (⟨x xᵀ⟩ + λI)⁻¹, the least-squares solution whatever the correlations.</li>
 * </ul>
 *
 * <p>Used for the COPI paper's network compression (t = the network output) and linear-readout receptive fields
 * (t = a hidden layer's pre-activation).
 */
public final class LinearReadout {
    private final INDArray cross;
    private final INDArray squares;
    private final INDArray second;
    private long count;

    /**
     * @param inputs  n, the width of x
     * @param outputs m, the width of t
     * @param full    also accumulate ⟨x xᵀ⟩ (needed by {@link #leastSquares}; O(N·n²) per batch)
     */
    public LinearReadout(int inputs, int outputs, boolean full) {
        cross = Nd4j.zeros(DataType.DOUBLE, outputs, inputs);
        squares = Nd4j.zeros(DataType.DOUBLE, inputs);
        second = full ? Nd4j.zeros(DataType.DOUBLE, inputs, inputs) : null;
    }

    /** Adds a batch of rows: x [N, n], t [N, m]. */
    public void add(INDArray x, INDArray t) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray td = t.castTo(DataType.DOUBLE);
        Level3.gemm(td, xd, cross, true, false, 1.0, 1.0);
        squares.addi(xd.mul(xd).sum(0));
        if (second != null) {
            Level3.gemm(xd, xd, second, true, false, 1.0, 1.0);
        }
        count += x.rows();
    }

    /** ⟨t xᵀ⟩ [m, n]. */
    public INDArray crossMoment() {
        return cross.div(count);
    }

    /** ⟨x²⟩ [n]. */
    public INDArray meanSquares() {
        return squares.div(count);
    }

    /** W = ⟨t xᵀ⟩ / max(⟨x²⟩, floor), column by column. */
    public INDArray diagonal(double floor) {
        return crossMoment().diviRowVector(Transforms.max(meanSquares(), floor, false));
    }

    /**
     * W = ⟨t xᵀ⟩ (⟨x xᵀ⟩ + λI)⁻¹ with λ = {@code relativeRidge} × the mean of ⟨x²⟩ (0 for the plain normal equations; a
     * tiny ridge keeps features that are always zero harmless).
     */
    public INDArray leastSquares(double relativeRidge) {
        if (second == null) {
            throw new IllegalStateException("this readout was built without the full second moment");
        }
        double ridge = relativeRidge * squares.sumNumber().doubleValue() / squares.length() / count;
        INDArray a = second.div(count).addi(Nd4j.eye(second.rows()).castTo(DataType.DOUBLE).muli(ridge));
        // solve (⟨x xᵀ⟩ + λI)·Wᵀ = ⟨x tᵀ⟩ by LU; ND4J's matrix inverse refuses matrices whose determinant underflows
        return Nd4j.linalg().solve(a, crossMoment().transpose().dup(), false).transpose();
    }
}
