package org.creditlab.diagnostics;

import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;

/**
 * The wall time of a rule's own phase before each epoch ({@code LearningRule.beginEpoch}: DFC's sleep phase, its
 * feedback pre-training before the first epoch included), which the epoch's {@code seconds} leave out: they time the
 * batches alone. Records {@code phase_seconds}, 0 for an epoch without a phase. The phase is timed from the first
 * progress report the rule gives ({@code rulePhase}, sent when a round starts) to the epoch's first batch.
 */
public final class PhaseTime implements TrainingListener {
    private long started = -1;
    private double seconds;

    @Override
    public void rulePhase(TrainingRun run, int epoch, String phase, int done, int total) {
        if (started < 0) {
            started = System.nanoTime();
        }
    }

    @Override
    public void beginEpoch(TrainingRun run, int epoch, int batches) {
        seconds = started < 0 ? 0 : (System.nanoTime() - started) / 1e9;
        started = -1;
    }

    @Override
    public void endEpoch(TrainingRun run, EpochRecord record) {
        record.put("phase_seconds", seconds);
    }
}
