package org.creditlab.execution;

import org.creditlab.experiment.Experiment;

/** How the executors name a run: one key per stored run, one label per line of progress, and their settings' checks. */
final class RunNames {
    private RunNames() {}

    /** The run's folder under the store, {@code name/run-id}: two experiments with one key are one run. */
    static String key(Experiment e) {
        return e.name() + "/" + e.runId();
    }

    /** e.g. "#3 pepita/bp-s1-8c28c46b13", for progress lines and failure messages. */
    static String label(int index, Experiment e) {
        return "#" + index + " " + key(e);
    }

    /** The worker and retry counts every local executor takes, refused with the value when out of range. */
    static void checkCounts(int workers, int retries) {
        if (workers < 1) {
            throw new IllegalArgumentException("a local executor needs at least one worker, got " + workers);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries cannot be negative, got " + retries);
        }
    }
}
