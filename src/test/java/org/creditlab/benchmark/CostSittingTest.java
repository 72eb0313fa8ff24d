package org.creditlab.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.creditlab.benchmark.BenchmarkTable.Row;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.notebook.Profile;
import org.creditlab.results.RunStore;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time column's sitting: what an epoch costs, which ratio the table shows, and how the sitting is kept. */
class CostSittingTest {
    private static final BenchmarkScale TINY = BenchmarkScale.of(Profile.QUICK).toBuilder().trainExamples(200).validation(50)
            .testExamples(50).hidden(List.of(8, 8)).epochs(20).batchSize(20).trials(1).seeds(1).probe(10).build();

    @TempDir
    Path tmp;

    private static MetricsTable metrics(double[] seconds, double[] phase) {
        List<EpochRecord> rows = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            rows.add(new EpochRecord().put("epoch", i + 1).put("seconds", seconds[i]).put("phase_seconds", phase[i]));
        }
        return new MetricsTable("t", rows);
    }

    @Test
    void anEpochCostsItsBatchesAndPhaseAfterTheFirstPlusTheOneOffPhaseSpreadOverTheEpochs() {
        // epochs 2 and 3: (2 + 1) and (4 + 1), mean 4; the first epoch's phase beyond the usual 1 is 9, over 20 epochs 0.45
        assertEquals(4.45, CostSitting.epochCost(metrics(new double[] {5, 2, 4}, new double[] {10, 1, 1}), 20), 1e-12);
        // no phase at all: the batches of the epochs after the first
        assertEquals(3, CostSitting.epochCost(metrics(new double[] {9, 2, 4}, new double[] {0, 0, 0}), 20), 1e-12);
    }

    private static RuleResult result(String rule, double seconds) {
        Entrant e = Entrant.named(List.of(rule)).get(0);
        Experiment base = BenchmarkPresets.base(e, TINY);
        RunResult run = new RunResult(base, null, null, metrics(new double[] {seconds, seconds}, new double[] {0, 0}), null,
                false, false, null);
        run.metrics().rows().forEach(r -> r.put("test_acc", 0.8).put("val_acc", 0.8));
        SearchResult.TrialResult chosen = new SearchResult.TrialResult(0, Map.of("lr", 0.1), run);
        return new RuleResult(e, null, new SearchResult(List.of(chosen)), chosen, new SeedRuns(rule, List.of(run)));
    }

    private static EpochCosts sitting(String bpRunId, String faRunId, double faRatio) {
        return new EpochCosts(BenchmarkPresets.experimentName(TINY), "2026-12-06T12:00:00Z", "test machine", 100, 1, List.of(
                new EpochCosts.RuleCost("bp", bpRunId, new double[0], new double[0], 1),
                new EpochCosts.RuleCost("fa", faRunId, new double[] {1.7}, new double[] {1}, faRatio)));
    }

    @Test
    void theTableShowsTheSittingsRatioOnlyForTheSettingItTimed() {
        BenchmarkResult runs = new BenchmarkResult(TINY, List.of(result("bp", 1), result("fa", 3)));
        String bpRunId = runs.rule("bp").orElseThrow().chosen().run().experiment().runId();
        String faRunId = runs.rule("fa").orElseThrow().chosen().run().experiment().runId();

        Row timed = BenchmarkTable.rows(runs.withCosts(sitting(bpRunId, faRunId, 1.7))).get(1);
        assertEquals(1.7, timed.relativeTime(), 1e-12);
        assertTrue(timed.timedTogether());
        String markdown = BenchmarkFigures.markdown(BenchmarkTable.rows(runs.withCosts(sitting(bpRunId, faRunId, 1.7))));
        assertTrue(markdown.contains("| 1.70 |"), markdown);
        assertFalse(markdown.contains("†"), "nothing estimated: " + markdown);

        // another setting was timed (the choice changed since): the runs' own estimate, marked as such
        Row stale = BenchmarkTable.rows(runs.withCosts(sitting(bpRunId, "0123456789", 1.7))).get(1);
        assertEquals(3.0, stale.relativeTime(), 1e-12);
        assertFalse(stale.timedTogether());
        // backprop's choice changed since: every ratio of the sitting was taken against another setting
        Row otherBp = BenchmarkTable.rows(runs.withCosts(sitting("0123456789", faRunId, 1.7))).get(1);
        assertEquals(3.0, otherBp.relativeTime(), 1e-12);
        assertFalse(otherBp.timedTogether());
        String marked = BenchmarkFigures.markdown(BenchmarkTable.rows(runs));
        assertTrue(marked.contains("| 3.00† |") && marked.contains("† estimated from the training runs"), marked);
    }

    @Test
    void aSittingIsKeptWholeAndADamagedOneIsRefusedByName() throws Exception {
        Path file = EpochCosts.file(tmp, TINY);
        assertEquals(Optional.empty(), EpochCosts.read(file, BenchmarkPresets.experimentName(TINY)));
        EpochCosts kept = sitting("abc", "def", 1.7);
        kept.write(file);
        assertEquals(kept, EpochCosts.read(file, BenchmarkPresets.experimentName(TINY)).orElseThrow());

        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2));
        IllegalStateException truncated = assertThrows(IllegalStateException.class,
                () -> EpochCosts.read(file, BenchmarkPresets.experimentName(TINY)));
        assertTrue(truncated.getMessage().contains(file.toString()) && truncated.getMessage().contains("benchmark time --record"),
                truncated.getMessage());

        kept.write(file);
        IllegalStateException other = assertThrows(IllegalStateException.class, () -> EpochCosts.read(file, "benchmark-cnn-20ep"));
        assertTrue(other.getMessage().contains("not of benchmark-cnn-20ep"), other.getMessage());
    }

    @Test
    void aSittingTimesEveryChosenSettingBesideBackprop() {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        BenchmarkResult runs = BenchmarkStudy.run(TINY.toBuilder().epochs(1).build(), Runner.standard().quiet().store(new RunStore(tmp)),
                Entrant.named(List.of("bp", "fa", "dfc-ssa")), s -> { });
        List<String> said = new ArrayList<>();
        EpochCosts c = CostSitting.measure(runs, 60, 2, Runner.standard().noStore().quiet(), said::add);

        assertEquals(List.of("bp", "fa", "dfc-ssa"), c.rules().stream().map(EpochCosts.RuleCost::rule).toList());
        assertEquals(1.0, c.rules().get(0).ratio());
        for (EpochCosts.RuleCost r : c.rules().subList(1, 3)) {
            String chosen = runs.rule(r.rule()).orElseThrow().chosen().run().experiment().runId();
            assertEquals(chosen, r.runId(), "the sitting names the setting it timed");
            assertEquals(2, r.ruleSeconds().length);
            assertTrue(r.ratio() > 0 && Double.isFinite(r.ratio()), r.toString());
            assertEquals(Optional.of(r.ratio()), c.ratio(r.rule(), chosen));
        }
        // 2 rounds of bp, fa, bp, dfc-ssa, bp, and the opening line
        assertEquals(1 + 2 * 5, said.size(), String.join("\n", said));
        assertTrue(said.get(0).contains("OMP_NUM_THREADS"), said.get(0));
        assertThrows(IllegalArgumentException.class, () -> CostSitting.measure(runs, 20, 1, Runner.standard().noStore(), s -> { }),
                "one batch cannot be timed after a warm-up epoch");
    }

    @Test
    void aRuleWhoseTimedRunDivergesIsLeftOutAndTheOthersAreKept() {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        BenchmarkResult runs = BenchmarkStudy.run(TINY.toBuilder().epochs(1).build(), Runner.standard().quiet().store(new RunStore(tmp)),
                Entrant.named(List.of("bp", "fa", "dfa")), s -> { });
        // fa's chosen setting, as if its rate had been chosen far too large: its timed run diverges
        RuleResult fa = runs.rule("fa").orElseThrow();
        Experiment huge = fa.chosen().run().experiment().toBuilder()
                .optimizer(BenchmarkPresets.optimizer().toBuilder().learningRate(1e12).build()).build();
        SearchResult.TrialResult chosen = new SearchResult.TrialResult(0, Map.of("lr", 1e12),
                new RunResult(huge, null, null, fa.chosen().run().metrics(), null, false, false, null));
        List<RuleResult> rules = new ArrayList<>(runs.rules());
        rules.set(rules.indexOf(fa), new RuleResult(fa.entrant(), null, fa.search(), chosen, fa.finals()));
        List<String> said = new ArrayList<>();
        EpochCosts c = CostSitting.measure(new BenchmarkResult(runs.scale(), rules), 60, 2, Runner.standard().noStore().quiet(), said::add);

        assertEquals(List.of("bp", "dfa"), c.rules().stream().map(EpochCosts.RuleCost::rule).toList());
        assertTrue(said.stream().anyMatch(m -> m.contains("fa is left out")), String.join("\n", said));
        assertTrue(said.stream().anyMatch(m -> m.contains("timing fa: its timed run did not finish")), String.join("\n", said));
    }
}
