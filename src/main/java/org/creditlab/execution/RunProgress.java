package org.creditlab.execution;

import java.util.Locale;

/** Where one run of a sweep stands. */
public enum RunProgress {
    /** Complete in the store. */
    DONE,
    /** Stored as diverged: finished, with a message saying where the loss became non-finite. */
    DIVERGED,
    /** A process holds the run's lock now. */
    RUNNING,
    /** Waiting in the cluster's queue. */
    QUEUED,
    /** An attempt ran (it left a log) and the run is neither finished nor running. */
    FAILED,
    /** Never attempted, or its attempts left nothing. */
    MISSING;

    public boolean finished() {
        return this == DONE || this == DIVERGED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
