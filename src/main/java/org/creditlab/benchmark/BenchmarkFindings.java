package org.creditlab.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.creditlab.benchmark.BenchmarkTable.Row;
import org.creditlab.data.DatasetName;
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

    /**
     * The findings on the scale's dataset, against BioTorch's numbers there. "FA and DFA end close to each other" is
     * BioTorch's finding only where its own gaps differ by less than a point (MNIST, Fashion-MNIST; not its CIFAR-10
     * ResNet-20), so it is checked only there.
     */
    public static Table table(BenchmarkScale scale, List<Row> rows) {
        Map<String, Row> byRule = rows.stream().collect(Collectors.toMap(Row::rule, Function.identity()));
        DatasetName d = scale.dataset();
        String beyond = scale.equals(BenchmarkScale.of(Profile.FULL, scale.architecture(), d).toBuilder().dataPath(scale.dataPath()).build())
                ? null : "these runs (" + scale.describe() + ") are smaller than the benchmark's FULL scale";
        Claims claims = Claims.create()
                .add("Sign symmetry stays closer to BP than FA and DFA do",
                        d.title() + " gaps to BP: uSF " + gap("usf", d) + ", brSF " + gap("brsf", d) + ", frSF " + gap("frsf", d)
                                + "; FA " + gap("fa", d) + ", DFA " + gap("dfa", d) + " points (" + BenchmarkReported.SOURCE + ")",
                        "every sign-symmetry variant's gap is below both FA's and DFA's", beyond, () -> {
                            double worstSign = SIGN_SYMMETRY.stream().mapToDouble(r -> need(byRule, r)).max().orElseThrow();
                            double bestRandom = Math.min(need(byRule, "fa"), need(byRule, "dfa"));
                            return new Claims.Outcome(String.format(Locale.ROOT, "worst sign-symmetry gap %.2f; best of FA, DFA %.2f points",
                                    worstSign, bestRandom), worstSign < bestRandom);
                        });
        double theirs = Math.abs(BenchmarkReported.gap("fa", d).orElseThrow() - BenchmarkReported.gap("dfa", d).orElseThrow());
        if (theirs < CLOSE) {
            claims.add("FA and DFA end close to each other",
                    "FA " + gap("fa", d) + " and DFA " + gap("dfa", d) + " points behind BP on " + d.title(),
                    "their gaps to BP differ by less than 1 point", beyond, () -> {
                        double diff = Math.abs(need(byRule, "fa") - need(byRule, "dfa"));
                        return new Claims.Outcome(String.format(Locale.ROOT, "FA %.2f, DFA %.2f points: %.2f apart",
                                need(byRule, "fa"), need(byRule, "dfa"), diff), diff < CLOSE);
                    });
        }
        return claims.table("BioTorch's findings on our runs (" + d.title() + ")");
    }

    /** Points within which two gaps to BP count as close. */
    private static final double CLOSE = 1;

    private static String gap(String rule, DatasetName d) {
        return String.format(Locale.ROOT, "%.2f", BenchmarkReported.gap(rule, d).orElseThrow());
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
