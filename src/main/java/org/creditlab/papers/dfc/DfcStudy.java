package org.creditlab.papers.dfc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.diagnostics.Analyses;
import org.creditlab.diagnostics.ControllerConvergence;
import org.creditlab.diagnostics.ControllerTrace;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.data.StudentTeacher;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.notebook.Profile;
import org.creditlab.notebook.Tables;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.rules.dfc.Controller;
import org.creditlab.rules.dfc.DfcSpec;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.TrainingOptions;

/**
 * The experiments of the DFC notebook at the two scales: FULL runs the published configurations, QUICK a scaled-down
 * version of each that finishes in minutes on two cores. Every run, the student-teacher and autoencoder ones included,
 * is a stored experiment (results/dfc-*), so executing the notebook again loads it and an interrupted run resumes.
 * Every QUICK deviation is listed here:
 *
 * <ul>
 *   <li>less data, fewer epochs and seeds, narrower networks (784-64-64-64-10; a 49-32-8-32-49 autoencoder on 7×7
 *       pooled images, with one learning rate for every method: {@link #autoencoder});</li>
 *   <li>sleep phases limited to a few batches per feedback epoch, with the feedback learning rates raised tenfold
 *       ({@value #FEEDBACK_BOOST}×) so that Q moves further in the few steps it gets (an optimizer step moves Q by
 *       about the learning rate, so the distance is about rate × steps);</li>
 *   <li>the toy's DFC and DFC-SS simulations at dt = 0.02 for T = 250 steps (the same 5 τ_u as dt = 0.005, T = 1000),
 *       and feedback pre-training for 10 (Fig. 1D) or 15 (Fig. 3) instead of 50 epochs.</li>
 * </ul>
 *
 * Every other constant (λ, α, k_p, τ's, σ, Adam's settings, clipping, the sleep schedule) is the published one.
 */
public final class DfcStudy {
    /** QUICK's factor on the feedback learning rates. */
    public static final int FEEDBACK_BOOST = 10;

    private DfcStudy() {}

    /**
     * The seeds of the multi-seed studies: 3 at both scales. The paper averages 5; at paper scale a seed of the
     * simulated variants costs hours on one core, and 3 seeds give the spread the claims are judged on.
     */
    public static long[] seeds(Profile profile) {
        return new long[] {1, 2, 3};
    }

    // ---------------------------------------------------------------- Figure 1D

    /** The toy data of Figures 1D and 3 (15 inputs, the reference code's teacher), with 1 or 5 outputs. */
    public static DataSpec toy(Profile profile, int outputs) {
        return DataSpec.of(profile == Profile.QUICK ? StudentTeacher.reference(15, outputs, 1000, 0, 500, 42)
                : StudentTeacher.reference(15, outputs, 5000, 1000, 1000, 42));
    }

    /** The experiment name of a study at this scale, e.g. "dfc-figure3-quick". */
    private static String name(String study, Profile profile) {
        return "dfc-" + study + (profile == Profile.QUICK ? "-quick" : "");
    }

    /**
     * Fig. 1D: r_L(t), u(t) and r_L* of one sample of the first batch, after the feedback pre-training, as the run kept
     * it when its training ended ({@link Analyses#DFC_CONTROLLER_TRACE}), so from a record too; null when the run is
     * not stored (not trained, as under {@code CREDITLAB_TRAIN=no}) or diverged, which the figure and the findings say.
     */
    public static ControllerTrace figure1D(Profile profile) {
        RunResult run = Runner.standard().run(figure1DExperiment(profile));
        return run.hasResult() ? run.analysis(Analyses.DFC_CONTROLLER_TRACE, ControllerTrace.class) : null;
    }

    /**
     * Fig. 1D's run: a stored one-epoch run whose forward learning rate is 0, so its sleep phase (the pre-training and
     * the first epoch's round) trains Q and its forward weights stay as drawn; it keeps the controller's trace.
     */
    public static Experiment figure1DExperiment(Profile profile) {
        Preset preset = DfcPresets.figure1D();
        if (profile == Profile.QUICK) {
            DfcSpec spec = (DfcSpec) preset.rule();
            preset = quick(preset.toBuilder().rule(spec.toBuilder().pretrainEpochs(10).build()).build(), 0);
        }
        OptimizerSpec forward = preset.optimizers().get(Optimizers.DEFAULT);
        preset = preset.toBuilder().epochs(1).optimizer(Optimizers.DEFAULT, forward.toBuilder().learningRate(0).build())
                .build();
        return preset.experiment(name("figure1d", profile), toy(profile, 1), 1).toBuilder()
                .addAnalyses(Analyses.DFC_CONTROLLER_TRACE).build();
    }

    // ---------------------------------------------------------------- Figure 2

    /** Fig. 2 with the paper's 2000 random matrices and 100 damping values (cheap at both scales). */
    public static FeedbackSpace figure2() {
        return FeedbackSpace.figure2(42, 2000, 100);
    }

    // ---------------------------------------------------------------- Figure 3

    /** The variants of Fig. 3 trained at this scale, in the order of its legend. */
    public static List<Method> figure3Methods(Profile profile) {
        return profile == Profile.QUICK ? List.of(Method.DFC_SSA, Method.DFC_SSA_FIXED, Method.DFA)
                : List.of(Method.DFC, Method.DFC_SS, Method.DFC_SSA, Method.DFC_FIXED, Method.DFC_SS_FIXED,
                        Method.DFC_SSA_FIXED, Method.DFA);
    }

    /** The toy DFC controller as simulated at this scale (QUICK: dt = 0.02, T = 250; same simulated time). */
    public static Controller toyController(Profile profile) {
        Controller c = ((DfcSpec) DfcPresets.figure3(Method.DFC).rule()).forward();
        return profile == Profile.QUICK ? c.toBuilder().dt(0.02).steps(250).build() : c;
    }

    /**
     * Fig. 3: each variant trained on the student-teacher task with the paper's measures recorded every epoch
     * ({@link DfcDiagnostics}, γ = 0.1; the DFC and DFC-SS updates the toy controller would produce on the probe batch
     * are compared with DFC-SSA's along every run).
     */
    public static Map<Method, List<MetricsTable>> figure3(Profile profile) {
        DataSpec data = toy(profile, 5);
        Controller controller = toyController(profile);
        long[] seeds = profile == Profile.QUICK ? new long[] {1} : new long[] {1, 2, 3};
        // the epoch's convergence counts are read before the diagnostics' probe step adds to them
        Runner runner = Runner.standard().listen(new ControllerConvergence())
                .listen(DfcDiagnostics.standard().withSimulated(controller));
        Map<Method, List<MetricsTable>> out = new LinkedHashMap<>();
        for (Method method : figure3Methods(profile)) {
            Preset p = DfcPresets.figure3(method);
            if (profile == Profile.QUICK && p.rule() instanceof DfcSpec s) {
                DfcSpec.Builder q = s.toBuilder().pretrainEpochs(s.trainFeedback() ? 15 : 0);
                if (s.variant() != DfcSpec.Variant.DFC_SSA) {
                    q.forward(controller.toBuilder().kp(s.forward().kp()).build());
                }
                p = quick(p.toBuilder().rule(q.build()).build(), 0);
            }
            if (profile == Profile.QUICK) {
                p = p.toBuilder().epochs(15).build();
            }
            out.put(method, SeedRuns.of(p.label(), p.experiment(name("figure3", profile), data, 1), runner, seeds).metrics());
        }
        return out;
    }

    // ---------------------------------------------------------------- Table 1

    /** Whether a Table 1 column's dataset is on this machine (MNIST columns need MNIST). */
    public static boolean present(String column) {
        return Datasets.isPresent(column.equals("fmnist") ? DatasetName.FASHION_MNIST : DatasetName.MNIST);
    }

    /** The Table 1 rows run at this scale. */
    public static List<Method> table1Methods(Profile profile) {
        return profile == Profile.QUICK ? List.of(Method.BP, Method.DFA, Method.DFC_SSA, Method.DFC_SSA_FIXED, Method.DFC_SS)
                : List.of(Method.values());
    }

    /**
     * A classification column of Table 1 (fmnist, or mnist when present): each method run for every seed as a stored
     * experiment (results/dfc-table1-*), so a second run of the notebook loads them.
     */
    public static Map<Method, List<MetricsTable>> table1(Profile profile, String column) {
        return table1(profile, column, table1Methods(profile));
    }

    /** The rows {@code methods} of a classification column of Table 1, in that order (a paper-scale job's priorities). */
    public static Map<Method, List<MetricsTable>> table1(Profile profile, String column, List<Method> methods) {
        Map<Method, List<MetricsTable>> out = new LinkedHashMap<>();
        SeedRuns.Batch<Method> batch = SeedRuns.batch(table1Runner());
        for (Method method : methods) {
            batch.add(method, method.label(), table1Experiment(profile, column, method), seeds(profile));
        }
        batch.run().forEach((method, runs) -> out.put(method, runs.metrics()));
        return out;
    }

    /** How Table 1's runs are run: each records its controller's convergence (part of the run's configuration). */
    public static Runner table1Runner() {
        return Runner.standard().diagnose(Diagnostics.CONTROLLER_CONVERGENCE);
    }

    /**
     * Epochs of the trained-feedback rows (DFC, DFC-SSA, DFC-SS) in a FULL classification column, in place of the
     * published 100: their sleep phase makes an epoch cost 16 (DFC-SSA) to 80 (DFC) backprop epochs, and BP's validation
     * accuracy levels off by about epoch 25 (docs/paper-scale.md). Adam's rate is constant, so these epochs are the
     * first 30 of the published run.
     */
    public static final int TRAINED_FEEDBACK_EPOCHS = 30;

    /**
     * Epochs of the DFC row (trained feedback, simulated to steady state) in a FULL classification column: its epoch
     * costs 50-80 backprop epochs (about 400 s on one core), so 30 epochs take 3.5-5 hours a run, longer than a
     * working session on a machine that is not kept; at 8 epochs its three seeds finish within one on 2 cores. Table 1
     * compares it with the other rows within the same 8 epochs (DfcTables.table1, DfcFindings.closeToBp).
     */
    public static final int SIMULATED_DFC_EPOCHS = 8;

    /** Whether Table 1's {@code column} runs {@code method} for fewer than the published epochs at this scale. */
    public static boolean shortened(Profile profile, String column, Method method) {
        return profile == Profile.FULL && method.trainedFeedback() && !column.startsWith("mnist-");
    }

    /**
     * The epochs Table 1's {@code column} plans for {@code method} at this scale: {@link #SIMULATED_DFC_EPOCHS} for DFC
     * and {@link #TRAINED_FEEDBACK_EPOCHS} for the other trained-feedback rows where {@link #shortened}, otherwise the
     * preset's (the published number at FULL).
     */
    public static int table1Epochs(Profile profile, String column, Method method) {
        if (!shortened(profile, column, method)) {
            return DfcPresets.table1(column, method).training().epochs();
        }
        return method == Method.DFC ? SIMULATED_DFC_EPOCHS : TRAINED_FEEDBACK_EPOCHS;
    }

    /** The run of Table 1's {@code column} and row {@code method} at this scale, with seed 1. */
    public static Experiment table1Experiment(Profile profile, String column, Method method) {
        Preset p = DfcPresets.table1(column, method);
        if (shortened(profile, column, method)) {
            p = p.toBuilder().epochs(table1Epochs(profile, column, method)).build();
        }
        if (profile == Profile.QUICK) {
            p = quick(p.toBuilder().network(DfcNetworks.classifier(784, List.of(64, 64, 64), 10))
                    .training(TrainingOptions.of(3, DfcPresets.BATCH)).build(), 6);
        }
        DataSpec data = profile == Profile.QUICK
                ? DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(1500).testLimit(2000).download(false)
                        .build()
                : DfcPresets.table1Data(column);
        return p.experiment("dfc-table1-" + column + (profile == Profile.QUICK ? "-quick" : ""), data, 1);
    }

    /**
     * The MNIST columns of Table 1 (classification, autoencoder, training loss): run as published in FULL when MNIST
     * is present, otherwise a line saying why they are not filled.
     */
    public static String mnistColumns(Profile profile) {
        if (!present("mnist")) {
            return "Table 1 columns mnist, mnist-autoencoder, mnist-train: not present (MNIST is not on this machine)";
        }
        if (profile == Profile.QUICK) {
            return "MNIST is present: the FULL profile runs the columns mnist, mnist-autoencoder and mnist-train as published";
        }
        StringBuilder sb = new StringBuilder();
        for (String column : List.of("mnist", "mnist-autoencoder", "mnist-train")) {
            sb.append(Tables.text(DfcTables.table1("Table 1, " + column, column, table1(profile, column))));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- autoencoder

    /** The autoencoder methods compared: trained vs fixed feedback (DFC-SSA), DFA, and BP. */
    public static List<Method> autoencoderMethods() {
        return List.of(Method.BP, Method.DFC_SSA, Method.DFC_SSA_FIXED, Method.DFA);
    }

    /**
     * The autoencoder comparison on Fashion-MNIST (MNIST is not on this machine), each method and seed a stored
     * experiment (results/dfc-autoencoder*).
     *
     * <p>FULL runs the published configuration ({@code DfcPresets.table1("mnist-autoencoder", method)}): the
     * 784-256-32-256-784 tanh-linear-tanh network with a linear output, 25 epochs of batch 128, Adam (0.99, 0.99) and
     * each method's own published rate (9.2e-3 for DFC with trained feedback, 5.5e-5 with fixed feedback, 1.37e-3 for
     * backprop), on standardised images with 5,000 held out for validation ({@link DfcPresets#autoencoderData}).
     *
     * <p>QUICK runs an analogue: images average-pooled to 7×7 and a 49-32-8-32-49 network, so that the per-sample
     * 49×49 solves of DFC-SSA stay affordable, with every method at backprop's published 1.37e-3 (the published 9.2e-3
     * makes DFC-SSA's loss rise after the first epoch on this small network), so that it compares update directions at
     * equal step sizes.
     */
    public static Map<Method, List<MetricsTable>> autoencoder(Profile profile) {
        Map<Method, List<MetricsTable>> out = new LinkedHashMap<>();
        long[] seeds = profile == Profile.QUICK ? new long[] {1, 2} : seeds(profile);
        SeedRuns.Batch<Method> batch = SeedRuns.batch(Runner.standard().diagnose(Diagnostics.CONTROLLER_CONVERGENCE));
        for (Method method : autoencoderMethods()) {
            Preset p = autoencoderPreset(profile, method);
            batch.add(method, p.label(), p.experiment(name("autoencoder", profile), autoencoderData(profile), 1), seeds);
        }
        batch.run().forEach((method, runs) -> out.put(method, runs.metrics()));
        return out;
    }

    /** The autoencoder's data at this scale: Fashion-MNIST, pooled to 7×7 and reduced in QUICK. */
    public static DataSpec autoencoderData(Profile profile) {
        if (profile == Profile.QUICK) {
            return DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(1500).testLimit(1000).download(false)
                    .pool(4).autoencoder(true).build();
        }
        return DfcPresets.autoencoderData(DatasetName.FASHION_MNIST);
    }

    /** The autoencoder run of {@code method} at this scale (see {@link #autoencoder}). */
    public static Preset autoencoderPreset(Profile profile, Method method) {
        Preset p = DfcPresets.table1("mnist-autoencoder", method);
        if (profile != Profile.QUICK) {
            return p;
        }
        p = p.toBuilder().network(DfcNetworks.autoencoder(49, List.of(32, 8, 32),
                List.of(Nonlinearity.tanh(), Nonlinearity.identity(), Nonlinearity.tanh()))).build();
        OptimizerSpec forward = p.optimizers().get(Optimizers.DEFAULT);
        p = p.toBuilder().optimizer(Optimizers.DEFAULT, forward.toBuilder().learningRate(AUTOENCODER_LR).build()).build();
        return quick(p.toBuilder().training(TrainingOptions.of(4, DfcPresets.BATCH)).build(), 6);
    }

    /** What the autoencoder comparison runs at this scale, for titles. */
    public static String autoencoderSetting(Profile profile) {
        return profile == Profile.QUICK ? "Fashion-MNIST 7×7, 49-32-8-32-49, one learning rate"
                : "Fashion-MNIST, 784-256-32-256-784, published rates";
    }

    /** The forward learning rate of every method in the QUICK autoencoder analogue: backprop's published 1.37e-3. */
    public static final double AUTOENCODER_LR = 1.3674117423775684e-06 / 0.001;

    /**
     * The QUICK version of a DFC preset: at most {@code sleepBatches} batches per feedback epoch (0: all), feedback
     * learning rates ×{@value #FEEDBACK_BOOST} (other presets unchanged).
     */
    static Preset quick(Preset p, int sleepBatches) {
        if (!(p.rule() instanceof DfcSpec s)) {
            return p;
        }
        Preset out = p.toBuilder().rule(s.toBuilder().sleepBatches(sleepBatches).build()).build();
        for (String group : List.of("feedback", "feedback_init")) {
            OptimizerSpec o = out.optimizers().get(group);
            if (o != null) {
                out = out.toBuilder().optimizer(group, o.toBuilder().learningRate(FEEDBACK_BOOST * o.learningRate())
                        .build()).build();
            }
        }
        return out;
    }
}
