package org.creditlab.papers.kunin;

import java.util.List;
import org.creditlab.notebook.Profile;

/**
 * How big the reproduction is. QUICK fits the CI budget on two cores; FULL is the notes' plan (K0-K3) on all of
 * Fashion-MNIST.
 *
 * @param trainExamples  stratified training subset (0: all 60,000)
 * @param epochs         epochs of every run
 * @param batchSize      mini-batch size
 * @param learningRate   the forward optimizer's base learning rate (scaled with the batch size)
 * @param seeds          seeds of the rule zoo
 * @param width          hidden width of the zoo and noise networks
 * @param searchTrials   random-search trials per rule in the sensitivity study
 * @param depths         hidden-layer counts of the depth study
 * @param depthSeeds     seeds per point of the depth and noise studies
 * @param noiseVariances variances of the update noise
 */
public record Scale(int trainExamples, int epochs, int batchSize, double learningRate, int seeds, int width, int searchTrials, List<Integer> depths,
                    int depthSeeds, List<Double> noiseVariances) {

    public static Scale of(Profile p) {
        return p == Profile.QUICK
                ? new Scale(10_000, 3, 128, 0.1, 3, 256, 8, List.of(2, 4, 6), 1, List.of(0.0, 1e-3, 1e-2))
                : new Scale(0, 20, 64, 0.05, 5, 256, 30, List.of(2, 4, 6, 8), 3, List.of(0.0, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1));
    }
}
