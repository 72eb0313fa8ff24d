package org.creditlab.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingRun;
import org.junit.jupiter.api.Test;

/**
 * The time left prices each run's remaining epochs at its own pace, else its rule's, else the sweep's: a run resumed at
 * epoch 17 of 20 leaves 3 epochs, and a fast rule's epochs do not set a slow rule's pace.
 */
class EpochTallyTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong();

    private static Experiment run(long seed, boolean fa) {
        Experiment e = Experiment.of("tally", DataSpec.of(DatasetName.FASHION_MNIST), MlpSpec.of(784, 16, 10),
                new BackpropSpec(), OptimizerSpec.sgd(0.05), TrainingOptions.of(20, 50), seed);
        return fa ? e.toBuilder().rule(new FeedbackAlignmentSpec()).build() : e;
    }

    @Test
    void pricesEachRunsEpochsAtItsOwnPaceOrItsRules() {
        // 0 and 1 backprop, 2 and 3 feedback alignment
        List<Experiment> runs = List.of(run(1, false), run(2, false), run(3, true), run(4, true));
        EpochTally tally = new EpochTally(runs, now::get);
        List<Integer> all = List.of(0, 1, 2, 3);
        assertEquals(80, tally.left(all), "nothing started");
        assertEquals(Optional.empty(), tally.timeLeft(all, 2), "no epoch timed yet");

        TrainingListener resumed = tally.listener(0); // backprop, resumed at epoch 17: 1 s an epoch
        resumed.beginTraining(history(17));
        assertEquals(63, tally.left(all));
        now.addAndGet(SECOND);
        resumed.endEpoch(null, new EpochRecord());
        // 2 epochs of run 0 and 20 of run 1 at backprop's 1 s; feedback alignment has no pace of its own yet: the sweep's
        assertEquals(Duration.ofSeconds((2 + 20 + 20 + 20) / 2), tally.timeLeft(all, 2).orElseThrow());

        TrainingListener slow = tally.listener(2); // feedback alignment: 10 s an epoch
        slow.beginTraining(history(0));
        now.addAndGet(10 * SECOND);
        slow.endEpoch(null, new EpochRecord());
        // run 0: 2 × 1 s; run 1: 20 × 1 s; run 2: 19 × 10 s; run 3: 20 × 10 s (its rule's pace)
        assertEquals(Duration.ofSeconds((2 + 20 + 190 + 200) / 2), tally.timeLeft(all, 2).orElseThrow());

        tally.finished(1); // loaded from the store
        tally.finished(3);
        assertEquals(21, tally.left(all));
        assertEquals(Duration.ofSeconds((2 + 190) / 2), tally.timeLeft(all, 2).orElseThrow());
        assertEquals(Duration.ofSeconds(2 + 190), tally.timeLeft(all, 1).orElseThrow(), "one worker does all of it");
        tally.finished(0);
        assertEquals(Duration.ofSeconds(190), tally.timeLeft(all, 2).orElseThrow(), "one run left uses one worker");
        tally.finished(2);
        assertEquals(Duration.ZERO, tally.timeLeft(all, 2).orElseThrow());
    }

    @Test
    void runsWithoutEpochsLeaveNothingToWaitFor() {
        Experiment none = run(1, false).toBuilder().training(TrainingOptions.of(0, 50)).build();
        EpochTally tally = new EpochTally(List.of(none, none.withSeed(2)), now::get);
        assertTrue(tally.timeLeft(List.of(0, 1), 2).orElseThrow().isZero());
    }

    private static TrainingRun history(int done) {
        List<EpochRecord> h = new ArrayList<>();
        for (int i = 0; i < done; i++) {
            h.add(new EpochRecord());
        }
        return new TrainingRun("tally", null, null, null, null, null, h);
    }
}
