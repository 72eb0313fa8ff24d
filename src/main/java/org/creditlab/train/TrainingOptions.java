package org.creditlab.train;

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
 */
public record TrainingOptions(int epochs, int batchSize, boolean dropLast, int evalBatchSize, boolean evaluateTrain,
                              int trainEvalLimit) {

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
    }

    public static TrainingOptions of(int epochs, int batchSize) {
        return new TrainingOptions(epochs, batchSize, false, 1000, true, 0);
    }

    public TrainingOptions withEpochs(int e) { return new TrainingOptions(e, batchSize, dropLast, evalBatchSize, evaluateTrain, trainEvalLimit); }
    public TrainingOptions withBatchSize(int b) { return new TrainingOptions(epochs, b, dropLast, evalBatchSize, evaluateTrain, trainEvalLimit); }
    public TrainingOptions withDropLast(boolean d) { return new TrainingOptions(epochs, batchSize, d, evalBatchSize, evaluateTrain, trainEvalLimit); }
    public TrainingOptions withEvaluateTrain(boolean e) { return new TrainingOptions(epochs, batchSize, dropLast, evalBatchSize, e, trainEvalLimit); }
    public TrainingOptions withTrainEvalLimit(int n) { return new TrainingOptions(epochs, batchSize, dropLast, evalBatchSize, evaluateTrain, n); }
}
