package org.creditlab.rules;

import java.util.function.Consumer;
import org.creditlab.data.Batches;
import org.creditlab.nn.Network;
import org.creditlab.nn.Updates;
import org.creditlab.util.Rng;

/**
 * What a rule may use at the start of an epoch to run a phase of its own over the data (DFC trains its feedback
 * weights in a "sleep" phase between forward epochs; PEPITA's weight mirroring follows an epoch schedule).
 */
public final class EpochContext {
    /** Receives the progress of a rule's own phase: {@code done} of {@code total} batches, 0 when the phase starts. */
    @FunctionalInterface
    public interface PhaseProgress {
        void report(String phase, int done, int total);
    }

    private final Network network;
    private final int epoch;
    private final int epochs;
    private final Batches batches;
    private final Rng rng;
    private final Consumer<Updates> apply;
    private final PhaseProgress progress;

    public EpochContext(Network network, int epoch, int epochs, Batches batches, Rng rng, Consumer<Updates> apply,
                        PhaseProgress progress) {
        this.network = network;
        this.epoch = epoch;
        this.epochs = epochs;
        this.batches = batches;
        this.rng = rng;
        this.apply = apply;
        this.progress = progress;
    }

    /** A context whose phases report no progress. */
    public EpochContext(Network network, int epoch, int epochs, Batches batches, Rng rng, Consumer<Updates> apply) {
        this(network, epoch, epochs, batches, rng, apply, (phase, done, total) -> { });
    }

    public Network network() { return network; }
    /** Zero-based epoch about to start. */
    public int epoch() { return epoch; }
    /** Total number of epochs in the run. */
    public int epochs() { return epochs; }
    /** The training batches of this epoch (seeded; iterating them does not disturb the forward epoch's order). */
    public Batches batches() { return batches; }
    public Rng rng() { return rng; }

    /** Reports a phase's progress to the training's listeners (a phase can run for minutes before the epoch). */
    public void progress(String phase, int done, int total) {
        progress.report(phase, done, total);
    }

    /** Applies update directions through the optimizers (each parameter's own group) and clears them. */
    public void apply(Updates updates) {
        apply.accept(updates);
    }
}
