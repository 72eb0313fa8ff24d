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
    private final Network network;
    private final int epoch;
    private final int epochs;
    private final Batches batches;
    private final Rng rng;
    private final Consumer<Updates> apply;

    public EpochContext(Network network, int epoch, int epochs, Batches batches, Rng rng, Consumer<Updates> apply) {
        this.network = network;
        this.epoch = epoch;
        this.epochs = epochs;
        this.batches = batches;
        this.rng = rng;
        this.apply = apply;
    }

    public Network network() { return network; }
    /** Zero-based epoch about to start. */
    public int epoch() { return epoch; }
    /** Total number of epochs in the run. */
    public int epochs() { return epochs; }
    /** The training batches of this epoch (seeded; iterating them does not disturb the forward epoch's order). */
    public Batches batches() { return batches; }
    public Rng rng() { return rng; }

    /** Applies update directions through the optimizers (each parameter's own group) and clears them. */
    public void apply(Updates updates) {
        apply.accept(updates);
    }
}
