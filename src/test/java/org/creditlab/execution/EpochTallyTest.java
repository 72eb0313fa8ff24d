package org.creditlab.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingRun;
import org.junit.jupiter.api.Test;

/** A run resumed at epoch 17 of 20 leaves 3 epochs, not a whole run, to the estimate of the time left. */
class EpochTallyTest {
    @Test
    void countsTheEpochsTrainedHereAndThoseLeft() {
        Experiment twenty = Experiment.of("tally", DataSpec.of(DatasetName.FASHION_MNIST), MlpSpec.of(784, 16, 10),
                new BackpropSpec(), OptimizerSpec.sgd(0.05), TrainingOptions.of(20, 50), 1);
        List<Experiment> runs = List.of(twenty, twenty.withSeed(2), twenty.withSeed(3));
        EpochTally tally = new EpochTally(runs);
        List<Integer> all = List.of(0, 1, 2);
        assertEquals(60, tally.left(all), "nothing started");

        TrainingListener resumed = tally.listener(0);
        resumed.beginTraining(run(17));
        assertEquals(43, tally.left(all), "run 0 resumes with 17 epochs done");
        resumed.endEpoch(null, new EpochRecord());
        assertEquals(1, tally.trainedHere());
        assertEquals(42, tally.left(all));

        tally.finished(1); // loaded from the store
        assertEquals(22, tally.left(all));
        assertEquals(2, tally.left(List.of(0)), "only the runs asked about");
        resumed.endEpoch(null, new EpochRecord());
        resumed.endEpoch(null, new EpochRecord());
        tally.finished(0);
        assertEquals(3, tally.trainedHere());
        assertEquals(20, tally.left(all));
    }

    private static TrainingRun run(int done) {
        List<EpochRecord> history = new ArrayList<>();
        for (int i = 0; i < done; i++) {
            history.add(new EpochRecord());
        }
        return new TrainingRun("tally", null, null, null, null, null, history);
    }
}
