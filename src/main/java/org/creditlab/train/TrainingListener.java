package org.creditlab.train;

/**
 * Observes training. Progress, checkpoints, diagnostics and divergence handling are listeners, so the loop itself
 * stays short. All events are no-ops by default.
 */
public interface TrainingListener {

    /** Before the first epoch that will run (after a resume, that is the first epoch not yet done). */
    default void beginTraining(TrainingRun run) {}

    /**
     * Progress of a rule's own phase before the epoch's batches (DFC's sleep phase): {@code done} of {@code total}
     * batches, 0 when it starts.
     */
    default void rulePhase(TrainingRun run, int epoch, String phase, int done, int total) {}

    default void beginEpoch(TrainingRun run, int epoch, int batches) {}

    /** After each batch's optimizer step. */
    default void afterBatch(TrainingRun run, int epoch, int batch, double loss) {}

    /**
     * After an epoch's evaluation; listeners may add columns to {@code record} (those earlier in the list see the
     * columns added by those before them).
     */
    default void endEpoch(TrainingRun run, EpochRecord record) {}

    default void endTraining(TrainingRun run) {}
}
