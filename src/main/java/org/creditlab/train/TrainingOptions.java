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
 * @param evalBatchSize  batch size of evaluation passes (memory only; results do not depend on it)
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

    public TrainingOptions withEpochs(int e) { return new TrainingOptions(e, batchSize, dropLast, evalBatchSize, evaluateTrain, trainEvalLimit, augmentation, nominalDivisor, carryRemainder); }
    public TrainingOptions withBatchSize(int b) { return new TrainingOptions(epochs, b, dropLast, evalBatchSize, evaluateTrain, trainEvalLimit, augmentation, nominalDivisor, carryRemainder); }
    public TrainingOptions withDropLast(boolean d) { return new TrainingOptions(epochs, batchSize, d, evalBatchSize, evaluateTrain, trainEvalLimit, augmentation, nominalDivisor, carryRemainder); }
    public TrainingOptions withEvaluateTrain(boolean e) { return new TrainingOptions(epochs, batchSize, dropLast, evalBatchSize, e, trainEvalLimit, augmentation, nominalDivisor, carryRemainder); }
    public TrainingOptions withTrainEvalLimit(int n) { return new TrainingOptions(epochs, batchSize, dropLast, evalBatchSize, evaluateTrain, n, augmentation, nominalDivisor, carryRemainder); }
    public TrainingOptions withNominalDivisor(boolean d) { return new TrainingOptions(epochs, batchSize, dropLast, evalBatchSize, evaluateTrain, trainEvalLimit, augmentation, d, carryRemainder); }
    public TrainingOptions withCarryRemainder(boolean c) { return new TrainingOptions(epochs, batchSize, dropLast, evalBatchSize, evaluateTrain, trainEvalLimit, augmentation, nominalDivisor, c); }
    public TrainingOptions withAugmentation(Augmentation a) { return new TrainingOptions(epochs, batchSize, dropLast, evalBatchSize, evaluateTrain, trainEvalLimit, a, nominalDivisor, carryRemainder); }

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
