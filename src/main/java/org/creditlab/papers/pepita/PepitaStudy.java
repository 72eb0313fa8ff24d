package org.creditlab.papers.pepita;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.Runner;
import org.creditlab.notebook.Profile;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.pepita.PepitaSpec;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.train.ConsoleProgress;

/**
 * The runs of the PEPITA notebook, at the scale of a {@link Profile}. FULL is the papers' scale: 100 epochs on all of
 * every dataset present, three seeds. QUICK runs Fashion-MNIST only, on a stratified subset (6,000 training and 2,000
 * test images) for 8 epochs, with the learning-rate steps moved in proportion (epochs 5 and 7 instead of 60 and 90);
 * the follow-up's deeper networks use 256 hidden units and one seed, and its update modes 2,000 training and 1,000 test
 * images for 3 epochs. Every run is stored under {@code results/pepita/}
 * (and {@code results/pepita-follow-up/}), so a second execution loads instead of training.
 */
public final class PepitaStudy {
    /** The datasets of the ICML paper's table, and Fashion-MNIST, which the notebook runs on. */
    public static final List<DatasetName> DATASETS =
            List.of(DatasetName.MNIST, DatasetName.CIFAR10, DatasetName.CIFAR100, DatasetName.FASHION_MNIST);

    private final Profile profile;

    private PepitaStudy(Profile profile) {
        this.profile = profile;
    }

    public static PepitaStudy of(Profile profile) {
        return new PepitaStudy(profile);
    }

    public Profile profile() { return profile; }
    public int epochs() { return profile.pick(8, PepitaPresets.EPOCHS); }
    public long[] seeds() { return new long[] {1, 2, 3}; }
    /** Seeds of the sensitivity and follow-up sweeps. */
    public long[] sweepSeeds() { return profile.pick(new long[] {1}, seeds()); }
    /** Hidden width of the follow-up's 1–3-layer networks. */
    public int followUpWidth() { return profile.pick(256, 1024); }

    /** Whether a dataset is run in this profile: present here, and Fashion-MNIST only in QUICK. */
    public boolean runs(DatasetName d) {
        return Datasets.isPresent(d) && (profile == Profile.FULL || d == DatasetName.FASHION_MNIST);
    }

    public DataSpec data(DatasetName d) {
        return PepitaPresets.data(d, profile.pick(6_000, 0), profile.pick(2_000, 0));
    }

    /**
     * Stores runs, records the alignment diagnostics in every run's table (those that need a dense first layer skip
     * convolutional runs) and shows a line per epoch of each run being trained. It attaches no listener of its own, so
     * that a batch of runs trains on every worker at once (a shared listener would make them train one after another).
     */
    public static Runner runner() {
        return Runner.standard().progress(ConsoleProgress.epochsOnly())
                .diagnose(Diagnostics.PROJECTION_ALIGNMENT, Diagnostics.AFA_ALIGNMENT);
    }

    public Experiment experiment(DatasetName d, Method m) {
        return PepitaPresets.experiment("pepita", data(d), m.spec(d), epochs(), seeds()[0]);
    }

    /** The ICML comparison on {@code d}: every method with every seed. */
    public Map<Method, SeedRuns> compare(DatasetName d) {
        SeedRuns.Batch<Method> batch = SeedRuns.batch(runner());
        for (Method m : Method.values()) {
            batch.add(m, m.label(), experiment(d, m), seeds());
        }
        return batch.run();
    }

    /**
     * A learning rate at which PEPITA trains stably on Fashion-MNIST: the MNIST preset's 0.1 makes its weights and
     * cross-entropy grow without bound there, in the authors' code as in ours, where at 0.01 their code trains normally
     * (docs/paper-scale.md, "PEPITA"); it is also the ICML tutorial's CIFAR rate. The steps at epochs 60 and 90 stay.
     */
    public static final double STABLE_LR = 0.01;

    /** PEPITA on {@code d} as in {@link #compare}, but at {@link #STABLE_LR}: a check of why it falls behind BP there. */
    public Experiment stableRateExperiment(DatasetName d) {
        return experiment(d, Method.PEPITA).toBuilder().name("pepita-stable-rate")
                .optimizer(PepitaPresets.optimizer(STABLE_LR, epochs())).build();
    }

    /** PEPITA's seeds on {@code d} at {@link #STABLE_LR}. */
    public SeedRuns stableRate(DatasetName d) {
        return SeedRuns.batch(runner()).add("stable", "PEPITA (η = " + STABLE_LR + ")", stableRateExperiment(d), seeds())
                .run().get("stable");
    }

    /** The comparison on every dataset this profile runs (Fashion-MNIST in QUICK; each one present in FULL). */
    public Map<DatasetName, Map<Method, SeedRuns>> compareAll() {
        Map<DatasetName, Map<Method, SeedRuns>> out = new LinkedHashMap<>();
        for (DatasetName d : DATASETS) {
            if (runs(d)) {
                out.put(d, compare(d));
            }
        }
        return out;
    }

    /** The code's default scale of F ("Bstd"), the sensitivity sweep's reference. */
    public static final double DEFAULT_SCALE = new PepitaSpec().projectionScale();

    /** The scales of F of the sensitivity sweep ({@link #DEFAULT_SCALE} among them). */
    public double[] projectionScales() {
        return profile.pick(new double[] {0.005, 0.05, 0.5}, new double[] {0.005, 0.01, 0.05, 0.1, 0.5});
    }

    /** The slowness window: chance plus the epochs before the first learning-rate step (60 at 100 epochs). */
    public int slownessWindow() {
        return PepitaFigures.slownessWindow(epochs());
    }

    /**
     * PEPITA with F = U(±s·√(6/d)) for each scale s (the paper's robustness to σ_F), at {@link #STABLE_LR}: at the
     * preset's 0.1 the default scale's weights already diverge on Fashion-MNIST, so a sweep there would compare
     * divergences, not scales. The default scale's runs are {@link #stableRate}'s (every seed); the others run
     * {@link #sweepSeeds()}.
     */
    public Map<Double, SeedRuns> projectionScales(DatasetName d, double... scales) {
        SeedRuns.Batch<Double> batch = SeedRuns.batch(runner());
        for (double s : scales) {
            batch.add(s, "s = " + s, scaleExperiment(d, s), s == DEFAULT_SCALE ? seeds() : sweepSeeds());
        }
        return batch.run();
    }

    /**
     * The sweep's run at scale {@code s}: {@link #stableRateExperiment} itself at the default scale, else the same with
     * F's scale changed, stored as "pepita-scales".
     */
    public Experiment scaleExperiment(DatasetName d, double s) {
        Experiment stable = stableRateExperiment(d);
        if (s == DEFAULT_SCALE) {
            return stable;
        }
        PepitaSpec rule = (PepitaSpec) stable.rule();
        return stable.toBuilder().name("pepita-scales").rule(rule.toBuilder().projectionScale(s).build()).build();
    }

    /** Epochs of the conv comparison (QUICK: fewer than the FC comparison, as a conv epoch costs more). */
    public int convEpochs() { return profile.pick(4, PepitaPresets.EPOCHS); }
    /** Seeds of the conv comparison (two in QUICK). */
    public long[] convSeeds() { return profile.pick(new long[] {1, 2}, seeds()); }

    /** The conv comparison's dataset: CIFAR-10 in FULL when it is present (Net1conv1fcXL_cif), else Fashion-MNIST. */
    public DatasetName convDataset() {
        return profile == Profile.FULL && Datasets.isPresent(DatasetName.CIFAR10) ? DatasetName.CIFAR10 : DatasetName.FASHION_MNIST;
    }

    /** The conv comparison's methods: BP, PEPITA with the dense layers' conventions, and the authors' conv code. */
    public static Map<String, RuleSpec> convMethods() {
        Map<String, RuleSpec> m = new LinkedHashMap<>();
        m.put(Method.BP.label(), Method.BP.spec());
        m.put("PEPITA", new PepitaSpec());
        m.put("PEPITA (authors' conv code)", PepitaSpec.convolutional());
        return m;
    }

    /**
     * The ICML conv comparison on {@code d} ({@code Net1conv1fcXL}, or {@code _cif} for CIFAR): every method of
     * {@link #convMethods()} with {@link #convSeeds()}.
     */
    public Map<String, SeedRuns> convolutional(DatasetName d) {
        SeedRuns.Batch<String> batch = SeedRuns.batch(runner());
        convMethods().forEach((label, rule) -> batch.add(label, label,
                PepitaPresets.convolutional("pepita-conv", data(d), rule, convEpochs(), 1), convSeeds()));
        return batch.run();
    }

    /** The follow-up's networks have 1 to this many hidden layers (its Table 2 and Fig. 3). */
    public static final int FOLLOW_UP_DEPTHS = 3;

    /** Epochs of the update-mode comparison (QUICK: 3, on {@link #modeData}'s smaller subset). */
    public int modeEpochs() { return profile.pick(3, PepitaPresets.EPOCHS); }

    /** The update-mode comparison's data: QUICK 2,000 training and 1,000 test images (stratified); FULL all. */
    public DataSpec modeData(DatasetName d) {
        return PepitaPresets.data(d, profile.pick(2_000, 0), profile.pick(1_000, 0));
    }

    /**
     * The follow-up's update modes ({@link PepitaPresets#followUpModes()}) and BP, each with 1, 2 and 3 hidden layers
     * of {@link #followUpWidth()} units, on the follow-up's presets at this profile's scale ({@link #modeData},
     * {@link #modeEpochs()}, {@link #sweepSeeds()}).
     */
    public Map<String, Map<Integer, SeedRuns>> modes(DatasetName d) {
        return modes(d, FOLLOW_UP_DEPTHS);
    }

    /** {@link #modes(DatasetName)} with 1 to {@code maxDepth} hidden layers only. */
    public Map<String, Map<Integer, SeedRuns>> modes(DatasetName d, int maxDepth) {
        return modes(modeData(d), followUpWidth(), maxDepth, modeEpochs(), sweepSeeds(), runner());
    }

    /**
     * The update-mode comparison at an explicit scale: every mode of {@link PepitaPresets#followUpModes()} and BP, on
     * the follow-up's original-PEPITA preset with 1 to {@code maxDepth} hidden layers of {@code width} units. Stored
     * under the follow-up's experiment name, so that a FULL run of the modulated mode or of BP is the follow-up
     * comparison's own run, loaded.
     */
    public static Map<String, Map<Integer, SeedRuns>> modes(DataSpec data, int width, int maxDepth, int epochs,
                                                           long[] seeds, Runner runner) {
        Map<String, RuleSpec> rules = new LinkedHashMap<>();
        PepitaPresets.followUpModes().forEach((label, mode) -> rules.put(label, PepitaSpec.followUp().toBuilder()
                .mode(mode).build()));
        rules.put(Method.BP.label(), Method.BP.spec());
        SeedRuns.Batch<List<Object>> batch = SeedRuns.batch(runner);
        for (int depth = 1; depth <= maxDepth; depth++) {
            Experiment base = PepitaPresets.followUp("pepita-follow-up", data, Collections.nCopies(depth, width),
                    PepitaPresets.FollowUp.PEPITA, epochs, 1);
            final int k = depth;
            rules.forEach((label, rule) -> batch.add(List.of(label, k), label, base.toBuilder().rule(rule).build(), seeds));
        }
        return byLabelAndDepth(batch.run());
    }

    /** Runs keyed (label, depth), as label → depth → runs. */
    private static Map<String, Map<Integer, SeedRuns>> byLabelAndDepth(Map<List<Object>, SeedRuns> runs) {
        Map<String, Map<Integer, SeedRuns>> out = new LinkedHashMap<>();
        runs.forEach((key, r) -> out.computeIfAbsent((String) key.get(0), k -> new LinkedHashMap<>()).put((Integer) key.get(1), r));
        return out;
    }

    /** The follow-up's comparison: each variant (and BP) with 1 to {@link #FOLLOW_UP_DEPTHS} hidden layers. */
    public Map<String, Map<Integer, SeedRuns>> followUp(DatasetName d) {
        return followUp(d, FOLLOW_UP_DEPTHS);
    }

    /**
     * {@link #followUp(DatasetName)} with 1 to {@code maxDepth} hidden layers only: at paper scale the deeper networks
     * cost several times the one-layer network's time, so a machine may run the shallow ones first.
     */
    public Map<String, Map<Integer, SeedRuns>> followUp(DatasetName d, int maxDepth) {
        SeedRuns.Batch<List<Object>> batch = SeedRuns.batch(runner());
        int w = followUpWidth();
        for (int depth = 1; depth <= maxDepth; depth++) {
            List<Integer> hidden = Collections.nCopies(depth, w);
            for (PepitaPresets.FollowUp v : PepitaPresets.FollowUp.values()) {
                Experiment e = PepitaPresets.followUp("pepita-follow-up", data(d), hidden, v, epochs(), 1);
                batch.add(List.of(v.label(), depth), v.label(), e, sweepSeeds());
            }
            Experiment bp = PepitaPresets.followUp("pepita-follow-up", data(d), hidden, PepitaPresets.FollowUp.PEPITA, epochs(), 1)
                    .toBuilder().rule(Method.BP.spec()).build();
            batch.add(List.of("BP", depth), "BP", bp, sweepSeeds());
        }
        return byLabelAndDepth(batch.run());
    }
}
