package org.creditlab.experiment;

import java.nio.file.Path;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.train.MetricsTable;
import tech.tablesaw.api.Table;

/**
 * A finished (or diverged) run: the trained network and rule, the per-epoch metrics, and where it is stored.
 *
 * @param folder   the run's folder, or null if it was not stored
 * @param loaded   true if the run was read from disk instead of trained
 * @param diverged true if training stopped because the loss became NaN or infinite; {@link #message()} says where
 */
public record RunResult(Experiment experiment, Network network, LearningRule rule, MetricsTable metrics, Path folder,
                        boolean loaded, boolean diverged, String message) {

    /** The metrics as a Tablesaw table. */
    public Table table() {
        return metrics.table();
    }

    /** The last epoch's value of a metric (NaN if the run has no epochs). */
    public double last(String column) {
        return metrics.epochs() == 0 ? Double.NaN : metrics.last().get(column);
    }

    /** This result, or an exception with the divergence message. */
    public RunResult orThrow() {
        if (diverged) {
            throw new IllegalStateException(message);
        }
        return this;
    }
}
