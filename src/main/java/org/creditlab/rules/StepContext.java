package org.creditlab.rules;

import org.creditlab.nn.Loss;
import org.creditlab.nn.Network;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything a rule may read for one mini-batch: the network, the batch, the training-mode forward trace, the loss
 * and its gradient at the output, where the batch sits in training, a random stream of its own, and the buffer for
 * its update directions.
 */
public final class StepContext {
    private final Network network;
    private final INDArray input;
    private final INDArray target;
    private final Trace trace;
    private final Loss.Value loss;
    private final int epoch;
    private final long batchIndex;
    private final Rng rng;
    private final Updates updates;
    private final Runnable applyNow;

    public StepContext(Network network, INDArray input, INDArray target, Trace trace, Loss.Value loss, int epoch,
                       long batchIndex, Rng rng, Updates updates, Runnable applyNow) {
        this.network = network;
        this.input = input;
        this.target = target;
        this.trace = trace;
        this.loss = loss;
        this.epoch = epoch;
        this.batchIndex = batchIndex;
        this.rng = rng;
        this.updates = updates;
        this.applyNow = applyNow;
    }

    public Network network() { return network; }
    /** The batch input, in the network's data type. */
    public INDArray input() { return input; }
    /** The batch target (one-hot for classifiers). */
    public INDArray target() { return target; }
    /** The training-mode forward pass of this batch. */
    public Trace trace() { return trace; }
    /** The loss value and its gradient with respect to the network output (the output error e). */
    public Loss.Value loss() { return loss; }
    /** Zero-based epoch. */
    public int epoch() { return epoch; }
    /**
     * Zero-based index of this batch within the whole run (epoch × batches per epoch + its place in the epoch); −1 for
     * a batch outside training, such as a diagnostic probe's.
     */
    public long batchIndex() { return batchIndex; }
    /** This rule's random stream for this step. */
    public Rng rng() { return rng; }
    public Updates updates() { return updates; }

    /**
     * Applies the directions written so far through the optimizers and clears them, for rules that update twice per
     * batch (PEPITA's time-local variant updates after each pass).
     */
    public void applyNow() {
        applyNow.run();
    }
}
