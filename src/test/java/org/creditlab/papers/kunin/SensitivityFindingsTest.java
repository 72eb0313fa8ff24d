package org.creditlab.papers.kunin;

import static org.creditlab.notebook.ClaimTables.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.Parameter;
import org.creditlab.notebook.Claims;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.results.RunStore;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.sweep.Search;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Claims 1 and 2 and the per-rule table of the sensitivity search: diverged trials are counted from the runs. */
class SensitivityFindingsTest {
    @TempDir
    Path tmp;

    private static RunResult run(double testAcc) {
        return run(testAcc, testAcc);
    }

    private static RunResult run(double valAcc, double testAcc) {
        MetricsTable m = new MetricsTable("t", List.of(new EpochRecord().put("epoch", 1).put("val_acc", valAcc)
                .put("test_acc", testAcc)));
        return new RunResult(null, null, null, m, null, false, false, "");
    }

    private static RunResult diverged() {
        return new RunResult(null, null, null, new MetricsTable("t", List.of()), null, false, true, "loss NaN at epoch 1");
    }

    /** A search result of hand-made trials: a final accuracy each, NaN for a diverged trial. */
    private static SearchResult search(double... acc) {
        List<SearchResult.TrialResult> t = new ArrayList<>();
        for (int i = 0; i < acc.length; i++) {
            t.add(new SearchResult.TrialResult(i, Map.of(KuninStudy.STEP_NUMBER, 0.1 * (i + 1)), Double.isNaN(acc[i]) ? diverged() : run(acc[i])));
        }
        return new SearchResult(t);
    }

    private static SeedRuns seeds(double... acc) {
        List<RunResult> r = new ArrayList<>();
        for (double a : acc) {
            r.add(Double.isNaN(a) ? diverged() : run(a));
        }
        return new SeedRuns("s", r);
    }

    @Test
    void theSearchTableCountsDivergedTrialsPerRule() {
        Table t = KuninFindings.searchOutcomes(search(0.80, Double.NaN, 0.70, 0.84), search(Double.NaN, Double.NaN, Double.NaN, 0.82));
        assertEquals(List.of("wm", "ia"), t.stringColumn("rule").asList());
        assertEquals(List.of(4, 4), t.intColumn("trials").asList());
        assertEquals(List.of(1, 3), t.intColumn("diverged").asList());
        assertEquals(0.4, t.doubleColumn("largest η_B·rate·κ at start").get(0), 1e-12);
        assertEquals("84.00", t.stringColumn(BEST).get(0));
        assertEquals("82.00", t.stringColumn(BEST).get(1));
    }

    private static final String BEST = "best trial's test accuracy % (chosen by validation)";

    @Test
    void theBestTrialIsChosenByValidationAccuracyAndReportedByItsTestAccuracy() {
        SearchResult r = new SearchResult(List.of(
                new SearchResult.TrialResult(0, Map.of(KuninStudy.STEP_NUMBER, 0.1), run(0.90, 0.80)),
                new SearchResult.TrialResult(1, Map.of(KuninStudy.STEP_NUMBER, 0.1), run(0.85, 0.84))));
        assertEquals("80.00", KuninFindings.searchOutcomes(r, r).stringColumn(BEST).get(0));
        // claim 2's drop starts from the chosen trial's test accuracy, 80%, not the best test accuracy, 84%
        Table t = KuninFindings.sensitivity(r, r, seeds(0.70), seeds(0.75), seeds(0.85));
        assertTrue(t.stringColumn("ours").get(1).contains("best WM trial 80.00% → 70.00%"), t.printAll());
    }

    @Test
    void searchTrialsHoldOutATenthOfTheTrainingSetToChooseBy() {
        Scale quick = Scale.of(org.creditlab.notebook.Profile.QUICK);
        assertEquals(quick.trainExamples() / 10, KuninPresets.searchData(quick).validation());
        assertEquals(quick.trainExamples() - quick.trainExamples() / 10, KuninPresets.searchData(quick).trainLimit());
        Scale full = Scale.of(org.creditlab.notebook.Profile.FULL);
        assertEquals(6_000, KuninPresets.searchData(full).validation());
        assertEquals(0, KuninPresets.searchData(full).trainLimit());
        assertTrue(KuninStudy.sensitivity(Method.WM, quick, KuninStudy.searchStability(quick)).plan().stream().map(p -> p.experiment())
                .allMatch(e -> e.data().validation() == quick.trainExamples() / 10));
    }

    @Test
    void divergedTrialsMakeARuleSensitiveAndEveryRowSaysHowMany() {
        // IA's finished trials are close together, but three of four diverged: at chance they make its spread the larger
        Table t = KuninFindings.sensitivity(search(0.80, 0.60, 0.70, 0.84), search(Double.NaN, Double.NaN, Double.NaN, 0.82),
                seeds(0.70, 0.72), seeds(0.80, 0.80), seeds(0.85));
        assertTrue(verdict(t, "1.").startsWith(Claims.DISAGREES), t.printAll());
        String ours = t.stringColumn("ours").get(0);
        assertTrue(ours.contains("WM (0 of 4 trials diverged)") && ours.contains("IA (3 of 4 trials diverged)"), ours);
        // claim 2: WM drops 84 → 71 (13 points), IA 82 → 80 (2 points)
        assertTrue(verdict(t, "2.").startsWith(Claims.AGREES), t.printAll());
        assertTrue(t.stringColumn("ours").get(1).contains("0 of 2 seeds diverged"), t.printAll());

        Table stable = KuninFindings.sensitivity(search(0.80, Double.NaN, 0.40, 0.84), search(0.80, 0.81, 0.79, 0.82),
                seeds(Double.NaN, 0.72), seeds(0.70, 0.70), seeds(0.85));
        assertTrue(verdict(stable, "1.").startsWith(Claims.AGREES), stable.printAll());
        // WM's diverged seed counts at chance: 84 → 41 against IA's 82 → 70
        assertTrue(verdict(stable, "2.").startsWith(Claims.AGREES), stable.printAll());
        assertTrue(stable.stringColumn("ours").get(1).contains("1 of 2 seeds diverged"), stable.printAll());
    }

    @Test
    void aTransferThatCouldNotRunIsNotMeasuredAndOneWhereBothDivergeIsNoWin() {
        Table none = KuninFindings.sensitivity(search(Double.NaN, Double.NaN), search(0.8, 0.7), null, seeds(0.7), seeds(0.85));
        assertTrue(verdict(none, "2.").startsWith(Claims.NOT_MEASURED), none.printAll());
        Table both = KuninFindings.sensitivity(search(0.9, 0.7), search(0.8, 0.7), seeds(Double.NaN), seeds(Double.NaN), seeds(0.85));
        assertTrue(verdict(both, "2.").startsWith(Claims.DISAGREES), both.printAll());
    }

    private static RunResult notRun() {
        return RunResult.missing(KuninPresets.experiment("search-test", Method.WM.spec(), KuninPresets.mlp(1, 16),
                Scale.of(org.creditlab.notebook.Profile.QUICK), OptimizerSpec.sgd(0.01)), null, "not trained");
    }

    /** {@link #search} after a first trial that is not run (and has, as every real trial, an experiment). */
    private static SearchResult searchWithOneNotRun(double... acc) {
        List<SearchResult.TrialResult> t = new ArrayList<>();
        t.add(new SearchResult.TrialResult(0, Map.of(), notRun()));
        t.addAll(search(acc).trials());
        return new SearchResult(t);
    }

    @Test
    void aSearchWithTrialsNotRunDecidesNeitherClaimAndTheTableCountsThem() {
        SearchResult partial = searchWithOneNotRun(0.80, 0.60, 0.70);
        Table t = KuninFindings.sensitivity(partial, search(0.80, 0.81, 0.79, 0.82), seeds(0.70), seeds(0.80), seeds(0.85));
        for (String claim : List.of("1.", "2.")) {
            assertTrue(verdict(t, claim).startsWith(Claims.NOT_MEASURED + ": WM's search (1 of 4 trials not run)"), t.printAll());
        }
        Table outcomes = KuninFindings.searchOutcomes(partial, search(0.8));
        assertEquals(List.of(1, 0), outcomes.intColumn("not run").asList(), outcomes.printAll());
        assertEquals(List.of(0, 0), outcomes.intColumn("diverged").asList(), outcomes.printAll());
    }

    @Test
    void aTransferWhoseSearchIsNotCompleteIsNotRunInsteadOfThrowing() {
        Scale quick = Scale.of(org.creditlab.notebook.Profile.QUICK);
        Runner trainsNothing = Runner.standard().quiet().loadOnly(true).store(new RunStore(tmp));
        SearchResult partial = searchWithOneNotRun(0.80, 0.60);
        SeedRuns deep = KuninStudy.transfer(partial, quick, trainsNothing);
        assertEquals(quick.depthSeeds(), deep.missing(), "every seed not run");
        assertTrue(deep.runs().get(0).message().contains("1 of 3 trials of its search are not run"), deep.runs().get(0).message());
        Table t = KuninFindings.sensitivity(partial, partial, deep, deep, seeds(0.85));
        assertTrue(verdict(t, "2.").startsWith(Claims.NOT_MEASURED), t.printAll());

        Experiment trial = notRun().experiment();
        RunResult divergedTrial = new RunResult(trial, null, null, new MetricsTable("t", List.of()), null, false, true, "NaN");
        SeedRuns none = KuninStudy.transfer(new SearchResult(List.of(new SearchResult.TrialResult(0, Map.of(), divergedTrial))),
                quick, trainsNothing);
        assertEquals(quick.depthSeeds(), none.missing());
        assertTrue(none.runs().get(0).message().contains("every trial of its search diverged"), none.runs().get(0).message());
    }

    @Test
    void depthAndNoiseClaimsWithRunsNotRunAreNotMeasured() {
        SeedRuns missing = new SeedRuns("s", List.of(notRun(), run(0.8)));
        Map<Method, List<SeedRuns>> runs = new java.util.LinkedHashMap<>();
        for (Method m : List.of(Method.BP, Method.IA, Method.SA, Method.AA)) {
            runs.put(m, List.of(seeds(0.9), m == Method.SA ? missing : seeds(0.8)));
        }
        String depth = KuninFindings.depth(runs, List.of(2, 6));
        assertTrue(depth.contains(Claims.NOT_MEASURED + ": 1 of 9 runs not yet run"), depth);
        assertTrue(!depth.contains("reproduced"), depth);
        String noise = KuninFindings.noise(runs, List.of(0.0, 1e-3));
        assertTrue(noise.contains(Claims.NOT_MEASURED), noise);
        runs.put(Method.SA, List.of(seeds(0.9), seeds(0.8)));
        assertTrue(KuninFindings.depth(runs, List.of(2, 6)).contains("reproduced"));
    }

    @Test
    void theDepthClaimNeedsIaToFallBehindAndSaAaToStayWithinOnePoint() {
        Map<Method, List<SeedRuns>> runs = new java.util.LinkedHashMap<>();
        runs.put(Method.BP, List.of(seeds(0.90, 0.90), seeds(0.90, 0.90)));
        runs.put(Method.IA, List.of(seeds(0.89, 0.89), seeds(0.80, 0.80)));
        runs.put(Method.SA, List.of(seeds(0.898, 0.898), seeds(0.895, 0.895)));
        runs.put(Method.AA, List.of(seeds(0.90, 0.90), seeds(0.893, 0.893)));
        String reproduced = KuninFindings.depth(runs, List.of(2, 6));
        assertTrue(reproduced.contains("IA [1.0, 10.0]") && reproduced.contains("the claim is reproduced"), reproduced);
        // IA diverging at depth is the stability gap: its seeds count at chance, 80 points behind
        runs.put(Method.IA, List.of(seeds(0.89, 0.89), seeds(Double.NaN, Double.NaN)));
        String diverged = KuninFindings.depth(runs, List.of(2, 6));
        assertTrue(diverged.contains("IA [1.0, 80.0]") && diverged.contains("the claim is reproduced"), diverged);
        // SA 5 points behind at depth is not "at BP's level", however far IA falls
        runs.put(Method.SA, List.of(seeds(0.898, 0.898), seeds(0.85, 0.85)));
        String saBehind = KuninFindings.depth(runs, List.of(2, 6));
        assertTrue(saBehind.contains("do NOT stay at BP's level") && saBehind.contains("is NOT (fully) reproduced"), saBehind);
    }

    @Test
    void aRuleWhoseSeedsDivergeUnderNoiseKeepsChanceAccuracyAndIsNamed() {
        Map<Method, List<SeedRuns>> runs = new java.util.LinkedHashMap<>();
        runs.put(Method.SA, List.of(seeds(0.90, 0.90), seeds(0.89, 0.89)));
        runs.put(Method.AA, List.of(seeds(0.90, 0.90), new SeedRuns("aa", List.of(diverged(), diverged()))));
        String noise = KuninFindings.noise(runs, List.of(0.0, 0.1));
        assertTrue(noise.contains("AA [90.00, diverged (2 of 2)]"), noise);
        assertTrue(noise.contains("SA and AA keep 98.9% and 11.1%"), "AA's diverged seeds count at chance, 10% of 90%: " + noise);
        assertTrue(noise.contains("is NOT reproduced"), noise);
        runs.put(Method.AA, List.of(seeds(0.90, 0.90), new SeedRuns("aa", List.of(run(0.88), diverged()))));
        String partly = KuninFindings.noise(runs, List.of(0.0, 0.1));
        assertTrue(partly.contains("AA [90.00, 88.00 (1 of 2 diverged)]"), partly);
        assertTrue(partly.contains("and 54.4%"), "(0.88 + 0.10) / 2 over 0.90: " + partly);
    }

    @Test
    void theTableIsBuiltFromRealRunsThatDiverge() {
        // two tiny IA trials on Fashion-MNIST: B's learning rate far beyond the stability limit makes one diverge
        Experiment base = KuninPresets.experiment("search-test", Method.IA.spec(), KuninPresets.mlp(1, 16),
                        Scale.of(org.creditlab.notebook.Profile.QUICK), OptimizerSpec.sgd(0.01))
                .toBuilder().data(DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().standardize(true).trainLimit(400).validation(100).testLimit(200).download(false).build())
                .training(TrainingOptions.of(1, 50).toBuilder().evaluateTrain(false).build()).build();
        Runner runner = Runner.standard().quiet().store(new RunStore(tmp));
        SearchResult ia = Search.grid(Map.of("lr_B", List.of(0.01, 1e9)),
                t -> base.toBuilder().optimizer(Parameter.FEEDBACK, OptimizerSpec.sgd(t.number("lr_B"))).build()).run(runner);
        SearchResult wm = Search.grid(Map.of("lr_B", List.of(0.01)), t -> base.toBuilder().rule(((LearnedFeedbackSpec) Method.WM.spec()))
                .optimizer(Parameter.FEEDBACK, OptimizerSpec.sgd(t.number("lr_B"))).build()).run(runner);
        assertEquals(1, ia.diverged(), ia.table("ia", "test_acc").printAll());
        Table t = KuninFindings.searchOutcomes(wm, ia);
        assertEquals(List.of(0, 1), t.intColumn("diverged").asList(), t.printAll());
        assertTrue(KuninFindings.sensitivity(wm, ia, null, null, null).stringColumn("ours").get(0).contains("IA (1 of 2 trials diverged)"));
    }
}
