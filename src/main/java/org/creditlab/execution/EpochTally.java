package org.creditlab.execution;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.creditlab.experiment.Experiment;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;

/**
 * The epochs of a sweep's runs and the wall time each took here, for {@link SweepProgress}'s estimate of the time
 * left. Counted in runs, a run resumed from its checkpoint at epoch 17 of 20 would weigh as much as a whole run; counted
 * in epochs of the whole sweep, the fast epochs of one rule would set the pace for a slow rule's (a DFC epoch with its
 * sleep phase takes a hundred times a backprop epoch). So each run's remaining epochs are priced at its own seconds per
 * epoch, or, before it has finished one, at its rule's in this sweep, or else at the sweep's. Thread-safe: each run's
 * listener writes only its own slots.
 */
final class EpochTally {
    private final List<Experiment> experiments;
    private final int[] epochs;
    private final AtomicIntegerArray complete;
    private final AtomicIntegerArray trainedHere;
    private final AtomicLongArray nanosHere;
    private final AtomicIntegerArray finished;
    private final LongSupplier clock;

    /** For the runs of {@code experiments}, by their index there. */
    EpochTally(List<Experiment> experiments) {
        this(experiments, System::nanoTime);
    }

    /** The same, timed by {@code clock} (nanoseconds). */
    EpochTally(List<Experiment> experiments, LongSupplier clock) {
        this.experiments = experiments;
        this.clock = clock;
        epochs = experiments.stream().mapToInt(e -> e.training().epochs()).toArray();
        complete = new AtomicIntegerArray(epochs.length);
        trainedHere = new AtomicIntegerArray(epochs.length);
        nanosHere = new AtomicLongArray(epochs.length);
        finished = new AtomicIntegerArray(epochs.length);
    }

    /** Counts run {@code index}'s epochs (those it resumes with, then each it trains here) and times them. */
    TrainingListener listener(int index) {
        return new TrainingListener() {
            private long since;

            @Override
            public void beginTraining(TrainingRun run) {
                complete.set(index, run.history().size());
                since = clock.getAsLong();
            }

            @Override
            public void endEpoch(TrainingRun run, EpochRecord record) {
                long now = clock.getAsLong();
                nanosHere.addAndGet(index, now - since);
                since = now;
                trainedHere.incrementAndGet(index);
                complete.incrementAndGet(index);
            }
        };
    }

    /** Run {@code index} ended (trained, loaded, given up): nothing of it is left. */
    void finished(int index) {
        finished.set(index, 1);
    }

    /** Epochs left among {@code indices}: all of a run not started yet, the rest of a running one. */
    long left(List<Integer> indices) {
        long left = 0;
        for (int i : indices) {
            left += remaining(i);
        }
        return left;
    }

    /**
     * The wall time left for the unfinished runs of {@code indices} on {@code workers} at once, or empty while no epoch
     * that the estimate needs has been timed (zero if no epoch is left).
     */
    Optional<Duration> timeLeft(List<Integer> indices, int workers) {
        Map<String, double[]> byRule = new HashMap<>(); // seconds, epochs
        double[] all = new double[2];
        for (int i : indices) {
            int n = trainedHere.get(i);
            if (n > 0) {
                double s = nanosHere.get(i) / 1e9;
                double[] r = byRule.computeIfAbsent(experiments.get(i).ruleName(), k -> new double[2]);
                r[0] += s;
                r[1] += n;
                all[0] += s;
                all[1] += n;
            }
        }
        double seconds = 0;
        int runsLeft = 0;
        for (int i : indices) {
            int left = remaining(i);
            if (left == 0) {
                continue;
            }
            runsLeft++;
            double[] own = {nanosHere.get(i) / 1e9, trainedHere.get(i)};
            double[] rate = own[1] > 0 ? own : byRule.getOrDefault(experiments.get(i).ruleName(), all);
            if (rate[1] == 0) {
                return Optional.empty();
            }
            seconds += left * rate[0] / rate[1];
        }
        return Optional.of(Duration.ofMillis(Math.round(1000 * seconds / Math.max(1, Math.min(workers, runsLeft)))));
    }

    private int remaining(int i) {
        return finished.get(i) == 1 ? 0 : Math.max(0, epochs[i] - complete.get(i));
    }
}
