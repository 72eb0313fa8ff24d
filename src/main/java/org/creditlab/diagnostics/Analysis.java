package org.creditlab.diagnostics;

import org.creditlab.train.TrainingRun;

/**
 * A measurement of the trained network, made once when training ends and kept with the run ({@link Analyses}).
 * It exists because a run record keeps no weights: whatever a figure reads from the trained network must be
 * measured while the network is still there.
 */
@FunctionalInterface
public interface Analysis {
    /**
     * The result: a small record of numbers, strings, lists and {@link FloatRows}, which the store writes as JSON and
     * reads back unchanged. Keep it to kilobytes: it travels into the run's record, which is tracked in git.
     */
    Object measure(TrainingRun run);
}
