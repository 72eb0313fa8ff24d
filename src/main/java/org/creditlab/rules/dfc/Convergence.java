package org.creditlab.rules.dfc;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which samples of a simulated mini-batch reached the controlled steady state (the reference code's
 * {@code check_convergence}): converged iff ‖r_L − (r_L* − α u)‖ / ‖r_L^-‖ &lt; 1e-5 and ‖e(T)‖ &lt; ε²·(start
 * error), where the start error is each sample's own or, in the reference code's efficient controller, one computed
 * with sample 0's feedforward output ({@link ConvergenceTest}); diverged iff the relative distance exceeds 1. The rest
 * are "not converged". Both tests' verdicts are kept, so that a run can report how many samples each drops.
 *
 * @param test          the test whose verdict decides the update ({@link #converged()})
 * @param perSample     converged under {@link ConvergenceTest#PER_SAMPLE}
 * @param referenceCode converged under {@link ConvergenceTest#REFERENCE_CODE}
 * @param diverged      diverged (the same under both tests)
 */
public record Convergence(ConvergenceTest test, boolean[] perSample, boolean[] referenceCode, boolean[] diverged) {
    /** The relative distance below which a sample counts as converged. */
    public static final double THRESHOLD = 1e-5;
    /** The relative distance above which a sample counts as diverged. */
    public static final double DIVERGENCE = 1;
    /** ε of the error criterion ‖e(T)‖ &lt; ε²‖e(0)‖ (the code's epsilon_di, 0.5 in every configuration). */
    public static final double EPSILON = 0.5;

    /** Every one of {@code samples} converged, none diverged (the analytical steady state). */
    public static Convergence all(int samples) {
        boolean[] yes = new boolean[samples];
        Arrays.fill(yes, true);
        return new Convergence(ConvergenceTest.PER_SAMPLE, yes, yes, new boolean[samples]);
    }

    public int size() { return perSample.length; }

    /** The verdict of {@link #test()}. */
    public boolean[] converged() { return converged(test); }

    /** The verdict of test {@code t}. */
    public boolean[] converged(ConvergenceTest t) {
        return t == ConvergenceTest.PER_SAMPLE ? perSample : referenceCode;
    }

    public int convergedCount() { return count(converged()); }

    /** Samples that test {@code t} counts as not converged (those it drops unless non-converged samples are included). */
    public int notConvergedCount(ConvergenceTest t) { return size() - count(converged(t)); }

    public int divergedCount() { return count(diverged); }

    public boolean allConverged() { return convergedCount() == size(); }

    /** 1 for samples that contribute to the update, 0 for the others, as a column [B, 1]. */
    public INDArray mask(boolean includeNonConverged) {
        boolean[] converged = converged();
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
