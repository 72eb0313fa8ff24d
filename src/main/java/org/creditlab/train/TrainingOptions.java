package org.creditlab.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.creditlab.data.Augmentation;
import org.creditlab.data.Batches;

/**
 * How the training loop runs.
 *
 * @param epochs         number of epochs
 * @param batchSize      training mini-batch size
 * @param dropLast       drop the last, smaller batch of each epoch
 * @param evalBatchSize  the most examples of one evaluation pass (memory only; results do not depend on it beyond
 *                       rounding); networks with large activations use smaller passes ({@link Evaluation#passSize})
 * @param evaluateTrain  evaluate the training set in evaluation mode after each epoch (else only the running mean of
 *                       the training-mode batches is recorded)
 * @param trainEvalLimit evaluate only the first this-many training examples (0: all); a fixed subset, so epochs are
 *                       comparable
 * @param augmentation   random crops and flips of each training batch (images only; default none, and then left out
 *                       of the JSON, so that configurations written before it existed keep their run ids)
 * @param nominalDivisor divide each batch's update by {@code batchSize} rather than by the batch's own size: the
 *                       rules' directions are batch means, so the trainer scales them by size/batchSize (the ICML
 *                       PEPITA code's sums over a batch divided by 64, the last partial batch included). Default
 *                       false, then left out of the JSON (as the next option), so earlier run ids do not move
 * @param carryRemainder the n mod batchSize examples left at the end of an epoch's order join the next epoch's first
 *                       batch, and the last epoch's are never used ({@link Batches#carrying}; the ICML numpy code's
 *                       accumulator). Excludes {@code dropLast}
 */
public record TrainingOptions(int epochs, int batchSize, boolean dropLast, int evalBatchSize, boolean evaluateTrain,
                              int trainEvalLimit,
                              @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = AugmentationFilter.class)
                              Augmentation augmentation,
                              @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean nominalDivisor,
                              @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean carryRemainder) {

    public TrainingOptions {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        if (batchSize <= 0 || evalBatchSize <= 0) {
            throw new IllegalArgumentException("batch sizes must be positive, got " + batchSize + " and " + evalBatchSize);
        }
        if (trainEvalLimit < 0) {
            throw new IllegalArgumentException("trainEvalLimit must be >= 0");
        }
        if (augmentation == null) {
            augmentation = Augmentation.none();
        }
        if (carryRemainder && dropLast) {
            throw new IllegalArgumentException("dropLast and carryRemainder exclude each other: the last examples of an "
                    + "epoch are either dropped or carried into the next");
        }
    }

    public TrainingOptions(int epochs, int batchSize, boolean dropLast, int evalBatchSize, boolean evaluateTrain,
                           int trainEvalLimit) {
        this(epochs, batchSize, dropLast, evalBatchSize, evaluateTrain, trainEvalLimit, Augmentation.none());
    }

    public TrainingOptions(int epochs, int batchSize, boolean dropLast, int evalBatchSize, boolean evaluateTrain,
                           int trainEvalLimit, Augmentation augmentation) {
        this(epochs, batchSize, dropLast, evalBatchSize, evaluateTrain, trainEvalLimit, augmentation, false, false);
    }

    public static TrainingOptions of(int epochs, int batchSize) {
        return new TrainingOptions(epochs, batchSize, false, 1000, true, 0);
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code TrainingOptions.of(100, 128).toBuilder().dropLast(true).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private int epochs;
        private int batchSize;
        private boolean dropLast;
        private int evalBatchSize;
        private boolean evaluateTrain;
        private int trainEvalLimit;
        private Augmentation augmentation;
        private boolean nominalDivisor;
        private boolean carryRemainder;

        private Builder(TrainingOptions s) {
            epochs = s.epochs;
            batchSize = s.batchSize;
            dropLast = s.dropLast;
            evalBatchSize = s.evalBatchSize;
            evaluateTrain = s.evaluateTrain;
            trainEvalLimit = s.trainEvalLimit;
            augmentation = s.augmentation;
            nominalDivisor = s.nominalDivisor;
            carryRemainder = s.carryRemainder;
        }

        public Builder epochs(int value) { epochs = value; return this; }
        public Builder batchSize(int value) { batchSize = value; return this; }
        public Builder dropLast(boolean value) { dropLast = value; return this; }
        public Builder evalBatchSize(int value) { evalBatchSize = value; return this; }
        public Builder evaluateTrain(boolean value) { evaluateTrain = value; return this; }
        public Builder trainEvalLimit(int value) { trainEvalLimit = value; return this; }
        public Builder augmentation(Augmentation value) { augmentation = value; return this; }
        public Builder nominalDivisor(boolean value) { nominalDivisor = value; return this; }
        public Builder carryRemainder(boolean value) { carryRemainder = value; return this; }

        public TrainingOptions build() {
            return new TrainingOptions(epochs, batchSize, dropLast, evalBatchSize, evaluateTrain, trainEvalLimit,
                    augmentation, nominalDivisor, carryRemainder);
        }
    }

    /** Leaves "no augmentation" out of the JSON (see {@link #augmentation()}). */
    static final class AugmentationFilter {
        @Override
        public boolean equals(Object other) {
            return other == null || (other instanceof Augmentation a && a.isNone());
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
