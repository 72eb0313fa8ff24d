package org.creditlab.papers.dfc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.nn.Init;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.feedback.DirectFeedbackAlignmentSpec;
import org.creditlab.rules.feedback.FeedbackInit;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.dfc.Controller;
import org.creditlab.rules.dfc.DfcSpec;
import org.creditlab.train.TrainingOptions;

/**
 * The published configurations of Meulemans et al. 2021, loadable by name: every run of Table 1
 * ({@code table1("fmnist", "dfc-ssa")}) and of Figures 1D and 3, with the hyperparameters of the reference code's
 * {@code configs/} folder and its optimisation conventions:
 *
 * <ul>
 *   <li>Adam with betas (0.99, 0.99) and the tuned ε; the configured learning rate is divided by λ (normalize_lr);</li>
 *   <li>forward weights of DFC clipped per tensor to norm 1; feedback weights clipped together (global norm 1), with
 *       their own optimizer (group "feedback") and a separate one for the pre-training epochs ("feedback_init");</li>
 *   <li>backprop unclipped; DFA (the code's DDTP-linear network) clipped per tensor, in its own gradient scale.</li>
 * </ul>
 */
public final class DfcPresets {
    /** The columns of Table 1. */
    public static final List<String> DATASETS = List.of("mnist", "fmnist", "mnist-autoencoder", "mnist-train");
    /** The rows of Table 1, in the paper's order. */
    public static final List<String> METHODS = List.of("bp", "dfc", "dfc-ssa", "dfc-ss", "dfc-fixed", "dfc-ssa-fixed",
            "dfc-ss-fixed", "dfa");
    /** The mini-batch size of every published run. */
    public static final int BATCH = 128;

    /**
     * One DFC configuration file: forward phase (lr before normalisation, λ, Adam ε, α, k_p, dt, T, τ_v/τ_u, proactive,
     * include non-converged samples), feedback phase (σ_fb, σ_fb of the output layer, lr_fb, lr_fb_init, ε_fb, weight
     * decay, α_fb, k_p_fb, dt_fb, T_fb, τ_v/τ_u, τ_A), the schedule (pre-training epochs, extra feedback epochs), and
     * whether Q_L and Q are trained.
     */
    record Published(double lr, double lambda, double epsilon, double alpha, double kp, double dt, int steps,
                     double tauRatio, boolean proactive, boolean includeNonConverged, double sigma, double sigmaOutput,
                     double lrFeedback, double lrFeedbackInit, double epsilonFeedback, double feedbackDecay,
                     double alphaFeedback, double kpFeedback, double dtFeedback, int stepsFeedback,
                     double tauRatioFeedback, double apicalTauFeedback, int pretrainEpochs, int extraSleepEpochs,
                     boolean trainOutputFeedback, boolean trainFeedback) {}

    private static final Map<String, Published> TABLE1 = new LinkedHashMap<>();
    /** Backprop and DFA: the configured learning rate (before dividing by λ = 0.001) and Adam ε. */
    private static final Map<String, double[]> BASELINES = new LinkedHashMap<>();

    static {
        put("mnist", "dfc", new Published(9.265965477237583e-05, 0.07794471150634391, 9.446010081075931e-08, 0.0013890445062125412, 2.0, 0.02, 1000, 0.2, true, false, 0.001524181852173024, 0.001524181852173024, 0.0005265408146208675, 0.0003170276937521561, 1.5611352228965008e-06, 0.001, 0.6133635688698066, 0.1565387776131571, 0.0020299480251123815, 48, 0.00630250312119787, 0.32469417320648936, 10, 2, true, true));
        put("mnist", "dfc-ss", new Published(9.265965477237583e-05, 0.07794471150634391, 9.446010081075931e-08, 0.0013890445062125412, 2.0, 0.02, 1000, 0.2, true, false, 0.001524181852173024, 0.001524181852173024, 0.0005265408146208675, 0.0003170276937521561, 1.5611352228965008e-06, 0.001, 0.6133635688698066, 0.1565387776131571, 0.0020299480251123815, 48, 0.00630250312119787, 0.32469417320648936, 10, 2, true, true));
        put("mnist", "dfc-ssa", new Published(9.265965477237583e-05, 0.07794471150634391, 9.446010081075931e-08, 0.0013890445062125412, 0.0, 0.001, 300, 0.005, true, false, 0.001524181852173024, 0.001524181852173024, 0.0005265408146208675, 0.0003170276937521561, 1.5611352228965008e-06, 0.001, 0.6133635688698066, 0.1565387776131571, 0.0020299480251123815, 48, 0.00630250312119787, 0.32469417320648936, 10, 2, true, true));
        put("mnist", "dfc-fixed", new Published(6.043454783083358e-05, 0.1, 1.3326841152257578e-08, 0.00024658638831547176, 2.0, 0.02, 500, 0.2, true, false, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.001, 100, 0.005, 0.1, 0, 2, true, false));
        put("mnist", "dfc-ss-fixed", new Published(6.043454783083358e-05, 0.1, 1.3326841152257578e-08, 0.00024658638831547176, 2.0, 0.02, 500, 0.2, true, false, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.001, 100, 0.005, 0.1, 0, 2, true, false));
        put("mnist", "dfc-ssa-fixed", new Published(6.043454783083358e-05, 0.1, 1.3326841152257578e-08, 0.00024658638831547176, 0.0, 0.001, 500, 0.005, true, false, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.001, 100, 0.005, 0.1, 0, 2, true, false));
        put("fmnist", "dfc", new Published(4.406433064602529e-05, 0.056066652694809475, 3.661367432183572e-08, 0.00020607985040655872, 2.0, 0.02, 300, 0.2, false, false, 0.002451309464861252, 0.002451309464861252, 0.00023725294281298016, 0.00045372617633919964, 3.561070445920531e-08, 0.1, 0.23370420882566645, 0.006426940850583915, 0.003097349374603956, 34, 0.00547324603685296, 0.13465111151646356, 10, 2, false, true));
        put("fmnist", "dfc-ss", new Published(4.406433064602529e-05, 0.056066652694809475, 3.661367432183572e-08, 0.00020607985040655872, 2.0, 0.02, 300, 0.2, false, false, 0.002451309464861252, 0.002451309464861252, 0.00023725294281298016, 0.00045372617633919964, 3.561070445920531e-08, 0.1, 0.23370420882566645, 0.006426940850583915, 0.003097349374603956, 34, 0.00547324603685296, 0.13465111151646356, 10, 2, false, true));
        put("fmnist", "dfc-ssa", new Published(4.406433064602529e-05, 0.056066652694809475, 3.661367432183572e-08, 0.00020607985040655872, 0.0, 0.001, 300, 0.005, false, false, 0.002451309464861252, 0.002451309464861252, 0.00023725294281298016, 0.00045372617633919964, 3.561070445920531e-08, 0.1, 0.23370420882566645, 0.006426940850583915, 0.003097349374603956, 34, 0.00547324603685296, 0.13465111151646356, 10, 2, false, true));
        put("fmnist", "dfc-fixed", new Published(5.423883572845198e-05, 0.1, 1.4648080760625163e-10, 0.7985041176538932, 2.0, 0.001, 1500, 0.2, true, true, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.01, 100, 0.005, 0.1, 0, 2, true, false));
        put("fmnist", "dfc-ss-fixed", new Published(5.423883572845198e-05, 0.1, 1.4648080760625163e-10, 0.7985041176538932, 2.0, 0.0005, 3000, 0.2, true, true, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.001, 100, 0.005, 0.1, 0, 2, true, false));
        put("fmnist", "dfc-ssa-fixed", new Published(5.423883572845198e-05, 0.1, 1.4648080760625163e-10, 0.7985041176538932, 0.0, 0.001, 500, 0.005, true, false, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.001, 100, 0.005, 0.1, 0, 2, true, false));
        put("mnist-autoencoder", "dfc", new Published(0.0001867134052079835, 0.02027700334158571, 2.7788915666203028e-08, 0.036883035536535616, 2.0, 0.02, 1000, 0.2, true, false, 0.0018360352597175634, 0.0, 1.2260433974696165e-05, 0.00016397270803247601, 5.849519739358543e-07, 0.1, 0.7332531549909285, 0.006322358048692642, 0.0032644966090448454, 60, 0.006487346213972566, 0.2725371146036905, 15, 2, false, true));
        put("mnist-autoencoder", "dfc-ss", new Published(0.0001867134052079835, 0.02027700334158571, 2.7788915666203028e-08, 0.036883035536535616, 2.0, 0.02, 1000, 0.2, true, false, 0.0018360352597175634, 0.0, 1.2260433974696165e-05, 0.00016397270803247601, 5.849519739358543e-07, 0.1, 0.7332531549909285, 0.006322358048692642, 0.0032644966090448454, 60, 0.006487346213972566, 0.2725371146036905, 15, 2, false, true));
        put("mnist-autoencoder", "dfc-ssa", new Published(0.0001867134052079835, 0.02027700334158571, 2.7788915666203028e-08, 0.036883035536535616, 0.0, 0.001, 300, 0.005, true, false, 0.0018360352597175634, 0.0, 1.2260433974696165e-05, 0.00016397270803247601, 5.849519739358543e-07, 0.1, 0.7332531549909285, 0.006322358048692642, 0.0032644966090448454, 60, 0.006487346213972566, 0.2725371146036905, 15, 2, false, true));
        put("mnist-autoencoder", "dfc-fixed", new Published(5.519455735010572e-06, 0.1, 1.0634245994198083e-07, 0.00018844333984677306, 2.0, 0.0005, 2000, 0.2, true, true, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.001, 100, 0.005, 0.1, 0, 0, false, false));
        put("mnist-autoencoder", "dfc-ss-fixed", new Published(5.519455735010572e-06, 0.1, 1.0634245994198083e-07, 0.00018844333984677306, 2.0, 0.001, 1000, 0.2, true, false, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.001, 100, 0.005, 0.1, 0, 0, false, false));
        put("mnist-autoencoder", "dfc-ssa-fixed", new Published(5.519455735010572e-06, 0.1, 1.0634245994198083e-07, 0.00018844333984677306, 0.0, 0.001, 300, 0.005, true, false, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.001, 100, 0.005, 0.1, 0, 0, false, false));
        put("mnist-train", "dfc", new Published(9.88774546189883e-05, 0.011058354511931722, 3.89555509345032e-08, 4.3429514175241264e-05, 2.0, 0.001, 500, 0.2, false, true, 0.05570975783231214, 0.05570975783231214, 4.445847462337203e-05, 0.0006709473906496064, 2.762631546435506e-07, 0.001, 0.9203526803210136, 0.14321143403721703, 0.0012744699972870549, 44, 0.01321911426052852, 0.14811459525530168, 20, 2, true, true));
        put("mnist-train", "dfc-ss", new Published(9.88774546189883e-05, 0.011058354511931722, 3.89555509345032e-08, 4.3429514175241264e-05, 2.0, 0.001, 1000, 0.2, false, true, 0.05570975783231214, 0.05570975783231214, 4.445847462337203e-05, 0.0006709473906496064, 2.762631546435506e-07, 0.001, 0.9203526803210136, 0.14321143403721703, 0.0012744699972870549, 44, 0.01321911426052852, 0.14811459525530168, 20, 2, true, true));
        put("mnist-train", "dfc-ssa", new Published(9.88774546189883e-05, 0.011058354511931722, 3.89555509345032e-08, 4.3429514175241264e-05, 0.0, 0.0007443486448352245, 500, 0.005, false, false, 0.05570975783231214, 0.05570975783231214, 4.445847462337203e-05, 0.0006709473906496064, 2.762631546435506e-07, 0.001, 0.9203526803210136, 0.14321143403721703, 0.0012744699972870549, 44, 0.01321911426052852, 0.14811459525530168, 20, 2, true, true));
        put("mnist-train", "dfc-fixed", new Published(8.756385365027279e-05, 0.1, 4.517147913426628e-08, 0.0003335356558452598, 2.0, 0.001, 1000, 0.2, true, true, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.001, 100, 0.005, 0.1, 0, 2, true, false));
        put("mnist-train", "dfc-ss-fixed", new Published(8.756385365027279e-05, 0.1, 4.517147913426628e-08, 0.0003335356558452598, 2.0, 0.0005, 2000, 0.2, true, true, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.001, 100, 0.005, 0.1, 0, 2, true, false));
        put("mnist-train", "dfc-ssa-fixed", new Published(8.756385365027279e-05, 0.1, 4.517147913426628e-08, 0.0003335356558452598, 0.0, 0.0005, 2000, 0.005, true, false, 0.15, 0.15, 0.1, 0.1, 1e-08, 0, 1.0, 0.0, 0.001, 100, 0.005, 0.1, 0, 2, true, false));
        BASELINES.put("mnist/bp", new double[] {2.97764587844326e-07, 5.770311627459478e-08});
        BASELINES.put("mnist/dfa", new double[] {2.6298517958226435e-07, 2.483437226361463e-08});
        BASELINES.put("fmnist/bp", new double[] {5.442490245182536e-07, 2.7090253686612157e-08});
        BASELINES.put("fmnist/dfa", new double[] {7.67552163131779e-06, 3.251744567222374e-07});
        BASELINES.put("mnist-autoencoder/bp", new double[] {1.3674117423775684e-06, 9.190510113850847e-07});
        BASELINES.put("mnist-autoencoder/dfa", new double[] {3.150803077207525e-07, 5.150023297495683e-08});
        BASELINES.put("mnist-train/bp", new double[] {1.0185913134203108e-07, 1.406584294335969e-07});
        BASELINES.put("mnist-train/dfa", new double[] {2.6548173042920796e-05, 6.313719401969023e-08});
    }

    private static void put(String dataset, String method, Published p) {
        TABLE1.put(dataset + "/" + method, p);
    }

    private DfcPresets() {}

    /**
     * The run of Table 1 in column {@code dataset} (one of {@link #DATASETS}) and row {@code method} (one of
     * {@link #METHODS}) as published: 784-256-256-256-10 tanh classifiers or the 784-256-32-256-784 tanh-linear-tanh
     * autoencoder, 100 (25) epochs of batch 128.
     */
    public static Preset table1(String dataset, String method) {
        if (!DATASETS.contains(dataset) || !METHODS.contains(method)) {
            throw new IllegalArgumentException("Table 1 has columns " + DATASETS + " and rows " + METHODS + ", got '"
                    + dataset + "', '" + method + "'");
        }
        boolean autoencoder = dataset.equals("mnist-autoencoder");
        NetworkSpec network = autoencoder
                ? DfcNetworks.autoencoder(784, List.of(256, 32, 256), List.of(Nonlinearity.tanh(), Nonlinearity.identity(), Nonlinearity.tanh()))
                : DfcNetworks.classifier(784, List.of(256, 256, 256), 10);
        TrainingOptions training = TrainingOptions.of(autoencoder ? 25 : 100, BATCH);
        String label = DfcPaper.label(method);
        return switch (method) {
            case "bp" -> backprop(label, network, training, BASELINES.get(dataset + "/bp"));
            case "dfa" -> dfa(label, network, training, BASELINES.get(dataset + "/dfa"), 0.001, false);
            default -> dfc(label, network, training, TABLE1.get(dataset + "/" + method), variant(method));
        };
    }

    /**
     * The data of a Table 1 column: MNIST (standardised, as the code's FastMNIST) or Fashion-MNIST (scaled to [0, 1]
     * only), 5,000 training images held out for validation; the autoencoder column is {@link #autoencoderData} on
     * MNIST.
     */
    public static DataSpec table1Data(String dataset) {
        if (dataset.equals("mnist-autoencoder")) {
            return autoencoderData(DatasetName.MNIST);
        }
        boolean fashion = dataset.equals("fmnist");
        return DataSpec.of(fashion ? DatasetName.FASHION_MNIST : DatasetName.MNIST).toBuilder().validation(5000)
                .standardize(!fashion).download(false).build();
    }

    /**
     * The autoencoder column's data on a 28×28 dataset: prepared as the code's MNIST autoencoder (its FastMNIST
     * standardises the images; main.py holds out 5,000 training images for validation), each image its own target.
     */
    public static DataSpec autoencoderData(DatasetName dataset) {
        return DataSpec.of(dataset).toBuilder().validation(5000).standardize(true).download(false).autoencoder(true).build();
    }

    /**
     * A run of Figure 3 (the student-teacher toy, 15-10-10-5 tanh, 300 epochs, SGD): {@code method} is one of dfc,
     * dfc-ss, dfc-ssa with "-fixed" for the weight-product feedback ("FreezeFB"; otherwise "TrainFB", pre-trained for
     * 50 epochs), or dfa.
     */
    public static Preset figure3(String method) {
        NetworkSpec network = DfcNetworks.regression(15, List.of(10, 10), 5);
        TrainingOptions training = TrainingOptions.of(300, BATCH);
        String label = DfcPaper.label(method);
        if (method.equals("dfa")) {
            return dfa(label, network, training, new double[] {0.05, 1e-8}, 0.05, true);
        }
        if (!METHODS.contains(method) || method.equals("bp")) {
            throw new IllegalArgumentException("Figure 3 has dfc, dfc-ss, dfc-ssa (with -fixed) and dfa, got '" + method + "'");
        }
        boolean trained = !method.endsWith("-fixed");
        DfcSpec.Variant variant = variant(method);
        Published p = toy(variant, trained, 1.5, variant == DfcSpec.Variant.DFC_SSA ? 500 : 1000);
        Preset preset = dfc(label, network, training, p, variant);
        return preset.toBuilder().optimizer(Optimizers.DEFAULT, OptimizerSpec.sgd(p.lr() / p.lambda())
                        .toBuilder().clipping(OptimizerSpec.Clipping.PER_TENSOR_NORM).maxNorm(1.0).build())
                .optimizer("feedback", OptimizerSpec.sgd(p.lrFeedback()).toBuilder().weightDecay(p.feedbackDecay())
                        .clipping(OptimizerSpec.Clipping.GLOBAL_NORM).maxNorm(1.0).build())
                .optimizer("feedback_init", OptimizerSpec.sgd(p.lrFeedbackInit()).toBuilder().weightDecay(p.feedbackDecay())
                        .clipping(OptimizerSpec.Clipping.GLOBAL_NORM).maxNorm(1.0).build()).build();
    }

    /**
     * Figure 1D: the toy network 15-10-10-1 with k_p = 1, α = 0.0015, dt = 0.005, T = 2000, τ_v/τ_u = 0.2 and feedback
     * pre-trained for 50 epochs (as Figure 3's), λ = 0.05.
     */
    public static Preset figure1D() {
        Published p = toy(DfcSpec.Variant.DFC_SS, true, 1.0, 2000);
        Preset preset = figure3("dfc-ss").toBuilder().network(DfcNetworks.regression(15, List.of(10, 10), 1)).build();
        return preset.toBuilder().rule(dfcSpec(p, DfcSpec.Variant.DFC_SS)).build();
    }

    /** The student-teacher configuration (configs/toy_experiments), forward lr already per unit λ. */
    private static Published toy(DfcSpec.Variant variant, boolean trained, double kp, int steps) {
        return new Published(0.05, 0.05, 1e-8, 0.0015, kp, 0.005, steps, 0.2, false, true,
                0.01, 0.01, 0.002, 0.1, 1e-8, 0.025, 0.25, 0.1, 0.002, 50, 0.01,
                0.3, trained ? 50 : 0, 2, true, trained);
    }

    private static DfcSpec.Variant variant(String method) {
        if (method.startsWith("dfc-ssa")) {
            return DfcSpec.Variant.DFC_SSA;
        }
        return method.startsWith("dfc-ss") ? DfcSpec.Variant.DFC_SS : DfcSpec.Variant.DFC;
    }

    static DfcSpec dfcSpec(Published p, DfcSpec.Variant variant) {
        Controller forward = new Controller(p.alpha(), p.kp(), p.dt(), p.steps(), p.tauRatio(), 0, p.proactive(), true, 0, 0);
        // the code's sleep phase never passes its proactive flag to the controller, so it is always off there
        Controller sleep = new Controller(p.alphaFeedback(), p.kpFeedback(), p.dtFeedback(), p.stepsFeedback(),
                p.tauRatioFeedback(), p.apicalTauFeedback(), false, true, p.sigma(), p.sigmaOutput());
        return new DfcSpec(variant, p.trainFeedback(), p.lambda(), forward, sleep, p.pretrainEpochs(), p.extraSleepEpochs(),
                0, p.trainOutputFeedback(), p.includeNonConverged());
    }

    private static Preset dfc(String label, NetworkSpec network, TrainingOptions training, Published p, DfcSpec.Variant v) {
        Map<String, OptimizerSpec> opt = new LinkedHashMap<>();
        opt.put(Optimizers.DEFAULT, adam(p.lr() / p.lambda(), p.epsilon()).toBuilder().clipping(OptimizerSpec.Clipping.PER_TENSOR_NORM).maxNorm(1.0).build());
        if (p.trainFeedback()) {
            OptimizerSpec fb = adam(p.lrFeedback(), p.epsilonFeedback()).toBuilder().weightDecay(p.feedbackDecay())
                    .clipping(OptimizerSpec.Clipping.GLOBAL_NORM).maxNorm(1.0).build();
            opt.put("feedback", fb);
            opt.put("feedback_init", fb.toBuilder().learningRate(p.lrFeedbackInit()).build());
        }
        return new Preset(label, network, dfcSpec(p, v), opt, training);
    }

    private static Preset backprop(String label, NetworkSpec network, TrainingOptions training, double[] lrEps) {
        return new Preset(label, network, new BackpropSpec(),
                Map.of(Optimizers.DEFAULT, adam(lrEps[0] / 0.001, lrEps[1])), training);
    }

    /**
     * DFA as the code's DDTP-linear network with frozen random feedback B_i (Xavier-normal, here with the fans of the
     * layer's forward weights, as {@code rules.feedback} draws them): its directions are those of standard DFA scaled
     * by 2λ/B, so in standard scale the ε and per-tensor clipping threshold are multiplied by B/(2λ) (and
     * for SGD the learning rate by 2λ/B) to take the same steps.
     */
    private static Preset dfa(String label, NetworkSpec network, TrainingOptions training, double[] lrEps, double lambda,
                              boolean sgd) {
        double scale = BATCH / (2 * lambda);
        OptimizerSpec o = sgd ? OptimizerSpec.sgd(lrEps[0] / lambda / scale)
                : adam(lrEps[0] / lambda, lrEps[1] * scale);
        RuleSpec rule = new DirectFeedbackAlignmentSpec(new FeedbackInit(Init.xavierNormal()));
        return new Preset(label, network, rule,
                Map.of(Optimizers.DEFAULT, o.toBuilder().clipping(OptimizerSpec.Clipping.PER_TENSOR_NORM).maxNorm(scale).build()), training);
    }

    static OptimizerSpec adam(double lr, double epsilon) {
        return OptimizerSpec.adam(lr).toBuilder().beta1(0.99).beta2(0.99).epsilon(epsilon).build();
    }
}
