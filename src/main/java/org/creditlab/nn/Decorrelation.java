package org.creditlab.nn;

import java.util.Arrays;
import java.util.List;
import org.creditlab.util.DiagonalScaling;
import org.creditlab.util.Level3;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A lateral decorrelating layer, x = R·y, from COPI (Ahmad, Schrader and van Gerven, "Constrained Parameter Inference
 * as a Principle for Learning", TMLR 2023, <a href="https://openreview.net/forum?id=CUDdbTT1QC">openreview</a>). For a
 * batch of rows the forward pass is X = Y·Rᵀ. R is square, starts at the identity, and is a {@link Parameter} of
 * group {@link Parameter#DECORRELATION}.
 *
 * <p>As a {@link WeightLayer} it transports error exactly (∂L/∂y = Rᵀ·∂L/∂x, batch rows: G·R) and has the geometry of a
 * bias-free dense layer whose weight is R, so backprop and the feedback-pathway rules cross it like any other layer.
 *
 * <p>Its learning rule is its own: with C = ⟨x xᵀ⟩ − diag⟨x²⟩ the uncentred second moment of the layer's output with
 * the diagonal zeroed, the default rule is ΔR = −η·C·R and the "bio" rule ΔR = −η·R·C.
 * {@link #decorrelationDirection} writes C·R or R·C without forming an n×n·n×n product:
 * C·R = Xᵀ(X·R)/N − diag⟨x²⟩·R and R·C = (X·Rᵀ)ᵀX/N − R·diag⟨x²⟩, which costs O(N·n²) instead of O(n³).
 */
public final class Decorrelation implements WeightLayer {

    /** The two decorrelation rules of the reference code. */
    public enum Rule {
        /** ΔR = −η·C·R (the reference code's default). */
        DEFAULT,
        /** ΔR = −η·R·C (the reference code's {@code bio_decorr}). */
        BIO
    }

    /** Guard of the variance-scaled variant's divisor ⟨x_j²⟩ + ε, as in the reference code. */
    public static final double VARIANCE_EPSILON = 1e-5;

    private final String name;
    private final int n;
    private final Parameter r;
    /** A bias-free dense layer over the same array R: x = y·Rᵀ. Its products are this layer's geometry. */
    private final Dense geometry;

    /** A layer of {@code n} units with R = I. */
    public Decorrelation(String name, int n, DataType type) {
        this(name, Init.identity().sample(null, type, n, n, n, n));
    }

    /** Wraps an existing square matrix R (tests, loading). The array is used, not copied. */
    public Decorrelation(String name, INDArray r) {
        if (r.rank() != 2 || r.rows() != r.columns()) {
            throw new IllegalArgumentException("layer '" + name + "': R must be a square matrix, got "
                    + Arrays.toString(r.shape()));
        }
        this.name = name;
        this.n = (int) r.rows();
        this.r = new Parameter(name + ".R", r, Parameter.DECORRELATION);
        this.geometry = new Dense(name, r, null);
    }

    @Override public String name() { return name; }
    @Override public long[] inputShape() { return new long[] {n}; }
    @Override public long[] outputShape() { return new long[] {n}; }
    @Override public Parameter weight() { return r; }
    @Override public Parameter bias() { return null; }
    @Override public List<Parameter> parameters() { return List.of(r); }
    public int units() { return n; }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        return linearResponse(input);
    }

    @Override
    public INDArray linearResponse(INDArray input) {
        return geometry.linearResponse(input);
    }

    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        if (updates != null) {
            parameterGradients(record, gradOutput, updates);
        }
        // ∂L/∂y = Rᵀ ∂L/∂x per example; for batch rows G·R, the dense layer's transport
        return geometry.backward(record, gradOutput, null);
    }

    @Override
    public void parameterGradients(LayerRecord record, INDArray gradOutput, Updates updates) {
        // ∂L/∂R = Σ_batch (∂L/∂x) yᵀ = Gᵀ·Y, written into R's own buffer
        Level3.gemm(gradOutput, record.input(), updates.of(r), true, false, 1.0, 0.0);
    }

    @Override public long[] feedbackShape() { return geometry.feedbackShape(); }

    /** Rᵀ, the feedback that makes {@link #backwardThrough} exact. */
    @Override
    public INDArray transportMatrix() {
        return geometry.transportMatrix();
    }

    @Override
    public INDArray backwardThrough(INDArray feedback, INDArray gradOutput) {
        return geometry.backwardThrough(feedback, gradOutput);
    }

    @Override
    public INDArray projectThrough(INDArray feedback, INDArray input) {
        return geometry.projectThrough(feedback, input);
    }

    @Override
    public INDArray feedbackGradient(INDArray input, INDArray gradProjection) {
        return geometry.feedbackGradient(input, gradProjection);
    }

    /**
     * Writes the descent direction of R for a batch of this layer's outputs {@code x} ([N, n]) into {@code out}
     * ([n, n]): C·R for {@link Rule#DEFAULT}, R·C for {@link Rule#BIO}. With {@code varianceScaled}, C's column j is
     * divided by ⟨x_j²⟩ + {@value #VARIANCE_EPSILON} (the reference code's {@code var_scaled}).
     */
    public void decorrelationDirection(INDArray x, Rule rule, boolean varianceScaled, INDArray out) {
        if (x.rank() != 2 || x.columns() != n) {
            throw new IllegalArgumentException("layer '" + name + "': x must be [N, " + n + "], got "
                    + Arrays.toString(x.shape()));
        }
        double inverseN = 1.0 / x.rows();
        INDArray w = r.value();
        INDArray meanSquare = x.mul(x).mean(0);
        // C·diag(c) with c = 1, or c_j = 1/(⟨x_j²⟩ + ε) when variance-scaled: scale X's columns once.
        INDArray scaledX = x;
        INDArray diagonal = meanSquare;
        if (varianceScaled) {
            INDArray c = meanSquare.add(VARIANCE_EPSILON).rdivi(1.0);
            scaledX = x.mulRowVector(c);
            diagonal = meanSquare.mul(c);
        }
        INDArray p = Nd4j.createUninitialized(x.dataType(), x.rows(), n);
        if (rule == Rule.DEFAULT) {
            // C·R = Xᵀ(X̃·R)/N − diag(s⊙c)·R
            Level3.gemm(scaledX, w, p, false, false, 1.0, 0.0);
            Level3.gemm(x, p, out, true, false, inverseN, 0.0);
            DiagonalScaling.subtractScaledRows(out, w, diagonal);
        } else {
            // R·C = (X·Rᵀ)ᵀX̃/N − R·diag(s⊙c)
            Level3.gemm(x, w, p, false, true, 1.0, 0.0);
            Level3.gemm(p, scaledX, out, true, false, inverseN, 0.0);
            DiagonalScaling.subtractScaledColumns(out, w, diagonal);
        }
    }

    /**
     * The dense reference formula of {@link #decorrelationDirection}: forms C explicitly and multiplies n×n by n×n
     * (O(n³)). For tests and benchmarks only.
     */
    public INDArray decorrelationDirectionDense(INDArray x, Rule rule, boolean varianceScaled) {
        INDArray c = offDiagonalSecondMoment(x);
        if (varianceScaled) {
            c.diviRowVector(x.mul(x).mean(0).addi(VARIANCE_EPSILON));
        }
        return rule == Rule.DEFAULT ? c.mmul(r.value()) : r.value().mmul(c);
    }

    /** C = ⟨x xᵀ⟩ with its diagonal zeroed, for a batch of rows x ([N, n]); a new [n, n] array. */
    public static INDArray offDiagonalSecondMoment(INDArray x) {
        INDArray c = x.transpose().mmul(x).divi(x.rows());
        INDArray eye = Nd4j.eye(x.columns()).castTo(x.dataType());
        return c.muli(eye.rsubi(1.0));
    }

    @Override
    public String toString() {
        return name + "(R " + n + "×" + n + ")";
    }
}
