package org.creditlab.diagnostics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How correlated a layer's inputs are, and the whitening they are compared with (COPI's decorrelation figures). Pure
 * functions of a batch of rows x ([N, n]), computed in double precision.
 */
public final class Correlations {
    /** Features whose standard deviation is below this (e.g. always-black pixels) have no correlation and are skipped. */
    public static final double CONSTANT_FEATURE = 1e-8;

    private Correlations() {}

    /**
     * The mean |Pearson correlation| over pairs of distinct features (centred); 0 for decorrelated features, 1 for
     * perfectly (anti-)correlated ones. Constant features are skipped; NaN if fewer than two vary.
     */
    public static double meanOffDiagonalAbsCorrelation(INDArray x) {
        INDArray d = x.castTo(DataType.DOUBLE);
        INDArray centred = d.subRowVector(d.mean(0));
        return meanOffDiagonalAbsNormalised(centred.transpose().mmul(centred).divi(d.rows()));
    }

    /**
     * The same for the uncentred second moment, |⟨x_i x_j⟩| / √(⟨x_i²⟩⟨x_j²⟩): what COPI's decorrelation rule drives
     * to zero (it does not subtract the mean).
     */
    public static double meanOffDiagonalAbsCosine(INDArray x) {
        INDArray d = x.castTo(DataType.DOUBLE);
        return meanOffDiagonalAbsNormalised(d.transpose().mmul(d).divi(d.rows()));
    }

    private static double meanOffDiagonalAbsNormalised(INDArray moment) {
        INDArray sd = Transforms.sqrt(Nd4j.diag(moment).reshape(-1), true);
        INDArray valid = sd.gt(CONSTANT_FEATURE).castTo(DataType.DOUBLE);
        long m = valid.sumNumber().longValue();
        if (m < 2) {
            return Double.NaN;
        }
        // 1/sd for varying features, 0 for constant ones (their rows and columns drop out)
        INDArray inverse = valid.div(sd.add(valid.rsub(1.0)));
        INDArray corr = Transforms.abs(moment.mulRowVector(inverse).muliColumnVector(inverse.reshape(-1, 1)), false);
        double total = corr.sumNumber().doubleValue() - Nd4j.diag(corr).sumNumber().doubleValue();
        return total / ((double) m * (m - 1));
    }

    /**
     * ZCA whitening (Bell and Sejnowski 1997) as the COPI notebook computes it: with Σ = U diag(S) Uᵀ the covariance
     * of the centred data, whitened = (x − mean)·Z with Z = U diag(1/√(S + ε)) Uᵀ (symmetric).
     *
     * @param mean   the per-feature mean [n]
     * @param matrix Z [n, n]
     */
    public record Whitening(INDArray mean, INDArray matrix) {
        /** Whitens rows of {@code x} (in double precision). */
        public INDArray apply(INDArray x) {
            return x.castTo(DataType.DOUBLE).subRowVector(mean).mmul(matrix);
        }
    }

    /** The ZCA whitening fitted to the rows of {@code x}, with eigenvalue guard {@code epsilon} (1e-8 in the notebook). */
    public static Whitening zca(INDArray x, double epsilon) {
        INDArray d = x.castTo(DataType.DOUBLE);
        INDArray mean = d.mean(0);
        INDArray centred = d.subRowVector(mean);
        INDArray u = centred.transpose().mmul(centred).divi(d.rows());
        INDArray s = Eigen.symmetricGeneralizedEigenvalues(u, true);   // u now holds the eigenvectors as columns
        INDArray scale = Transforms.sqrt(Transforms.relu(s, true).addi(epsilon), false).rdivi(1.0);
        INDArray z = u.mulRowVector(scale).mmul(u.transpose());
        return new Whitening(mean, z);
    }
}
