package org.creditlab.papers.dfc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.results.Json;
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
 * ({@code table1("fmnist", Method.DFC_SSA)}) and of Figures 1D and 3, with the hyperparameters of the reference code's
 * {@code configs/} folder, named in the resource {@code dfc-presets.json}, and its optimisation conventions:
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
    /** The student-teacher experiment's prefix in {@code dfc-presets.json}, beside Table 1's columns. */
    private static final String FIGURE3 = "figure3";
    /** The mini-batch size of every published run. */
    public static final int BATCH = 128;

    /**
     * One DFC configuration file of the reference code, as {@code dfc-presets.json} (next to this class) names its
     * values. Forward phase: the learning rate before normalisation ({@code lr}), λ ({@code lambda}), Adam's ε, the
     * controller's α, k_p, dt, T ({@code steps}), τ_v/τ_u ({@code tauRatio}), {@code proactive} and whether
     * non-converged samples count. Feedback phase: σ_fb of the hidden and output layers ({@code sigma},
     * {@code sigmaOutput}), the learning rates of the feedback epochs and of pre-training, ε_fb, weight decay, and the
     * sleep controller's α, k_p, dt, T, τ_v/τ_u and τ_A. Then the schedule (pre-training epochs, extra feedback epochs)
     * and whether Q_L and Q are trained.
     */
    record Published(double lr, double lambda, double epsilon, double alpha, double kp, double dt, int steps,
                     double tauRatio, boolean proactive, boolean includeNonConverged, double sigma, double sigmaOutput,
                     double lrFeedback, double lrFeedbackInit, double epsilonFeedback, double feedbackDecay,
                     double alphaFeedback, double kpFeedback, double dtFeedback, int stepsFeedback,
                     double tauRatioFeedback, double apicalTauFeedback, int pretrainEpochs, int extraSleepEpochs,
                     boolean trainOutputFeedback, boolean trainFeedback) {}

    /** Backprop's and DFA's configured learning rate (for Table 1, before dividing by λ = 0.001) and Adam ε. */
    record Baseline(double lr, double epsilon) {}

    private static final JsonNode PRESETS = readPresets();

    /**
     * The configuration named {@code key} in {@code dfc-presets.json}: "mnist/dfc-ssa" (Table 1), "figure3/dfc-fixed"
     * or "figure1D". An entry {@code "like"} another has the other's values but for those it names, so that the
     * file shows how, say, DFC-SSA's configuration differs from DFC's.
     */
    static Published published(String key) {
        ObjectNode values = resolved(PRESETS.get("configurations"), key);
        // a value left out would silently read as 0
        if (values.size() != Published.class.getRecordComponents().length) {
            throw new IllegalStateException("dfc-presets.json: '" + key + "' has " + values.size() + " of the "
                    + Published.class.getRecordComponents().length + " values of a configuration");
        }
        return Json.mapper().convertValue(values, Published.class);
    }

    private static ObjectNode resolved(JsonNode all, String key) {
        JsonNode entry = all.get(key);
        if (entry == null) {
            throw new IllegalArgumentException("dfc-presets.json has no configuration '" + key + "'");
        }
        ObjectNode values = entry.has("like") ? resolved(all, entry.get("like").asText())
                : Json.mapper().createObjectNode();
        entry.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("like")) {
                values.set(f.getKey(), f.getValue());
            }
        });
        return values;
    }

    /** The names of the configurations in {@code dfc-presets.json}. */
    static List<String> publishedNames() {
        List<String> names = new ArrayList<>();
        PRESETS.get("configurations").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Backprop's or DFA's optimizer values: "mnist/bp", "fmnist/dfa", ... or "figure3/dfa". */
    static Baseline baseline(String key) {
        JsonNode b = PRESETS.get("baselines").get(key);
        if (b == null) {
            throw new IllegalArgumentException("dfc-presets.json has no baseline '" + key + "'");
        }
        return Json.mapper().convertValue(b, Baseline.class);
    }

    private static JsonNode readPresets() {
        try (InputStream in = DfcPresets.class.getResourceAsStream("dfc-presets.json")) {
            if (in == null) {
                throw new IllegalStateException("dfc-presets.json is missing from the classpath");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dfc-presets.json", e);
        }
    }

    private DfcPresets() {}

    /**
     * The run of Table 1 in column {@code dataset} (one of {@link #DATASETS}) and row {@code method} as published: 784-256-256-256-10 tanh classifiers or the 784-256-32-256-784 tanh-linear-tanh
     * autoencoder, 100 (25) epochs of batch 128.
     */
    public static Preset table1(String dataset, Method method) {
        if (!DATASETS.contains(dataset)) {
            throw new IllegalArgumentException("Table 1 has columns " + DATASETS + ", got '" + dataset + "'");
        }
        boolean autoencoder = dataset.equals("mnist-autoencoder");
        NetworkSpec network = autoencoder
                ? DfcNetworks.autoencoder(784, List.of(256, 32, 256), List.of(Nonlinearity.tanh(), Nonlinearity.identity(), Nonlinearity.tanh()))
                : DfcNetworks.classifier(784, List.of(256, 256, 256), 10);
        TrainingOptions training = TrainingOptions.of(autoencoder ? 25 : 100, BATCH);
        return switch (method) {
            case BP -> backprop(method.label(), network, training, baseline(key(dataset, method)));
            case DFA -> dfa(method.label(), network, training, baseline(key(dataset, method)), 0.001, false);
            default -> dfc(method.label(), network, training, published(key(dataset, method)), method.variant());
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
        return DataSpec.of(dataset).toBuilder().validation(5000).standardize(true).download(false).autoencoder(true)
                .build();
    }

    /**
     * A run of Figure 3 (the student-teacher toy, 15-10-10-5 tanh, 300 epochs, SGD): {@code method} is a DFC variant,
     * with trained feedback ("TrainFB", pre-trained for 50 epochs) or fixed to the weight product ("FreezeFB"), or DFA.
     */
    public static Preset figure3(Method method) {
        NetworkSpec network = DfcNetworks.regression(15, List.of(10, 10), 5);
        TrainingOptions training = TrainingOptions.of(300, BATCH);
        if (method == Method.DFA) {
            return dfa(method.label(), network, training, baseline(key(FIGURE3, method)), 0.05, true);
        }
        if (!method.isDfc()) {
            throw new IllegalArgumentException("Figure 3 has the DFC variants and DFA, not " + method.label());
        }
        // the student-teacher configuration (configs/toy_experiments): forward lr already per unit λ, and SGD
        Published p = published(key(FIGURE3, method));
        OptimizerSpec feedback = OptimizerSpec.sgd(p.lrFeedback()).toBuilder().weightDecay(p.feedbackDecay())
                .clipping(OptimizerSpec.Clipping.GLOBAL_NORM).maxNorm(1.0).build();
        return dfc(method.label(), network, training, p, method.variant()).toBuilder()
                .optimizer(Optimizers.DEFAULT, OptimizerSpec.sgd(p.lr() / p.lambda()).toBuilder()
                        .clipping(OptimizerSpec.Clipping.PER_TENSOR_NORM).maxNorm(1.0).build())
                .optimizer("feedback", feedback)
                .optimizer("feedback_init", feedback.toBuilder().learningRate(p.lrFeedbackInit()).build())
                .build();
    }

    /**
     * Figure 1D: the toy network 15-10-10-1 with k_p = 1, α = 0.0015, dt = 0.005, T = 2000, τ_v/τ_u = 0.2 and feedback
     * pre-trained for 50 epochs (as Figure 3's), λ = 0.05.
     */
    public static Preset figure1D() {
        return figure3(Method.DFC_SS).toBuilder().network(DfcNetworks.regression(15, List.of(10, 10), 1))
                .rule(dfcSpec(published("figure1D"), DfcSpec.Variant.DFC_SS)).build();
    }

    /** The name in {@code dfc-presets.json} of a method's configuration for a Table 1 column or {@link #FIGURE3}. */
    static String key(String experiment, Method method) {
        return experiment + "/" + method.key();
    }

    static DfcSpec dfcSpec(Published p, DfcSpec.Variant variant) {
        Controller forward = Controller.of(p.alpha(), p.kp(), p.dt(), p.steps(), p.tauRatio(), p.proactive());
        // the code's sleep phase never passes its proactive flag to the controller, so it is always off there
        Controller sleep = Controller.of(p.alphaFeedback(), p.kpFeedback(), p.dtFeedback(), p.stepsFeedback(),
                p.tauRatioFeedback(), false).toBuilder()
                .apicalTau(p.apicalTauFeedback()).sigma(p.sigma()).sigmaOutput(p.sigmaOutput()).build();
        return new DfcSpec().toBuilder().variant(variant).trainFeedback(p.trainFeedback()).targetStepsize(p.lambda())
                .forward(forward).sleep(sleep).pretrainEpochs(p.pretrainEpochs()).extraSleepEpochs(p.extraSleepEpochs())
                .sleepBatches(0).trainOutputFeedback(p.trainOutputFeedback())
                .includeNonConverged(p.includeNonConverged()).build();
    }

    private static Preset dfc(String label, NetworkSpec network, TrainingOptions training, Published p, DfcSpec.Variant v) {
        Map<String, OptimizerSpec> opt = new LinkedHashMap<>();
        opt.put(Optimizers.DEFAULT, adam(p.lr() / p.lambda(), p.epsilon()).toBuilder()
                .clipping(OptimizerSpec.Clipping.PER_TENSOR_NORM).maxNorm(1.0).build());
        if (p.trainFeedback()) {
            OptimizerSpec fb = adam(p.lrFeedback(), p.epsilonFeedback()).toBuilder().weightDecay(p.feedbackDecay())
                    .clipping(OptimizerSpec.Clipping.GLOBAL_NORM).maxNorm(1.0).build();
            opt.put("feedback", fb);
            opt.put("feedback_init", fb.toBuilder().learningRate(p.lrFeedbackInit()).build());
        }
        return new Preset(label, network, dfcSpec(p, v), opt, training);
    }

    private static Preset backprop(String label, NetworkSpec network, TrainingOptions training, Baseline b) {
        return new Preset(label, network, new BackpropSpec(),
                Map.of(Optimizers.DEFAULT, adam(b.lr() / 0.001, b.epsilon())), training);
    }

    /**
     * DFA as the code's DDTP-linear network with frozen random feedback B_i (Xavier-normal, here with the fans of the
     * layer's forward weights, as {@code rules.feedback} draws them): its directions are those of standard DFA scaled
     * by 2λ/B, so in standard scale the ε and per-tensor clipping threshold are multiplied by B/(2λ) (and
     * for SGD the learning rate by 2λ/B) to take the same steps.
     */
    private static Preset dfa(String label, NetworkSpec network, TrainingOptions training, Baseline b, double lambda,
                              boolean sgd) {
        double scale = BATCH / (2 * lambda);
        OptimizerSpec o = sgd ? OptimizerSpec.sgd(b.lr() / lambda / scale) : adam(b.lr() / lambda, b.epsilon() * scale);
        RuleSpec rule = new DirectFeedbackAlignmentSpec(new FeedbackInit(Init.xavierNormal()));
        return new Preset(label, network, rule, Map.of(Optimizers.DEFAULT,
                o.toBuilder().clipping(OptimizerSpec.Clipping.PER_TENSOR_NORM).maxNorm(scale).build()), training);
    }

    static OptimizerSpec adam(double lr, double epsilon) {
        return OptimizerSpec.adam(lr).toBuilder().beta1(0.99).beta2(0.99).epsilon(epsilon).build();
    }
}
