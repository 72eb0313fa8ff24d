package org.creditlab.execution;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.creditlab.experiment.Experiment;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;

/**
 * The epochs of a sweep's runs that trained in this process, and those left, for {@link SweepProgress}'s estimate of
 * the time left: counted in runs, a run resumed from its checkpoint at epoch 17 of 20 would weigh as much as a whole
 * run, and a resumed sweep would promise its end far too soon. Thread-safe: each run's listener counts its epochs.
 */
final class EpochTally {
    private final int[] epochs;
    private final AtomicIntegerArray complete;
    private final AtomicIntegerArray finished;
    private final AtomicLong trainedHere = new AtomicLong();

    /** For the runs of {@code experiments}, by their index there. */
    EpochTally(List<Experiment> experiments) {
        epochs = experiments.stream().mapToInt(e -> e.training().epochs()).toArray();
        complete = new AtomicIntegerArray(epochs.length);
        finished = new AtomicIntegerArray(epochs.length);
    }

    /** Counts run {@code index}'s epochs: those it resumes with, then each it trains here. */
    TrainingListener listener(int index) {
        return new TrainingListener() {
            @Override
            public void beginTraining(TrainingRun run) {
                complete.set(index, run.history().size());
            }

            @Override
            public void endEpoch(TrainingRun run, EpochRecord record) {
                complete.incrementAndGet(index);
                trainedHere.incrementAndGet();
            }
        };
    }

    /** Run {@code index} ended (trained, loaded, given up): nothing of it is left. */
    void finished(int index) {
        finished.set(index, 1);
    }

    /** Epochs trained in this process so far. */
    long trainedHere() {
        return trainedHere.get();
    }

    /** Epochs left among {@code indices}: all of a run not started yet, the rest of a running one. */
    long left(List<Integer> indices) {
        long left = 0;
        for (int i : indices) {
            left += finished.get(i) == 1 ? 0 : Math.max(0, epochs[i] - complete.get(i));
        }
        return left;
    }
}
