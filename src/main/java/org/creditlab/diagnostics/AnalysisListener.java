package org.creditlab.diagnostics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;

/**
 * Makes a run's analyses when training ends, on the trained network and the run's own data. A run that diverges
 * never ends training, so it has none: its weights are not worth measuring.
 */
public final class AnalysisListener implements TrainingListener {
    private final List<String> names;
    private final Map<String, Object> results = new LinkedHashMap<>();

    /** @param names the analyses the experiment names ({@link Analyses}) */
    public AnalysisListener(List<String> names) {
        this.names = List.copyOf(names);
    }

    @Override
    public void endTraining(TrainingRun run) {
        results.clear();
        for (String name : names) {
            results.put(name, Analyses.create(name).measure(run));
        }
    }

    /** The results by analysis name, in the experiment's order; empty until training ended. */
    public Map<String, Object> results() {
        return Collections.unmodifiableMap(results);
    }
}
