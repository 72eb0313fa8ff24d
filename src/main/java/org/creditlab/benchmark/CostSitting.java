package org.creditlab.benchmark;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.creditlab.data.DataSpec;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.train.MetricsTable;
import org.creditlab.util.BlasInfo;
import org.creditlab.util.MachineInfo;

/**
 * Times every chosen setting of a benchmark against backprop's in one process, one after the other, so that the time
 * column compares epochs run on the same machine in the same minutes ({@link EpochCosts}).
 *
 * <p>Each timed run is the chosen setting (its search trial: same rule, metaparameters, network, batch and seed) on a
 * stratified subset of {@code images} training images, for {@link #EPOCHS} epochs; the first pays the JIT's warm-up
 * and is not counted. Every rule's cost scales with the images as backprop's does (DFC's sleep phase walks the same
 * batches), so the ratio on a subset is the ratio on the full set. In each round the rules run in the table's order,
 * each between two backprop runs; a rule's ratio is the median over rounds of its cost over the mean of its two
 * neighbours'. Nothing is stored but the result: the runs neither checkpoint nor record.
 */
public final class CostSitting {
    /** Epochs per timed run: one to warm up, two to time. */
    public static final int EPOCHS = 3;

    /** Validation and test images of the timed runs: evaluation is not timed, so it is kept small. */
    private static final int EVALUATION_IMAGES = 1000;

    private CostSitting() {}

    /**
     * Times the rules of {@code result} that have a chosen setting, backprop's first (which must have one). {@code say}
     * gets a line per timed run.
     */
    public static EpochCosts measure(BenchmarkResult result, int images, int rounds, Runner runner, Consumer<String> say) {
        if (images < 2 * result.scale().batchSize() || rounds < 1) {
            throw new IllegalArgumentException("a timing needs at least two batches of images (" + 2 * result.scale().batchSize()
                    + ") and one round, got " + images + " images and " + rounds + " rounds");
        }
        RuleResult bp = result.rule(BenchmarkTable.REFERENCE).filter(r -> r.chosen() != null).orElseThrow(() ->
                new IllegalStateException("backprop has no chosen setting yet (its search is not complete): every ratio is "
                        + "taken against it, so run its search first ('benchmark run --rules bp')"));
        List<RuleResult> timed = result.rules().stream().filter(r -> r.chosen() != null && r != bp).toList();
        result.rules().stream().filter(r -> r.chosen() == null && r.refusal() == null).forEach(r ->
                say.accept("timing: " + r.name() + " has no chosen setting yet (its search is not complete); not timed"));
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String machine = MachineInfo.cpuModel() + ", " + MachineInfo.cores() + " cores; " + BlasInfo.describe()
                + "; OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + "; load average before " + MachineInfo.loadAverage();
        say.accept("timing " + (timed.size() + 1) + " rules on " + images + " images, " + rounds + " round(s), " + EPOCHS
                + " epochs a run (the first not counted); " + machine);
        Experiment bpRun = timedRun(bp.chosen().run().experiment(), images);
        double[][] rule = new double[timed.size()][rounds];
        double[][] reference = new double[timed.size()][rounds];
        boolean[] failed = new boolean[timed.size()];
        for (int round = 0; round < rounds; round++) {
            double before = reference(cost(bpRun, result.scale(), runner, say, round, rounds), bpRun);
            for (int i = 0; i < timed.size(); i++) {
                if (failed[i]) {
                    continue; // the same seed would fail the same way again
                }
                rule[i][round] = cost(timedRun(timed.get(i).chosen().run().experiment(), images), result.scale(), runner, say,
                        round, rounds);
                failed[i] = Double.isNaN(rule[i][round]);
                double after = reference(cost(bpRun, result.scale(), runner, say, round, rounds), bpRun);
                reference[i][round] = (before + after) / 2;
                before = after;
            }
        }
        List<EpochCosts.RuleCost> costs = new ArrayList<>();
        costs.add(new EpochCosts.RuleCost(bp.name(), bp.chosen().run().experiment().runId(), new double[0], new double[0], 1.0));
        for (int i = 0; i < timed.size(); i++) {
            if (failed[i]) {
                say.accept("timing: " + timed.get(i).name() + " is left out of the sitting: its timed run did not finish");
                continue;
            }
            double[] ratios = new double[rounds];
            for (int k = 0; k < rounds; k++) {
                ratios[k] = rule[i][k] / reference[i][k];
            }
            costs.add(new EpochCosts.RuleCost(timed.get(i).name(), timed.get(i).chosen().run().experiment().runId(), rule[i],
                    reference[i], BenchmarkTable.median(ratios)));
        }
        return new EpochCosts(BenchmarkPresets.experimentName(result.scale()), started, machine, images, rounds, costs);
    }

    /** The chosen setting's run as timed: a subset of the training images, few evaluation images, no diagnostics but the phase's time. */
    static Experiment timedRun(Experiment chosen, int images) {
        DataSpec data = chosen.data().toBuilder().trainLimit(images).validation(Math.min(chosen.data().validation(), EVALUATION_IMAGES))
                .testLimit(EVALUATION_IMAGES).build();
        return new Experiment(chosen.name() + "-timing", data, chosen.network(), chosen.rule(), chosen.optimizers(),
                chosen.training().toBuilder().epochs(EPOCHS).build(), chosen.seed(), List.of(Diagnostics.PHASE_TIME), List.of());
    }

    /** Backprop's cost, which every ratio needs: a timed run of it that did not finish stops the sitting. */
    private static double reference(double cost, Experiment bp) {
        if (Double.isNaN(cost)) {
            throw new IllegalStateException("timing: backprop's timed run (" + bp.runId() + ") did not finish " + EPOCHS
                    + " epochs, and every ratio is taken against it; see the message above");
        }
        return cost;
    }

    /**
     * A timed run's cost per epoch, or NaN (said why) if it did not finish its epochs: a chosen setting can diverge on
     * the subset, where its full run did not.
     */
    private static double cost(Experiment e, BenchmarkScale s, Runner runner, Consumer<String> say, int round, int rounds) {
        RunResult r = runner.run(e);
        if (r.diverged() || r.metrics() == null || r.metrics().epochs() < EPOCHS) {
            say.accept("timing " + e.ruleName() + ": its timed run did not finish " + EPOCHS + " epochs ("
                    + (r.diverged() ? "it diverged: " + r.message() : r.whyNoResult()) + ")");
            return Double.NaN;
        }
        double c = epochCost(r.metrics(), s.epochs());
        say.accept(String.format(Locale.ROOT, "timing round %d of %d: %s %.3f s an epoch", round + 1, rounds, e.ruleName(), c));
        return c;
    }

    /**
     * An epoch's cost in a timed run: the mean over the epochs after the first of the batches' time ({@code seconds})
     * and the rule's phase before the epoch ({@code phase_seconds}), plus the first epoch's one-off phase (DFC's
     * feedback pre-training, beyond the phase every epoch has) spread over the benchmark's {@code epochs}.
     */
    public static double epochCost(MetricsTable m, int epochs) {
        double[] seconds = m.column("seconds");
        double[] phase = Arrays.stream(m.column("phase_seconds")).map(v -> Double.isFinite(v) ? v : 0).toArray();
        double perEpoch = 0;
        double phaseLater = 0;
        for (int e = 1; e < seconds.length; e++) {
            perEpoch += seconds[e] + phase[e];
            phaseLater += phase[e];
        }
        int counted = seconds.length - 1;
        double oneOff = Math.max(0, phase[0] - phaseLater / counted);
        return perEpoch / counted + oneOff / epochs;
    }
}
