package org.creditlab.papers.pepita;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Precision;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.optim.Schedule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.pepita.MirrorSchedule;
import org.creditlab.rules.pepita.PepitaSpec;
import org.creditlab.rules.pepita.UpdateMode;
import org.creditlab.train.TrainingOptions;

/**
 * The PEPITA papers' experimental settings as data (notes: {@code shared/papers/pepita.md}, §2). ICML 2022, fully
 * connected: d-1024-C, ReLU, no biases, He-uniform weights, 10% dropout on the hidden layer, softmax output, batch 64,
 * SGD with momentum 0.9, ×0.1 at epochs 60 and 90, 100 epochs. Each dataset's preset follows one of the two ICML codes
 * ({@link IcmlCode}): MNIST the numpy code (the README's command, η = 0.1), CIFAR the tutorial (η = 0.01; CIFAR-100's
 * settings are unverified and take the tutorial's). Pixels are scaled to [0, 1] without centring. Fashion-MNIST, which
 * the numpy code also reads ({@code --fmnist}), gets MNIST's settings.
 */
public final class PepitaPresets {
    public static final int EPOCHS = 100;
    public static final int BATCH_SIZE = 64;
    public static final double DROPOUT = 0.1;
    public static final double MOMENTUM = 0.9;
    /** ×0.1 at the start of epochs 60 and 90 (zero-based, as the code's {@code if e in [60, 90]}). */
    public static final Schedule SCHEDULE = Schedule.stepDecay(0.1, 60, 90);
    /** The numpy code's extra factor on F for its error-sign variant ("ERINsign", {@code functions.py}). */
    public static final double SIGN_PROJECTION_FACTOR = 0.1;
    /**
     * The follow-up's decay: ×0.1 after zero-based epochs 60 and 90, i.e. at the start of 61 and 91. Its code steps the
     * rate in {@code training_epoch_end} when {@code current_epoch in DECAY_EPOCH}, one epoch later than the ICML codes.
     */
    public static final Schedule FOLLOW_UP_SCHEDULE = SCHEDULE.delayed(1);
    /** The follow-up's code default learning rate (its per-table values are unverified). */
    public static final double FOLLOW_UP_LR = 0.01;
    /** The follow-up code's default weight decay. */
    public static final double FOLLOW_UP_WEIGHT_DECAY = 1e-4;
    /** The follow-up code's mirror learning rate η_WM and decay λ_WM (its CLI defaults). */
    public static final double MIRROR_LR = 0.1;
    public static final double MIRROR_DECAY = 0.5;

    /** The ICML conv runs' learning rate and batch size (README command for {@code Net1conv1fcXL}, notes §2.2). */
    public static final double CONV_LR = 0.01;
    public static final int CONV_BATCH_SIZE = 50;
    /** The conv code's default decay scheme 1: ×0.1 at epochs 10, 30 and 60 (which scheme the paper used is unverified). */
    public static final Schedule CONV_SCHEDULE = Schedule.stepDecay(0.1, 10, 30, 60);

    private PepitaPresets() {}

    /**
     * The ICML 2022 code a fully connected preset reproduces (GiorgiaD/PEPITA). Both divide each batch's summed update
     * by the nominal batch size 64; they differ in the learning rate, the dropout mask and the last partial batch.
     */
    public enum IcmlCode {
        /**
         * {@code main.py} + {@code functions.py} (numpy), the README's MNIST command: η = 0.1; the hidden difference
         * h − h_err, already masked, is multiplied by the dropout mask again ({@code delta_a *= drop_mask}); updates
         * are applied when the sample counter reaches a multiple of 64 and the accumulator is only reset then, so the
         * n mod 64 samples left at the end of an epoch (32 of MNIST's 60,000) join the next epoch's first update,
         * still divided by 64, and the last epoch's are never applied.
         */
        NUMPY(0.1, true, true),
        /**
         * {@code Tutorial_PEPITA_FullyConnectedNets_CIFAR-10.ipynb} (PyTorch): η = 0.01; the mask once; every batch of
         * the DataLoader (which keeps the last, 50,000 mod 64 = 16 images) divided by {@code batch_size} = 64.
         */
        TUTORIAL(0.01, false, false);

        private final double learningRate;
        private final boolean masksTwice;
        private final boolean carriesRemainder;

        IcmlCode(double learningRate, boolean masksTwice, boolean carriesRemainder) {
            this.learningRate = learningRate;
            this.masksTwice = masksTwice;
            this.carriesRemainder = carriesRemainder;
        }

        public double learningRate() { return learningRate; }
        /** Whether PEPITA's hidden difference is multiplied by the dropout mask a second time. */
        public boolean masksTwice() { return masksTwice; }
        /** Whether an epoch's leftover samples join the next epoch's first update (else the partial batch is kept). */
        public boolean carriesRemainder() { return carriesRemainder; }
    }

    /** The code a dataset's preset follows: the numpy code for MNIST and Fashion-MNIST, the tutorial for CIFAR. */
    public static IcmlCode icmlCode(DatasetName dataset) {
        return dataset == DatasetName.MNIST || dataset == DatasetName.FASHION_MNIST ? IcmlCode.NUMPY : IcmlCode.TUTORIAL;
    }

    /** PEPITA as {@code dataset}'s preset runs it: the ICML settings, with the numpy code's double mask where it applies. */
    public static PepitaSpec pepita(DatasetName dataset) {
        return new PepitaSpec().toBuilder().maskTwice(icmlCode(dataset).masksTwice()).build();
    }

    /**
     * The numpy code's error-sign variant ({@code --learn_type ERINsign}) on {@code dataset}'s preset: x + F·sign(e),
     * with F scaled by a further {@link #SIGN_PROJECTION_FACTOR} (s = 0.005), since sign(e) is much larger than e.
     */
    public static PepitaSpec errorSign(DatasetName dataset) {
        PepitaSpec p = pepita(dataset);
        return p.toBuilder().signal(PepitaSpec.ErrorSignal.SIGN)
                .projectionScale(SIGN_PROJECTION_FACTOR * p.projectionScale()).build();
    }

    /** The data as the papers prepare it: [0, 1] pixels, flattened, optionally a stratified subset. */
    public static DataSpec data(DatasetName dataset, int trainLimit, int testLimit) {
        return DataSpec.of(dataset).toBuilder().trainLimit(trainLimit).testLimit(testLimit).build();
    }

    /** d-h₁-…-C with ReLU, no biases, He-uniform weights and 10% dropout after each hidden layer. */
    public static MlpSpec network(DatasetName dataset, List<Integer> hidden) {
        long d = Arrays.stream(dataset.exampleShape()).reduce(1, (a, b) -> a * b);
        return MlpSpec.of((int) d, dataset.classes()).toBuilder().hidden(hidden).activation(Nonlinearity.relu())
                .bias(false).weightInit(Init.heUniform()).biasInit(Init.zeros()).dropout(DROPOUT)
                .loss(Loss.SOFTMAX_CROSS_ENTROPY).precision(Precision.FLOAT32).build();
    }

    /** The ICML paper's learning rate for a dataset (that of the code its preset follows). */
    public static double learningRate(DatasetName dataset) {
        return icmlCode(dataset).learningRate();
    }

    /** Momentum SGD with the paper's step decay, its milestones moved in proportion when {@code epochs} < 100. */
    public static OptimizerSpec optimizer(double lr, int epochs) {
        return OptimizerSpec.sgd(lr).toBuilder().momentum(MOMENTUM).schedule(SCHEDULE.rescaled(EPOCHS, epochs)).build();
    }

    /**
     * The follow-up's momentum SGD: the ICML milestones moved in proportion when {@code epochs} < 100, then one epoch
     * later ({@link #FOLLOW_UP_SCHEDULE} at 100 epochs), so a short run decays one epoch after the ICML presets do.
     */
    public static OptimizerSpec followUpOptimizer(double lr, int epochs) {
        return OptimizerSpec.sgd(lr).toBuilder().momentum(MOMENTUM)
                .schedule(SCHEDULE.rescaled(EPOCHS, epochs).delayed(1)).build();
    }

    /**
     * The ICML loop on {@code dataset}'s preset: batch 64, each batch's sum divided by 64, and the last partial batch
     * kept (tutorial) or carried into the next epoch (numpy code), as {@link IcmlCode} describes.
     */
    public static TrainingOptions training(DatasetName dataset, int epochs) {
        return runningAccuracy(epochs).toBuilder().nominalDivisor(true)
                .carryRemainder(icmlCode(dataset).carriesRemainder()).build();
    }

    /** The ICLR 2024 loop: batch 64, the partial batch dropped (its DataLoaders' {@code drop_last=True}). */
    public static TrainingOptions followUpTraining(int epochs) {
        return runningAccuracy(epochs).toBuilder().dropLast(true).build();
    }

    private static TrainingOptions runningAccuracy(int epochs) {
        // the numpy code's "train accuracy" is the running accuracy of the training batches
        return TrainingOptions.of(epochs, BATCH_SIZE).toBuilder().evaluateTrain(false).build();
    }

    /**
     * The ICML comparison: {@code rule} on the paper's one-hidden-layer network for {@code data}, with the learning
     * rate and loop of the code {@code data}'s preset follows (for PEPITA itself pass {@link #pepita}).
     */
    public static Experiment experiment(String name, DataSpec data, RuleSpec rule, int epochs, long seed) {
        return Experiment.of(name, data, network(data.dataset(), List.of(1024)), rule,
                optimizer(learningRate(data.dataset()), epochs), training(data.dataset(), epochs), seed);
    }

    /**
     * The ICML conv comparison: {@code rule} on {@link CnnSpec#pepita} for {@code data}'s images ([0, 1] pixels, not
     * flattened), η = 0.01, batch 50, momentum 0.9, no dropout (the conv models ignore the masks), and the code's decay
     * at 10/30/60 of 100 epochs moved in proportion; runs shorter than 10 epochs keep η constant, since the first
     * step would fall in the first epoch.
     */
    public static Experiment convolutional(String name, DataSpec data, RuleSpec rule, int epochs, long seed) {
        Schedule schedule = epochs >= 10 ? CONV_SCHEDULE.rescaled(EPOCHS, epochs) : Schedule.constant();
        OptimizerSpec sgd = OptimizerSpec.sgd(CONV_LR).toBuilder().momentum(MOMENTUM).schedule(schedule).build();
        DataSpec images = data.toBuilder().flatten(false).build();
        return Experiment.of(name, images, CnnSpec.pepita(data.dataset().exampleShape()), rule, sgd,
                TrainingOptions.of(epochs, CONV_BATCH_SIZE).toBuilder().evaluateTrain(false).build(), seed);
    }

    /**
     * The follow-up's variants of PEPITA (its Table 2 and Fig. 3). All run with He-uniform weights and, but for
     * mirroring, the uniform F of the ICML code, as the README's commands for original PEPITA ({@code -li he_uniform
     * -bi uniform -wd 0.0}); the code's own defaults are He-normal weights ({@code --layer_init he_normal}, N(0, 2/n_in))
     * and the product-form F ({@code --b_init normal}), which the mirroring variant uses.
     */
    public enum FollowUp {
        /** Original PEPITA in the follow-up's code: x − F·e, first-pass error in the last layer, no weight decay. */
        PEPITA("PEPITA"),
        /** With weight decay 1e-4 (the code's default). */
        WEIGHT_DECAY("PEPITA + WD"),
        /** With activity normalisation h/‖H‖_F after each hidden layer. */
        NORMALIZATION("PEPITA + norm"),
        /**
         * F = B₁⋯B_L trained by weight mirroring with η_WM = 0.1 and λ_WM = 0.5 ({@code scripts/train.py}'s defaults) on
         * our schedule: one pre-mirror epoch, then every batch of every epoch ({@code MirrorSchedule.of(1, 1)}). The
         * repository's defaults never mirror within 100 epochs: {@code train.py} has {@code --pre_mirror 0 --mirror
         * 200} (mirroring in epochs e with (e + 1) % 200 == 0), and {@code config.py} (a config file's defaults)
         * {@code PRE_MIRROR 2, MIRROR 100, WMLR 0.01, WMWD 1e-4}: two pre-mirror epochs, then only epoch 99. The
         * paper's own schedules (its Fig. 3c compares several) are unverified.
         */
        MIRRORING("PEPITA + WM");

        private final String label;

        FollowUp(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The follow-up's update modes (its {@code --mode}) by their labels in our tables: original PEPITA ("modulated"),
     * "forward", the Hebbian/anti-Hebbian "mixed" and the time-local "mixed_tl" ({@link UpdateMode} says where each
     * departs from the code: its "mixed" falls through to the modulated update, and its time-local mode redraws the
     * dropout masks between the passes).
     */
    public static Map<String, UpdateMode> followUpModes() {
        Map<String, UpdateMode> m = new LinkedHashMap<>();
        m.put("PEPITA (modulated)", UpdateMode.MODULATED);
        m.put("forward", UpdateMode.FORWARD);
        m.put("Hebbian (mixed)", UpdateMode.MIXED);
        m.put("time-local (mixed_tl)", UpdateMode.TIME_LOCAL);
        return m;
    }

    /**
     * A follow-up experiment: d-{@code hidden}-C, η = 0.01 decayed after epochs 60 and 90, the partial batch dropped,
     * and the variant's changes.
     */
    public static Experiment followUp(String name, DataSpec data, List<Integer> hidden, FollowUp variant, int epochs,
                                      long seed) {
        MlpSpec net = network(data.dataset(), hidden).toBuilder().activityNorm(variant == FollowUp.NORMALIZATION).build();
        OptimizerSpec forward = followUpOptimizer(FOLLOW_UP_LR, epochs)
                .toBuilder().weightDecay(variant == FollowUp.WEIGHT_DECAY ? FOLLOW_UP_WEIGHT_DECAY : 0).build();
        PepitaSpec rule = PepitaSpec.followUp();
        if (variant != FollowUp.MIRRORING) {
            return Experiment.of(name, data, net, rule, forward, followUpTraining(epochs), seed);
        }
        PepitaSpec mirrored = rule.toBuilder().projection(PepitaSpec.ProjectionKind.PRODUCT)
                .mirroring(MirrorSchedule.of(1, 1)).build();
        return new Experiment(name, data, net, mirrored,
                Map.of(Optimizers.DEFAULT, forward,
                        Parameter.FEEDBACK, OptimizerSpec.sgd(MIRROR_LR).toBuilder().weightDecay(MIRROR_DECAY).build()),
                followUpTraining(epochs), seed);
    }
}
