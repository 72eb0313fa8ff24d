package org.creditlab.rules.dfc;

import java.util.Arrays;

/**
 * What a DFC rule exposes to diagnostics (the condition measures, the stability eigenvalue, the comparison with
 * DFC-SSA): the controlled network, its feedback weights and the forward-phase controller.
 */
public interface ControlledRule {

    ControlledNetwork controlled();

    FeedbackWeights feedback();

    /** The forward-phase controller (α, k_p, τ_v/τ_u). */
    Controller controller();

    /** λ of the output target. */
    double targetStepsize();

    /**
     * Samples simulated in the forward phase since the epoch began, how many converged (under the rule's test) and
     * diverged, and how many each {@link ConvergenceTest} counts as not converged.
     */
    ConvergenceCounts convergence();

    /** Running counts of the per-sample convergence test. */
    final class ConvergenceCounts {
        private long samples;
        private long converged;
        private long diverged;
        private final long[] notConverged = new long[ConvergenceTest.values().length];

        void add(Convergence c) {
            samples += c.size();
            converged += c.convergedCount();
            diverged += c.divergedCount();
            for (ConvergenceTest t : ConvergenceTest.values()) {
                notConverged[t.ordinal()] += c.notConvergedCount(t);
            }
        }

        void reset() {
            samples = 0;
            converged = 0;
            diverged = 0;
            Arrays.fill(notConverged, 0);
        }

        public long samples() { return samples; }
        public double convergedFraction() { return samples == 0 ? Double.NaN : (double) converged / samples; }
        public double divergedFraction() { return samples == 0 ? Double.NaN : (double) diverged / samples; }

        /** The fraction of samples test {@code t} counts as not converged (and drops unless they are included). */
        public double notConvergedFraction(ConvergenceTest t) {
            return samples == 0 ? Double.NaN : (double) notConverged[t.ordinal()] / samples;
        }
    }
}
