package org.creditlab.papers.dfc;

import org.creditlab.rules.dfc.ControlledRule;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;

/**
 * Records, for DFC rules, the fractions of the epoch's training samples whose simulated controller converged
 * ({@code converged}) and diverged ({@code diverged}); samples that did not converge contribute no update.
 */
public final class ConvergenceColumns implements TrainingListener {
    @Override
    public void endEpoch(TrainingRun run, EpochRecord record) {
        if (run.rule() instanceof ControlledRule c) {
            record.put("converged", c.convergence().convergedFraction());
            record.put("diverged", c.convergence().divergedFraction());
        }
    }
}
