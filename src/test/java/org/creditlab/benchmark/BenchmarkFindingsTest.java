package org.creditlab.benchmark;

import static org.creditlab.notebook.ClaimTables.verdict;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.creditlab.benchmark.BenchmarkTable.Row;
import org.creditlab.notebook.Profile;
import org.creditlab.sweep.Summary;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** BioTorch's orderings on hand-made rows: each verdict on both sides of its rule, and rows with seeds not finished. */
class BenchmarkFindingsTest {
    private static final String SIGN = "Sign symmetry stays closer";
    private static final String FA_DFA = "FA and DFA end close";

    /** A finished row whose gap to BP is {@code gap} points. */
    static Row row(String rule, double gap) {
        return row(rule, gap, BenchmarkTable.OK);
    }

    static Row row(String rule, double gap, String status) {
        return new Row(rule, "plain", "lr 0.01", "8 of 8", Summary.of(new double[] {0.85, 0.86}), Summary.of(new double[] {0.84, 0.86}), gap, 10, 20, 1, true, 1, 1,
                Optional.empty(), status);
    }

    static List<Row> rows(double usf, double fa, double dfa) {
        return new ArrayList<>(List.of(row("bp", 0), row("usf", usf), row("brsf", 0.5), row("frsf", 0.4), row("fa", fa),
                row("dfa", dfa)));
    }

    static Table findings(List<Row> rows) {
        return BenchmarkFindings.table(BenchmarkScale.of(Profile.FULL), rows);
    }

    @Test
    void verdictsFlipAtTheirRules() {
        Table good = findings(rows(0.6, 3.0, 3.5));
        assertTrue(verdict(good, SIGN).startsWith("agrees"), good.printAll());
        assertTrue(verdict(good, FA_DFA).startsWith("agrees"), good.printAll());
        Table bad = findings(rows(3.2, 3.0, 4.5));
        assertTrue(verdict(bad, SIGN).startsWith("disagrees"), bad.printAll());
        assertTrue(verdict(bad, FA_DFA).startsWith("disagrees"), bad.printAll());
    }

    @Test
    void aRuleOrBackpropWithSeedsNotFinishedLeavesTheClaimNotMeasured() {
        List<Row> partial = rows(0.6, 3.0, 3.5);
        partial.set(4, row("fa", 3.0, "1 seed(s) not run"));
        Table t = findings(partial);
        assertTrue(verdict(t, SIGN).startsWith("not measured: fa's runs (1 seed(s) not run)"), t.printAll());
        assertTrue(verdict(t, FA_DFA).startsWith("not measured: fa's runs"), t.printAll());
        List<Row> bpDiverged = rows(0.6, 3.0, 3.5);
        bpDiverged.set(0, row("bp", 0, "1 seed(s) diverged"));
        Table b = findings(bpDiverged);
        assertTrue(verdict(b, SIGN).startsWith("not measured: bp's runs (1 seed(s) diverged)"), b.printAll());
    }

    @Test
    void smallerRunsAreNotJudged() {
        Table t = BenchmarkFindings.table(BenchmarkScale.of(Profile.QUICK), rows(0.6, 3.0, 3.5));
        assertTrue(verdict(t, SIGN).startsWith("not shown at this scale"), t.printAll());
    }
}
