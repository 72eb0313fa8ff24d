package org.creditlab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.creditlab.data.Datasets;
import org.creditlab.nn.Network;
import org.creditlab.optim.Optimizers;
import org.creditlab.results.Checkpoint;
import org.creditlab.results.RunStatus;
import org.creditlab.results.RunStore;
import org.creditlab.rules.LearningRule;
import org.creditlab.train.ConsoleProgress;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.Trainer;
import org.creditlab.train.TrainingDivergedException;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs experiments against a {@link RunStore}: a complete stored run is loaded instead of retrained, an interrupted
 * one resumes from its last checkpoint, a new one trains and stores every epoch as it completes.
 */
public final class Runner {
    private final RunStore store;
    private final TrainingListener progress;
    private final List<TrainingListener> listeners;

    private Runner(RunStore store, TrainingListener progress, List<TrainingListener> listeners) {
        this.store = store;
        this.progress = progress;
        this.listeners = List.copyOf(listeners);
    }

    /** Stores under the project's results/ and shows progress. */
    public static Runner standard() {
        return new Runner(RunStore.standard(), ConsoleProgress.standard(), List.of());
    }

    public Runner store(RunStore s) { return new Runner(s, progress, listeners); }
    /** Trains without reading or writing results (benchmarks, tests). */
    public Runner noStore() { return new Runner(null, progress, listeners); }
    public Runner progress(TrainingListener p) { return new Runner(store, p, listeners); }
    public Runner quiet() { return new Runner(store, null, listeners); }

    public Runner listen(TrainingListener l) {
        List<TrainingListener> ls = new ArrayList<>(listeners);
        ls.add(l);
        return new Runner(store, progress, ls);
    }

    public RunResult run(Experiment e) {
        Network net = e.network().build(e.seed());
        LearningRule rule = e.rule().create(net, e.seed());
        Optimizers optimizers = new Optimizers(e.optimizers());
        Path folder = store == null ? null : store.folder(e.name(), e.runId());
        List<EpochRecord> done = List.of();
        RunStatus status = folder == null ? null : store.status(folder);
        if (status != null) {
            boolean finished = status.isComplete() || status.isDiverged();
            if (store.hasCheckpoint(folder)) {
                Map<String, INDArray> saved = store.checkpoint(folder);
                Checkpoint.restoreInto(RunState.model(net, rule), saved, folder);
                optimizers.restore(RunState.optimizerPart(saved), RunState.parameters(net, rule));
                done = store.metrics(folder, e.name()).rows();
            }
            if (finished) {
                return new RunResult(e, net, rule, new MetricsTable(e.name(), done), folder, true,
                        status.isDiverged(), status.message());
            }
        }
        Trainer trainer = new Trainer(e.name() + "/" + e.runId(), net, rule, optimizers, e.training(), e.seed());
        if (progress != null) {
            trainer.listen(progress);
        }
        // Before the store: listeners may add columns to the epoch's record, which the store then saves.
        listeners.forEach(trainer::listen);
        if (folder != null) {
            store.writeConfig(folder, e.toJson());
            trainer.listen(new TrainingListener() {
                @Override
                public void endEpoch(TrainingRun run, EpochRecord record) {
                    store.writeEpoch(folder, new MetricsTable(e.name(), run.history()), RunState.all(net, rule, optimizers));
                }
            });
        }
        try {
            MetricsTable metrics = trainer.fit(Datasets.load(e.data()), done);
            if (folder != null) {
                store.writeStatus(folder, new RunStatus(RunStatus.COMPLETE, metrics.epochs(), ""));
            }
            return new RunResult(e, net, rule, metrics, folder, false, false, "");
        } catch (TrainingDivergedException d) {
            if (folder != null) {
                store.writeStatus(folder, new RunStatus(RunStatus.DIVERGED, d.metrics().epochs(), d.getMessage()));
            }
            System.err.println(d.getMessage());
            return new RunResult(e, net, rule, d.metrics(), folder, false, true, d.getMessage());
        }
    }
}
