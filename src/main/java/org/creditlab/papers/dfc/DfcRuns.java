package org.creditlab.papers.dfc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.creditlab.data.Batches;
import org.creditlab.data.DataSplits;
import org.creditlab.nn.Network;
import org.creditlab.optim.Optimizers;
import org.creditlab.rules.EpochContext;
import org.creditlab.rules.LearningRule;
import org.creditlab.train.ConsoleProgress;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.Trainer;
import org.creditlab.train.TrainingDivergedException;
import org.creditlab.train.TrainingListener;
import org.creditlab.util.Rng;

/**
 * Runs presets on data prepared in memory (the student-teacher task, pooled autoencoder images), which stored
 * experiments cannot describe: same loop, no results folder.
 */
public final class DfcRuns {
    private DfcRuns() {}

    /** A finished run; {@code diverged} if the loss became NaN (the metrics then hold the epochs before). */
    public record Run(String label, long seed, Network network, LearningRule rule, MetricsTable metrics, boolean diverged) {}

    /** Trains {@code preset} on {@code data} with {@code seed}, showing one line per epoch. */
    public static Run train(Preset preset, DataSplits data, long seed, TrainingListener... listeners) {
        Network network = preset.network().build(seed);
        LearningRule rule = preset.rule().create(network, seed);
        Trainer trainer = new Trainer(preset.label(), network, rule, new Optimizers(preset.optimizers()),
                preset.training(), seed).listen(ConsoleProgress.epochsOnly());
        for (TrainingListener l : listeners) {
            trainer.listen(l);
        }
        try {
            return new Run(preset.label(), seed, network, rule, trainer.fit(data), false);
        } catch (TrainingDivergedException e) {
            System.err.println(e.getMessage());
            return new Run(preset.label(), seed, network, rule, e.metrics(), true);
        }
    }

    /** One run per seed; each gets fresh listeners from {@code listeners}. */
    public static List<Run> seeds(Preset preset, DataSplits data, long[] seeds, Supplier<List<TrainingListener>> listeners) {
        List<Run> out = new ArrayList<>();
        for (long s : seeds) {
            out.add(train(preset, data, s, listeners.get().toArray(new TrainingListener[0])));
        }
        return out;
    }

    /** The metrics tables of some runs. */
    public static List<MetricsTable> metrics(List<Run> runs) {
        return runs.stream().map(Run::metrics).toList();
    }

    /**
     * A network and rule built from {@code preset} whose feedback has been through the first epoch's sleep phase
     * (pre-training and one more epoch) on {@code data}, and no forward training: Fig. 1D's starting point.
     */
    public static Run pretrained(Preset preset, DataSplits data, long seed) {
        Network network = preset.network().build(seed);
        LearningRule rule = preset.rule().create(network, seed);
        Optimizers optimizers = new Optimizers(preset.optimizers());
        Rng rng = Rng.of(seed).child("pretraining");
        DataSplits d = data.as(network.dataType());
        Batches batches = Batches.shuffled(d.train(), preset.training().batchSize(), rng.child("order"), false);
        rule.beginEpoch(new EpochContext(network, 0, 1, batches, rng, u -> optimizers.apply(u, 0, rng.child("optimizer"))));
        return new Run(preset.label(), seed, network, rule, new MetricsTable(preset.label(), List.of()), false);
    }
}
