package org.creditlab.rules.dfc;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which samples of a simulated mini-batch reached the controlled steady state (the reference code's
 * {@code check_convergence}): converged iff ‖r_L − (r_L* − α u)‖ / ‖r_L^-‖ &lt; 1e-5 and ‖e(T)‖ &lt; ε²‖e(0)‖;
 * diverged iff the relative distance exceeds 1. The rest are "not converged".
 */
public record Convergence(boolean[] converged, boolean[] diverged) {
    /** The relative distance below which a sample counts as converged. */
    public static final double THRESHOLD = 1e-5;
    /** The relative distance above which a sample counts as diverged. */
    public static final double DIVERGENCE = 1;
    /** ε of the error criterion ‖e(T)‖ &lt; ε²‖e(0)‖ (the code's epsilon_di, 0.5 in every configuration). */
    public static final double EPSILON = 0.5;

    public int size() { return converged.length; }

    public int convergedCount() { return count(converged); }

    public int divergedCount() { return count(diverged); }

    public boolean allConverged() { return convergedCount() == size(); }

    /** 1 for samples that contribute to the update, 0 for the others, as a column [B, 1]. */
    public INDArray mask(boolean includeNonConverged) {
        double[] m = new double[size()];
        for (int s = 0; s < m.length; s++) {
            m[s] = includeNonConverged || converged[s] ? 1 : 0;
        }
        return Nd4j.create(m, new long[] {m.length, 1}, DataType.DOUBLE);
    }

    /** Whether excluding non-converged samples changes anything. */
    public boolean excludesAny(boolean includeNonConverged) {
        return !includeNonConverged && !allConverged();
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }
}
