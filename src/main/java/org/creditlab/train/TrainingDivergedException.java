package org.creditlab.train;

/**
 * The loss became NaN or infinite. The message names the epoch and step and says what to try; {@link #metrics()}
 * holds the epochs completed before, which were also stored if the run is stored.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final transient MetricsTable metrics;
    private final int epoch;

    public TrainingDivergedException(String message, MetricsTable metrics, int epoch) {
        super(message);
        this.metrics = metrics;
        this.epoch = epoch;
    }

    /** Epochs completed before the divergence. */
    public MetricsTable metrics() {
        return metrics;
    }

    /** Zero-based epoch in which the loss diverged. */
    public int epoch() {
        return epoch;
    }
}
