package org.creditlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** Choosing by a trial's best epoch, and reading one metric at another's best epoch, on runs whose answers are known. */
class EarlyStoppingTest {
    private static final Experiment BASE = Experiment.of("early", DataSpec.of(DatasetName.FASHION_MNIST), MlpSpec.of(784, 4, 10),
            new BackpropSpec(), OptimizerSpec.sgd(0.05), TrainingOptions.of(3, 10), 1);

    private static MetricsTable metrics(double... val) {
        List<EpochRecord> rows = new ArrayList<>();
        for (int i = 0; i < val.length; i++) {
            rows.add(new EpochRecord().put("epoch", i + 1).put("val_acc", val[i]).put("test_acc", 0.5 + i / 100.0));
        }
        return new MetricsTable("m", rows);
    }

    private static SearchResult.TrialResult trial(int i, MetricsTable m, boolean diverged) {
        return new SearchResult.TrialResult(i, Map.of("lr", 0.01 * (i + 1)),
                new RunResult(BASE.withSeed(i + 1), null, null, m, null, false, diverged, null));
    }

    @Test
    void bestEpochSkipsNonFiniteValuesAndKeepsTheEarliestOfEquals() {
        MetricsTable m = metrics(Double.NaN, 0.8, 0.9, 0.9, 0.7);
        assertEquals(2, m.bestEpoch("val_acc", true));
        assertEquals(4, m.bestEpoch("val_acc", false));
        assertEquals(0.52, m.atBest("test_acc", "val_acc", true), 1e-12, "test accuracy at the best validation epoch");
        assertEquals(-1, metrics(Double.NaN).bestEpoch("val_acc", true));
        assertEquals(-1, m.bestEpoch("no_such_column", true));
        assertTrue(Double.isNaN(m.atBest("test_acc", "no_such_column", true)));
    }

    @Test
    void aTrialThatSwingsIsChosenByItsBestEpochNotItsLast() {
        // trial 0 ends best (0.85) but never peaks above it; trial 1 peaks at 0.88 and ends at 0.80; trial 2 diverged
        SearchResult s = new SearchResult(List.of(trial(0, metrics(0.80, 0.84, 0.85), false),
                trial(1, metrics(0.82, 0.88, 0.80), false), trial(2, metrics(0.95, 0.96), true)));
        assertEquals(0, s.best("val_acc", true).orElseThrow().index(), "by the last epoch");
        assertEquals(1, s.bestAtAnyEpoch("val_acc", true).orElseThrow().index(), "by the best epoch; the diverged trial is never chosen");
        assertEquals(0.88, s.trials().get(1).best("val_acc", true), 1e-12);
        assertTrue(Double.isNaN(s.trials().get(2).best("val_acc", true)), "a diverged run has no best epoch");
    }

    @Test
    void seedsAreSummarisedAtTheirOwnBestEpochs() {
        SeedRuns runs = new SeedRuns("r", List.of(trial(0, metrics(0.9, 0.8, 0.7), false).run(),
                trial(1, metrics(0.7, 0.8, 0.9), false).run()));
        Summary atBest = runs.summaryAtBest("test_acc", "val_acc", true);
        assertEquals((0.50 + 0.52) / 2, atBest.mean(), 1e-12);
        assertEquals(0.52, runs.summary("test_acc").mean(), 1e-12, "both end at epoch 3");
    }

    @Test
    void aDivergedSeedHasNoBestValue() {
        SeedRuns runs = new SeedRuns("r", List.of(trial(0, metrics(0.9, 0.8), false).run(),
                trial(1, metrics(0.95, Double.NaN), true).run()));
        double[] best = runs.best("val_acc", true);
        assertEquals(0.9, best[0], 1e-12);
        assertTrue(Double.isNaN(best[1]), "its peak before diverging is not its result, as at its last epoch");
        assertTrue(Double.isNaN(runs.last("val_acc")[1]));
    }
}
