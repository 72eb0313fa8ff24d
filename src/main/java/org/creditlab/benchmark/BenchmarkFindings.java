package org.creditlab.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.creditlab.benchmark.BenchmarkTable.Row;
import org.creditlab.notebook.Claims;
import org.creditlab.notebook.Profile;
import tech.tablesaw.api.Table;

/**
 * BioTorch's two orderings checked on our runs, each verdict computed from the table's rows by a stated rule. On runs
 * smaller than the FULL scale the verdict says so ({@link Claims#NOT_AT_THIS_SCALE}) and still shows what the rule
 * gives.
 */
public final class BenchmarkFindings {
    /** The sign-symmetry variants BioTorch runs. */
    static final List<String> SIGN_SYMMETRY = List.of("usf", "brsf", "frsf");

    private BenchmarkFindings() {}

    public static Table table(BenchmarkScale scale, List<Row> rows) {
        Map<String, Row> byRule = rows.stream().collect(Collectors.toMap(Row::rule, Function.identity()));
        String beyond = scale.equals(BenchmarkScale.of(Profile.FULL, scale.architecture())) ? null
                : "these runs (" + scale.describe() + ") are smaller than the benchmark's FULL scale";
        return Claims.create()
                .add("Sign symmetry stays closer to BP than FA and DFA do",
                        "F-MNIST gaps to BP: uSF " + gap("usf") + ", brSF " + gap("brsf") + ", frSF " + gap("frsf") + "; FA "
                                + gap("fa") + ", DFA " + gap("dfa") + " points (" + BenchmarkReported.SOURCE + ")",
                        "every sign-symmetry variant's gap is below both FA's and DFA's", beyond, () -> {
                            double worstSign = SIGN_SYMMETRY.stream().mapToDouble(r -> need(byRule, r)).max().orElseThrow();
                            double bestRandom = Math.min(need(byRule, "fa"), need(byRule, "dfa"));
                            return new Claims.Outcome(String.format(Locale.ROOT, "worst sign-symmetry gap %.2f; best of FA, DFA %.2f points",
                                    worstSign, bestRandom), worstSign < bestRandom);
                        })
                .add("FA and DFA end close to each other",
                        "FA " + gap("fa") + " and DFA " + gap("dfa") + " points behind BP on F-MNIST",
                        "their gaps to BP differ by less than 1 point", beyond, () -> {
                            double d = Math.abs(need(byRule, "fa") - need(byRule, "dfa"));
                            return new Claims.Outcome(String.format(Locale.ROOT, "FA %.2f, DFA %.2f points: %.2f apart",
                                    need(byRule, "fa"), need(byRule, "dfa"), d), d < 1);
                        })
                .table("BioTorch's findings on our runs");
    }

    private static String gap(String rule) {
        return String.format(Locale.ROOT, "%.2f", BenchmarkReported.fashionGap(rule).orElseThrow());
    }

    /**
     * The rule's gap to BP, or {@link Claims.Missing} naming it: a verdict is decided on every seed of the rule and of
     * BP, as the papers' findings are, so a rule with seeds not run or diverged (averaging the survivors would flatter
     * it) leaves the claim not measured.
     */
    private static double need(Map<String, Row> rows, String rule) {
        for (String r : List.of(rule, "bp")) {
            Row row = Claims.need(rows, r, r + " is not in the benchmark");
            if (!BenchmarkTable.OK.equals(row.status())) {
                throw new Claims.Missing(r + "'s runs (" + row.status() + ")");
            }
        }
        return Claims.need(rows.get(rule).gap(), rule + "'s gap to BP");
    }
}
