package org.creditlab.diagnostics;

import org.creditlab.rules.dfc.ControlledRule;
import org.creditlab.rules.dfc.ConvergenceTest;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;

/**
 * Records, for DFC rules, the fractions of the epoch's training samples whose simulated controller converged
 * ({@code converged}, under the rule's test) and diverged ({@code diverged}); samples that did not converge contribute
 * no update. Beside them, the fraction each {@link ConvergenceTest} counts as not converged, whichever the rule uses:
 * {@code not_converged_per_sample} and {@code not_converged_reference} (the reference code's test).
 */
public final class ControllerConvergence implements TrainingListener {
    @Override
    public void endEpoch(TrainingRun run, EpochRecord record) {
        if (run.rule() instanceof ControlledRule c) {
            record.put("converged", c.convergence().convergedFraction());
            record.put("diverged", c.convergence().divergedFraction());
            record.put("not_converged_per_sample", c.convergence().notConvergedFraction(ConvergenceTest.PER_SAMPLE));
            record.put("not_converged_reference", c.convergence().notConvergedFraction(ConvergenceTest.REFERENCE_CODE));
        }
    }
}
