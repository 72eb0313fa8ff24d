package org.creditlab.papers.kunin;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.sweep.Summary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Turns the runs of {@link TwoRoutes} into tables and into verdicts on the paper's claims. A verdict states the
 * numbers it is based on, so a reader can disagree with the threshold.
 */
public final class Findings {
    private Findings() {}

    /** The zoo table: final test accuracy, alignment angles, and the reported values beside them. */
    public static Table zoo(Map<String, SeedRuns> runs) {
        Map<String, Double> biotorch = Reported.biotorchFashionMnist();
        Map<String, Reported.Value> kunin = Reported.imagenetResNet18();
        Table t = Table.create("Rule zoo: final test accuracy on Fashion-MNIST (mean ± std over seeds)");
        StringColumn rule = StringColumn.create("rule");
        StringColumn acc = StringColumn.create("test accuracy %");
        DoubleColumn angleUpdate = DoubleColumn.create("∠(ΔW, BP) network °");
        DoubleColumn angleB = DoubleColumn.create("∠(B, Wᵀ) mean over layers °");
        StringColumn bio = StringColumn.create("BioTorch F-MNIST LeNet %");
        StringColumn paper = StringColumn.create("Kunin et al. ImageNet ResNet-18 (other scale)");
        runs.forEach((name, r) -> {
            rule.append(name);
            acc.append(r.summary("test_acc").format(true));
            angleUpdate.append(Summary.of(r.last("angle_bp/network")).mean());
            angleB.append(meanOverColumns(r, "angle_BWt/"));
            bio.append(biotorch.containsKey(name) ? String.format(Locale.ROOT, "%.2f", 100 * biotorch.get(name)) : "-");
            Reported.Value v = kunin.get(name);
            paper.append(v == null ? "-" : v.text() + (v.verified() ? "" : " [unverified]"));
        });
        t.addColumns(rule, acc, angleUpdate, angleB, bio, paper);
        return t;
    }

    /** The mean over layers (and seeds) of the last-epoch values of the columns starting with {@code prefix}. */
    static double meanOverColumns(SeedRuns r, String prefix) {
        return r.runs().stream().flatMap(run -> run.metrics().columns().stream().filter(c -> c.startsWith(prefix))
                .map(c -> run.last(c))).mapToDouble(Double::doubleValue).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** Claims 1 and 2: the spread of final accuracy over random trials, and the drop when transferred. */
    public static String sensitivity(SearchResult wm, SearchResult ia, SeedRuns wmDeep, SeedRuns iaDeep, SeedRuns bpDeep) {
        Summary w = Summary.of(wm.last("test_acc"));
        Summary i = Summary.of(ia.last("test_acc"));
        // a diverged trial is a failed one: it counts at chance accuracy in the spread
        Summary wAll = Summary.of(atChance(wm.last("test_acc")));
        Summary iAll = Summary.of(atChance(ia.last("test_acc")));
        double wBest = wm.best("test_acc", true).map(x -> x.last("test_acc")).orElse(Double.NaN);
        double iBest = ia.best("test_acc", true).map(x -> x.last("test_acc")).orElse(Double.NaN);
        double wDrop = wBest - wmDeep.summary("test_acc").mean();
        double iDrop = iBest - iaDeep.summary("test_acc").mean();
        boolean moreSensitive = wAll.std() > iAll.std();
        boolean transfersWorse = wDrop > iDrop;
        String claim1 = String.format(Locale.ROOT, "Claim 1. Over %d random trials, WM's final test accuracy is %s, IA's %s; "
                        + "counting diverged trials at chance (10%%), the spread is %.2f points for WM and %.2f for IA: "
                        + "WM is %s sensitive to its metaparameters than IA at this scale.", w.n() + w.diverged(),
                w.format(true), i.format(true), 100 * wAll.std(), 100 * iAll.std(), moreSensitive ? "more" : "NOT more");
        String claim2 = String.format(Locale.ROOT, "Claim 2. Transferred without re-tuning to 6 hidden layers, the best WM setting "
                        + "goes from %.2f%% to %s, the best IA setting from %.2f%% to %s; BP reaches %s there. IA %s.",
                100 * wBest, wmDeep.summary("test_acc").format(true), 100 * iBest, iaDeep.summary("test_acc").format(true),
                bpDeep.summary("test_acc").format(true), Double.isNaN(wDrop) && Double.isNaN(iDrop)
                        ? "does NOT transfer better: both settings diverge on the deeper network"
                        : transfersWorse || Double.isNaN(wDrop) ? "transfers better than WM, as the paper claims"
                        : "does NOT transfer better than WM here");
        return claim1 + "\n" + claim2;
    }

    /** Claim 3: the gap to backprop at the smallest and largest depth, per rule. */
    public static String depth(Map<String, List<SeedRuns>> runs, List<Integer> depths) {
        double[] bp = means(runs.get("bp"));
        StringBuilder sb = new StringBuilder("Claim 3. Gap to BP (points of test accuracy) by depth " + depths + ": ");
        Map<String, double[]> gap = new LinkedHashMap<>();
        for (String rule : List.of("ia", "sa", "aa")) {
            gap.put(rule, gaps(bp, means(runs.get(rule))));
            sb.append(rule.toUpperCase(Locale.ROOT)).append(' ').append(Arrays.toString(round(gap.get(rule)))).append("; ");
        }
        double[] ia = gap.get("ia");
        double saMax = Arrays.stream(gap.get("sa")).max().orElse(Double.NaN);
        double aaMax = Arrays.stream(gap.get("aa")).max().orElse(Double.NaN);
        boolean widens = ia[ia.length - 1] > ia[0];
        boolean nonLocalClose = Math.max(saMax, aaMax) < Math.max(1.0, ia[ia.length - 1]);
        return sb.append(String.format(Locale.ROOT, "IA's gap %s with depth and SA/AA stay %s than IA's deepest gap: the claim %s.",
                widens ? "widens" : "does NOT widen", nonLocalClose ? "closer to BP" : "NOT closer to BP",
                widens && nonLocalClose ? "is reproduced" : "is NOT (fully) reproduced at this scale")).toString();
    }

    /** Claim 4: accuracy with the largest noise against noise-free accuracy, per rule. */
    public static String noise(Map<String, List<SeedRuns>> runs, List<Double> variances) {
        StringBuilder sb = new StringBuilder("Claim 4. Test accuracy by noise variance " + variances + ": ");
        Map<String, Double> retained = new LinkedHashMap<>();
        runs.forEach((rule, byNoise) -> {
            double[] m = means(byNoise);
            sb.append(rule.toUpperCase(Locale.ROOT)).append(' ').append(Arrays.toString(round(times100(m)))).append("; ");
            retained.put(rule, Arrays.stream(m).min().orElse(Double.NaN) / m[0]);
        });
        double sa = retained.getOrDefault("sa", Double.NaN);
        double aa = retained.getOrDefault("aa", Double.NaN);
        boolean robust = sa >= 0.95 && aa >= 0.95;
        return sb.append(String.format(Locale.ROOT, "At the largest variance SA and AA keep %.1f%% and %.1f%% of their noise-free "
                + "accuracy (Kolen-Pollack, with noise on B only: %.1f%% as Akrout et al. define it, %.1f%% in the reference "
                + "code's setting): the claim that SA and AA operate effectively with noisy updates %s (criterion: at least "
                + "95%% of the noise-free accuracy kept).", 100 * sa, 100 * aa, 100 * retained.getOrDefault("kp", Double.NaN),
                100 * retained.getOrDefault("kp-kunin", Double.NaN), robust ? "is reproduced" : "is NOT reproduced at this scale")).toString();
    }

    static double[] means(List<SeedRuns> runs) {
        return runs.stream().mapToDouble(r -> r.summary("test_acc").mean()).toArray();
    }

    private static double[] atChance(double[] acc) {
        return Arrays.stream(acc).map(a -> Double.isFinite(a) ? a : 0.1).toArray();
    }

    private static double[] gaps(double[] bp, double[] rule) {
        double[] g = new double[bp.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = 100 * (bp[i] - rule[i]);
        }
        return g;
    }

    private static double[] times100(double[] v) {
        return Arrays.stream(v).map(x -> 100 * x).toArray();
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray();
    }
}
