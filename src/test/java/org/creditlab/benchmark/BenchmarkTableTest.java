package org.creditlab.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.creditlab.benchmark.BenchmarkTable.Row;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.notebook.Profile;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.sweep.Summary;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.junit.jupiter.api.Test;

/** The table's numbers from hand-made runs whose answers are known. */
class BenchmarkTableTest {
    private static final BenchmarkScale TINY = BenchmarkScale.of(Profile.QUICK).toBuilder().trainExamples(100).validation(50).testExamples(50).hidden(List.of(8, 8))
            .batchSize(10).trials(1).probe(10).build();

    /** A run's metrics: one row per epoch, the given seconds, and the last epoch's other columns. */
    private static MetricsTable metrics(double[] seconds, Map<String, Double> last) {
        List<EpochRecord> rows = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            EpochRecord r = new EpochRecord().put("epoch", i + 1).put("seconds", seconds[i]);
            if (i == seconds.length - 1) {
                last.forEach(r::put);
            }
            rows.add(r);
        }
        return new MetricsTable("t", rows);
    }

    @Test
    void gapIsBackpropsMeanMinusTheRulesInPoints() {
        Summary bp = Summary.of(new double[] {0.90, 0.92});
        Summary rule = Summary.of(new double[] {0.80, 0.82});
        assertEquals(10.0, BenchmarkTable.gap(rule, bp), 1e-9);
        assertEquals(-10.0, BenchmarkTable.gap(bp, rule), 1e-9);
        assertTrue(Double.isNaN(BenchmarkTable.gap(Summary.of(new double[] {Double.NaN}), bp)), "no finished run, no gap");
    }

    @Test
    void relativeTimeIsTheMedianBatchTimePlusTheMeanPhaseOverBackpropsTime() {
        MetricsTable withPhase = metrics(new double[] {2, 3}, Map.of());
        withPhase.rows().get(0).put("phase_seconds", 4);
        withPhase.rows().get(1).put("phase_seconds", 0);
        List<MetricsTable> rule = List.of(metrics(new double[] {5, 2, 2}, Map.of()), withPhase);
        List<MetricsTable> bp = List.of(metrics(new double[] {9, 1, 1}, Map.of()), metrics(new double[] {1.5}, Map.of()));
        // rule: batches 2, 2, 2, 3, 5 → median 2, phases 0, 0, 0, 4, 0 → mean 0.8; bp: 1, 1, 1.5, 9 → median 1.25
        assertEquals(2.8, BenchmarkTable.epochSeconds(rule), 1e-12);
        assertEquals(2.8 / 1.25, BenchmarkTable.relativeTime(rule, bp), 1e-12);
        assertEquals(2.5, BenchmarkTable.median(new double[] {4, 1, 3, 2}), 0);
    }

    @Test
    void anglesAverageTheForwardLayersOnlyAtTheLastEpoch() {
        MetricsTable m = metrics(new double[] {1, 1}, Map.of("angle_bp/dense1", 30.0, "angle_bp/dense2", 60.0,
                "angle_bp/network", 45.0, "angle_bp/decor1", 90.0));
        assertEquals(45, BenchmarkTable.layerMean(m, "angle_bp/", List.of("dense1", "dense2", "dense3")), 1e-12);
        assertTrue(Double.isNaN(BenchmarkTable.layerMean(m, "angle_BWt/", List.of("dense1"))));
        assertEquals(List.of("dense1", "dense2", "dense3"), BenchmarkTable.forwardLayers(BenchmarkPresets.base(entrant("copi"), TINY)),
                "COPI's decorrelation layers are not forward layers");
    }

    private static Entrant entrant(String name) {
        return Entrant.named(List.of(name)).get(0);
    }

    private static RunResult run(Experiment e, double testAcc, double[] seconds, double angle) {
        return new RunResult(e, null, null, metrics(seconds, Map.of("test_acc", testAcc, "val_acc", testAcc,
                "angle_bp/dense1", angle, "angle_bp/dense2", angle + 10, "angle_bp/dense3", angle + 20,
                "memory/state_bytes", 2e6, "memory/step_bytes", 5e5)), null, false, false, null);
    }

    private static RuleResult result(String rule, double[] accuracy, double[] seconds, double angle) {
        Entrant e = entrant(rule);
        Experiment base = BenchmarkPresets.base(e, TINY);
        List<RunResult> runs = new ArrayList<>();
        for (int s = 0; s < accuracy.length; s++) {
            runs.add(run(base.withSeed(s + 1), accuracy[s], seconds, angle));
        }
        SearchResult.TrialResult chosen = new SearchResult.TrialResult(0, Map.of("lr", 0.1), runs.get(0));
        return new RuleResult(e, null, new SearchResult(List.of(chosen)), chosen, new SeedRuns(rule, runs));
    }

    @Test
    void aRowFromKnownRuns() {
        BenchmarkResult r = new BenchmarkResult(TINY, List.of(
                result("bp", new double[] {0.90, 0.92}, new double[] {1, 1}, 0),
                result("fa", new double[] {0.80, 0.84}, new double[] {3, 3}, 40)));
        List<Row> rows = BenchmarkTable.rows(r);
        Row fa = rows.get(1);
        assertEquals("fa", fa.rule());
        assertEquals("82.00 ± 2.83", fa.accuracyText(), "mean ± sample std in percent");
        assertEquals(9.0, fa.gap(), 1e-9);
        assertEquals(50.0, fa.angleBp(), 1e-9, "(40 + 50 + 60) / 3");
        assertEquals(3.0, fa.relativeTime(), 1e-12);
        assertEquals(2.0, fa.stateMB(), 1e-12);
        assertEquals(0.5, fa.stepMB(), 1e-12);
        assertEquals("lr 0.100", fa.setting());
        assertEquals("ok", fa.status());
        assertEquals(0.0, rows.get(0).gap(), 1e-12);
        assertEquals("no", fa.traits().orElseThrow().weightTransport().label());
        assertEquals(2, BenchmarkTable.table("t", rows).rowCount());
        assertTrue(BenchmarkFigures.markdown(rows).contains("| fa | 82.00 ± 2.83 | 82.00 ± 2.83 | 9.00 | 50.0 |"), BenchmarkFigures.markdown(rows));
        assertEquals(List.of("bp", "fa"), BenchmarkFigures.accuracyAgainstTime("MLP", rows).legend());
        // a rule one of whose seeds diverged: its point averages the others, and says so
        List<Row> oneDiverged = BenchmarkTable.rows(new BenchmarkResult(TINY, List.of(
                result("bp", new double[] {0.90, 0.92}, new double[] {1, 1}, 0),
                result("fa", new double[] {0.80, Double.NaN, 0.84}, new double[] {3, 3}, 40))));
        assertEquals(List.of("bp", "fa (2 of 3 seeds)"), BenchmarkFigures.accuracyAgainstTime("MLP", oneDiverged).legend());
        // bp: 2 runs × 2 epochs of 1 s; fa: 2 runs × 2 epochs of 3 s; the chosen trial is seed 1's run, counted once
        BenchmarkTable.TrainingCost cost = BenchmarkTable.trainingCost(r);
        assertEquals(4, cost.runs());
        assertEquals(16.0, cost.seconds(), 1e-12);
        assertEquals(0, cost.divergedAtOnce());
        assertTrue(cost.describe().startsWith("The 4 runs behind this table with recorded epochs trained for 16.0 core-seconds"), cost.describe());
        assertTrue(new BenchmarkTable.TrainingCost(4, 2, 300).describe().startsWith("The 4 runs behind this table with recorded"
                + " epochs and 2 more that diverged before their first epoch ended trained for 5.0 core-minutes"));
        assertTrue(new BenchmarkTable.TrainingCost(4, 300).describe().contains("trained for 5.0 core-minutes"));
        assertTrue(new BenchmarkTable.TrainingCost(4, 16_200).describe().contains("trained for 4.5 core-hours"));
        assertEquals("No run behind this table has trained yet.", new BenchmarkTable.TrainingCost(0, 0).describe());
    }

    /** Validation and test accuracy per epoch, the same seconds each epoch. */
    private static RunResult swinging(Experiment e, double[] val, double[] test) {
        List<EpochRecord> rows = new ArrayList<>();
        for (int i = 0; i < val.length; i++) {
            rows.add(new EpochRecord().put("epoch", i + 1).put("seconds", 1).put("val_acc", val[i]).put("test_acc", test[i]));
        }
        return new RunResult(e, null, null, new MetricsTable("t", rows), null, false, false, null);
    }

    @Test
    void accuracyIsReadAtEachSeedsBestValidationEpochAndTheLastEpochBesideIt() {
        Entrant fa = entrant("fa");
        Experiment base = BenchmarkPresets.base(fa, TINY);
        // seed 1 peaks on validation at epoch 2, seed 2 at epoch 1; their test accuracy is read there, not at its own best
        List<RunResult> runs = List.of(swinging(base.withSeed(1), new double[] {0.70, 0.86, 0.75}, new double[] {0.72, 0.84, 0.90}),
                swinging(base.withSeed(2), new double[] {0.88, Double.NaN, 0.60}, new double[] {0.86, 0.95, 0.62}));
        SearchResult.TrialResult chosen = new SearchResult.TrialResult(0, Map.of("lr", 0.1), runs.get(0));
        RuleResult r = new RuleResult(fa, null, new SearchResult(List.of(chosen)), chosen, new SeedRuns("fa", runs));
        Row row = BenchmarkTable.rows(new BenchmarkResult(TINY, List.of(r))).get(0);
        assertEquals("85.00 ± 1.41", row.accuracyText(), "test 0.84 (seed 1, epoch 2) and 0.86 (seed 2, epoch 1)");
        assertEquals("76.00 ± 19.80", row.lastAccuracyText(), "test 0.90 and 0.62 at the last epoch");
        var trials = BenchmarkTable.trials("t", new BenchmarkResult(TINY, List.of(r)));
        assertEquals(86.0, trials.doubleColumn("best val acc %").get(0), 1e-9);
        assertEquals(2, trials.intColumn("at epoch").get(0));
        assertEquals(84.0, trials.doubleColumn("test acc % there").get(0), 1e-9);
        assertEquals(75.0, trials.doubleColumn("val acc % at last epoch").get(0), 1e-9);
        assertEquals("ok, fell 11.0 points after epoch 2, chosen", trials.stringColumn("status").get(0),
                "86% at its best, 75% at the end: more than 10 points");
        SearchResult.TrialResult steady = new SearchResult.TrialResult(1, Map.of("lr", 0.2),
                swinging(base.withSeed(1), new double[] {0.70, 0.86, 0.77}, new double[] {0.7, 0.8, 0.8}));
        var two = BenchmarkTable.trials("t", new BenchmarkResult(TINY, List.of(new RuleResult(fa, null,
                new SearchResult(List.of(chosen, steady)), chosen, new SeedRuns("fa", runs)))));
        assertEquals("ok", two.stringColumn("status").get(1), "9 points below its best is a swing, not a fall");

        assertEquals("", BenchmarkTable.atSearchEdge(new BenchmarkResult(TINY, List.of(r))), "one trial: no edge to speak of");
        SearchResult.TrialResult low = new SearchResult.TrialResult(1, Map.of("lr", 0.01),
                swinging(base.withSeed(1), new double[] {0.5}, new double[] {0.5}));
        SearchResult.TrialResult high = new SearchResult.TrialResult(2, Map.of("lr", 0.3),
                swinging(base.withSeed(1), new double[] {0.6}, new double[] {0.6}));
        RuleResult atTop = new RuleResult(fa, null, new SearchResult(List.of(low, chosen, high)), high, new SeedRuns("fa", runs));
        assertEquals("Chosen at the edge of the learning rates their search drew, so a better rate may lie beyond: "
                + "fa (0.300, the largest of 3).", BenchmarkTable.atSearchEdge(new BenchmarkResult(TINY, List.of(atTop))));
        RuleResult inside = new RuleResult(fa, null, new SearchResult(List.of(low, chosen, high)), chosen, new SeedRuns("fa", runs));
        assertEquals("", BenchmarkTable.atSearchEdge(new BenchmarkResult(TINY, List.of(inside))), "0.1 lies between 0.01 and 0.3");

        BenchmarkResult withBp = new BenchmarkResult(TINY, List.of(r, RuleResult.refused(entrant("bp"), "a test")));
        var curves = BenchmarkFigures.learningCurves(withBp, List.of("fa", "bp"));
        assertEquals(List.of("fa (n=2)"), curves.legend(), "fa's two seeds as one band");
        assertEquals(List.of("bp"), curves.notRunNames(), "a rule without final runs is named, not drawn");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BenchmarkFigures.learningCurves(withBp, List.of("nope")));
        assertTrue(e.getMessage().contains("'nope' is not in the benchmark"), e.getMessage());
    }

    @Test
    void aRuleWithoutBackpropHasNoGapAndARefusedRuleSaysWhy() {
        BenchmarkResult r = new BenchmarkResult(TINY, List.of(result("fa", new double[] {0.8}, new double[] {1}, 40),
                RuleResult.refused(entrant("dfa"), "no convolutions")));
        List<Row> rows = BenchmarkTable.rows(r);
        assertTrue(Double.isNaN(rows.get(0).gap()));
        assertTrue(Double.isNaN(rows.get(0).relativeTime()));
        assertEquals("not applicable: no convolutions", rows.get(1).status());
        assertEquals("—", rows.get(1).accuracyText());
    }
}
