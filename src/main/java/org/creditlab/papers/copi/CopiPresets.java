package org.creditlab.papers.copi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.diagnostics.Analyses;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.DecorrelatedMlpSpec;
import org.creditlab.nn.Decorrelation;
import org.creditlab.notebook.Profile;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.copi.CopiSpec;
import org.creditlab.rules.copi.DecorrelatedBackpropSpec;
import org.creditlab.rules.copi.Route;
import org.creditlab.train.TrainingOptions;

/**
 * The COPI paper's experiments as {@link Experiment}s. The final reference code's settings: batch 50, pixels in [0, 1]
 * without centring, η = 1e-3 for W and R with the loss multiplier α = 1000 ("boosted"), BP-Adam at 1e-4 with the
 * constant bias correction, no momentum, schedule or weight decay, and a first phase that trains only R. Every method
 * of the authors' run script runs, the "bio" decorrelation ΔR = −η·R·C ({@link Method#COPI_BIO_BP}) included.
 *
 * <p>FULL is the paper's networks: 784-500×6-10 on MNIST and Fashion-MNIST, 3072-1000×4-10 on CIFAR-10, on every
 * dataset present, for {@link #FULL_EPOCHS} epochs (the first trains only R) and {@link #FULL_SEEDS} seeds instead of
 * the paper's 100 and 5: the curves the paper compares separate within the first 15 epochs of W training (its CIFAR-10
 * table: 100% train accuracy after 7–13 epochs for the decorrelated methods, about 60 for BP-Adam, which 29 epochs
 * still tell apart), and 30 epochs × 19 runs is what these machines can afford (docs/paper-scale.md). QUICK runs Fashion-MNIST on a stratified subset with
 * 784-256-256-10 and few epochs. Its R-only phase lasts several epochs of the subset, so that R gets about as many
 * updates before W starts (300 batches) as a quarter of the paper's R-only epoch (1200 batches); with a single
 * subset epoch (60 batches) COPI-FA diverged at α = 1000.
 */
public final class CopiPresets {
    /** η for W and R. */
    public static final double ETA = 1e-3;
    /** The boosted loss multiplier: the δ-driven part of ΔW runs at α·η = 1. */
    public static final double ALPHA = 1000;
    /** BP-Adam's learning rate. */
    public static final double ADAM_LR = 1e-4;
    /** FULL's epochs, the R-only one included (the paper: 100). */
    public static final int FULL_EPOCHS = 30;
    /** FULL's seeds of each method (the paper: 5). */
    public static final int FULL_SEEDS = 3;
    /** Examples of the fixed probe on which the decorrelation measure is taken after each epoch. */
    public static final int PROBE = 500;

    private CopiPresets() {}

    /**
     * One dataset at one scale.
     *
     * @param dataset                 which dataset
     * @param data                    its data spec
     * @param sizes                   layer sizes, input to output
     * @param epochs                  epochs in all, the R-only ones included
     * @param decorrelationOnlyEpochs epochs at the start that train only R
     * @param seeds                   the seeds of each method
     */
    public record Setup(DatasetName dataset, DataSpec data, int[] sizes, int epochs, int decorrelationOnlyEpochs, long[] seeds) {
        public boolean present() {
            return Datasets.isPresent(dataset);
        }

        public DecorrelatedMlpSpec network(boolean decorrelate) {
            return DecorrelatedMlpSpec.of(sizes).toBuilder().decorrelate(decorrelate).build();
        }

        /** e.g. "784-256-256-10", or "784-500×6-10": three or more equal widths in a row are counted, so titles fit. */
        public String sizesText() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < sizes.length; ) {
                int j = i;
                while (j < sizes.length && sizes[j] == sizes[i]) {
                    j++;
                }
                int repeats = j - i;
                parts.addAll(repeats >= 3 ? List.of(sizes[i] + "×" + repeats)
                        : Collections.nCopies(repeats, String.valueOf(sizes[i])));
                i = j;
            }
            return String.join("-", parts);
        }

        /** A short name for experiment folders, e.g. "fashion-mnist-quick". */
        public String key() {
            return dataset.directory() + (data.trainLimit() > 0 ? "-quick" : "");
        }
    }

    /** QUICK: Fashion-MNIST, 3000 training and 2000 test images (stratified), 784-256-256-10, 5 + 15 epochs, 3 seeds. */
    public static Setup quick() {
        return new Setup(DatasetName.FASHION_MNIST,
                DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(3000).testLimit(2000).download(false).build(),
                new int[] {784, 256, 256, 10}, 20, 5, new long[] {1, 2, 3});
    }

    /** FULL, on one dataset: the paper's network for it, {@link #FULL_EPOCHS} epochs (the first trains only R), seeds 1–3. */
    public static Setup full(DatasetName dataset) {
        int[] sizes = dataset == DatasetName.CIFAR10 ? new int[] {3072, 1000, 1000, 1000, 1000, 10}
                : new int[] {784, 500, 500, 500, 500, 500, 500, 10};
        DataSpec data = DataSpec.of(dataset).toBuilder().download(false).build();
        return new Setup(dataset, data, sizes, FULL_EPOCHS, 1, LongStream.rangeClosed(1, FULL_SEEDS).toArray());
    }

    /** The setups of a profile, present or not: QUICK has Fashion-MNIST; FULL has MNIST, CIFAR-10 and Fashion-MNIST. */
    public static List<Setup> setups(Profile profile) {
        return profile == Profile.QUICK ? List.of(quick())
                : List.of(full(DatasetName.MNIST), full(DatasetName.CIFAR10), full(DatasetName.FASHION_MNIST));
    }

    /** The setup of the analyses (decorrelation images, receptive fields, compression): MNIST as in the paper if present. */
    public static Setup analysisSetup(Profile profile) {
        if (profile == Profile.FULL && Datasets.isPresent(DatasetName.MNIST)) {
            return full(DatasetName.MNIST);
        }
        return profile == Profile.QUICK ? quick() : full(DatasetName.FASHION_MNIST);
    }

    /** The rule of each method (the settings of its {@link Method#config()}). */
    public static RuleSpec rule(Method method, Setup s) {
        int r = s.decorrelationOnlyEpochs();
        return switch (method) {
            case BP_ADAM -> new DecorrelatedBackpropSpec().toBuilder().lossMultiplier(1).decorrelationOnlyEpochs(r).build();
            case BP_DECORRELATION -> new DecorrelatedBackpropSpec().toBuilder().lossMultiplier(ALPHA)
                    .decorrelationOnlyEpochs(r).build();
            case COPI_BP -> new CopiSpec().toBuilder().lossMultiplier(ALPHA).decorrelationOnlyEpochs(r).build();
            case COPI_FA -> new CopiSpec().toBuilder().route(Route.FA).lossMultiplier(ALPHA)
                    .decorrelationOnlyEpochs(r).build();
            case COPI_BIO_BP -> new CopiSpec().toBuilder().decorrelation(Decorrelation.Rule.BIO).lossMultiplier(ALPHA)
                    .decorrelationOnlyEpochs(r).build();
        };
    }

    /**
     * What COPI (BP)'s runs keep of their trained network, for the paper's Figure 3 (decorrelated images, receptive
     * fields, compression): the figures are drawn from these, so they come from records as well as from results/.
     * Only COPI (BP) is analysed, as in the paper; the learning-rate sweep's COPI (BP) trials carry them too, so that
     * its α = 1000 trial stays the same run as COPI (BP)'s seed 1.
     */
    public static final List<String> ANALYSES = List.of(Analyses.COPI_DECORRELATED_INPUT, Analyses.COPI_RECEPTIVE_FIELDS,
            Analyses.COPI_COMPRESSION);

    /** One method on one setup, seed 1; COPI (BP) with its {@link #ANALYSES}. */
    public static Experiment experiment(Method method, Setup s) {
        boolean adam = method == Method.BP_ADAM;
        OptimizerSpec optimizer = adam ? copiAdam(ADAM_LR) : OptimizerSpec.sgd(ETA);
        Experiment e = Experiment.of("copi-" + s.key(), s.data(), s.network(!adam), rule(method, s), optimizer,
                TrainingOptions.of(s.epochs(), 50).toBuilder().dropLast(true).build(), s.seeds()[0]);
        return method == Method.COPI_BP ? e.toBuilder().addAnalyses(ANALYSES.toArray(String[]::new)).build() : e;
    }

    /** Adam with the reference code's constant bias correction. */
    static OptimizerSpec copiAdam(double lr) {
        return OptimizerSpec.adam(lr).toBuilder().biasCorrection(OptimizerSpec.BiasCorrection.CONSTANT).build();
    }
}
