package org.creditlab.papers.copi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.creditlab.notebook.ClaimTables.verdict;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.experiment.RunResult;
import org.creditlab.rules.copi.Compression;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The summary's verdicts on hand-made runs: claims that hold, claims that do not, and missing data. */
class CopiFindingsTest {

    /** One seed: one R-only epoch at chance, then these train accuracies; test = train − 0.15; input correlation 0.05. */
    static RunResult seed(double... trainAcc) {
        List<EpochRecord> rows = new ArrayList<>();
        rows.add(new EpochRecord().put("epoch", 1).put("train_acc", 0.1).put("test_acc", 0.1).put("corr/dense1", 0.3));
        for (int i = 0; i < trainAcc.length; i++) {
            rows.add(new EpochRecord().put("epoch", i + 2).put("train_acc", trainAcc[i]).put("test_acc", trainAcc[i] - 0.15)
                    .put("corr/dense1", 0.05));
        }
        return new RunResult(null, null, null, new MetricsTable("t", rows), null, false, false, "");
    }

    static SeedRuns twoSeeds(double... trainAcc) {
        return new SeedRuns("m", List.of(seed(trainAcc), seed(trainAcc)));
    }

    static Map<Method, SeedRuns> runs(double[] adam) {
        Map<Method, SeedRuns> m = new LinkedHashMap<>();
        m.put(Method.BP_ADAM, twoSeeds(adam));
        m.put(Method.BP_DECORRELATION, twoSeeds(0.9, 0.99, 1.0, 1.0));
        m.put(Method.COPI_BP, twoSeeds(0.9, 0.99, 1.0, 1.0));
        m.put(Method.COPI_FA, twoSeeds(0.8, 0.9, 0.99, 1.0));
        return m;
    }

    static List<List<Compression.Level>> compression(double... test) {
        List<Compression.Level> levels = new ArrayList<>();
        for (int k = 0; k < test.length; k++) {
            levels.add(new Compression.Level(k, "dense" + (test.length - k), test[k] + 0.02, test[k]));
        }
        return List.of(levels, levels);
    }

    static Map<Double, RunResult> sweep(double... valueAndFinalTrain) {
        Map<Double, RunResult> out = new LinkedHashMap<>();
        for (int i = 0; i < valueAndFinalTrain.length; i += 2) {
            out.put(valueAndFinalTrain[i], seed(valueAndFinalTrain[i + 1]));
        }
        return out;
    }

    @Test
    void verdictsFollowTheRules() {
        Table t = CopiFindings.table(runs(new double[] {0.6, 0.7, 0.8, 0.85}), 1, Map.of("corr/dense1", 0.3),
                compression(0.84, 0.83, 0.72), compression(0.83, 0.82, 0.76),
                sweep(10, 0.95, 100, 0.99, 1000, 1.0), sweep(1e-3, 0.99, 1e-4, 0.85, 1e-5, 0.6));
        assertEquals(List.of("claim", "paper", "ours", "verdict"), t.columnNames());
        assertTrue(verdict(t, "decorrelated networks fit").startsWith("agrees"), t.printAll());
        assertTrue(verdict(t, "COPI (FA) fits").startsWith("agrees"));
        assertTrue(verdict(t, "COPI (BP) and BP (decorrelation)").startsWith("agrees"));
        assertTrue(verdict(t, "COPI (BP) generalises").startsWith("agrees"));
        assertTrue(verdict(t, "the learned R decorrelates").startsWith("agrees"));
        assertTrue(verdict(t, "the learned R₁").startsWith("not measured: qualitative"));
        // one layer removed costs 1 point (within 3); the last level, the pixels, is not held to the rule
        assertTrue(verdict(t, "top layers can be replaced").startsWith("agrees"));
        assertTrue(verdict(t, "COPI learns at very high").startsWith("agrees"));
        t.stringColumn("verdict").forEach(v -> assertTrue(v.contains("rule:") || v.contains("qualitative"), v));
    }

    @Test
    void claimsThatDoNotHoldSayDisagrees() {
        // BP (Adam) reaches 100% first; compression loses 4 points with one layer removed; COPI diverges at the largest α
        Map<Method, SeedRuns> r = runs(new double[] {1.0, 1.0, 1.0, 1.0});
        Map<Double, RunResult> copi = sweep(10, 0.95, 100, 0.99);
        copi.put(1000.0, new RunResult(null, null, null, new MetricsTable("t", List.of()), null, false, true, "NaN loss"));
        Table t = CopiFindings.table(r, 1, Map.of("corr/dense1", 0.01), compression(0.84, 0.80, 0.72), null,
                copi, sweep(1e-3, 0.99));
        assertTrue(verdict(t, "decorrelated networks fit").startsWith("disagrees"), t.printAll());
        // the input was already less correlated before training than after
        assertTrue(verdict(t, "the learned R decorrelates").startsWith("disagrees"));
        assertTrue(verdict(t, "top layers can be replaced").startsWith("disagrees"));
        assertTrue(verdict(t, "COPI learns at very high").startsWith("disagrees"));
    }

    @Test
    void missingDataGiveNotMeasuredRows() {
        Map<Method, SeedRuns> r = runs(new double[] {0.6, 0.7});
        r.remove(Method.BP_ADAM);
        Table t = CopiFindings.table(r, 1, null, List.of(), null, (Map<Double, RunResult>) null, null);
        assertTrue(verdict(t, "decorrelated networks fit").startsWith("not measured: BP (Adam)"), t.printAll());
        assertTrue(verdict(t, "COPI (FA) fits").startsWith("agrees"));
        assertTrue(verdict(t, "COPI (BP) generalises").startsWith("not measured"));
        assertTrue(verdict(t, "the learned R decorrelates").startsWith("not measured"));
        assertTrue(verdict(t, "top layers can be replaced").startsWith("not measured"));
        assertTrue(verdict(t, "COPI learns at very high").startsWith("not measured"));
    }
}
