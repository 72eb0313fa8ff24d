package org.creditlab.papers.kunin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.creditlab.charts.Bars;
import org.creditlab.charts.Curves;
import org.creditlab.charts.Scatter;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;

/** The Kunin notebook's figures, built from the runs of {@link KuninStudy} and {@link ResNetDepth}. */
public final class KuninFigures {
    private KuninFigures() {}

    /** Section 1: test accuracy of every rule of the zoo (mean ± std over seeds), with BioTorch's BP as a reference. */
    public static Curves zooAccuracy(Map<Method, SeedRuns> zoo) {
        Curves c = Curves.of("Rule zoo, cf. the paper's ImageNet comparison: test accuracy (mean ± std)", "epoch", "test accuracy")
                .palette(labels(zoo));
        zoo.forEach((m, runs) -> c.band(m.label(), runs.metrics(), "test_acc"));
        return c.reference("BioTorch, BP, F-MNIST LeNet 100 epochs", KuninReported.biotorchFashionMnist().get(Method.BP.label()));
    }

    /** The zoo's rules in its order: each keeps one colour across the zoo's three charts. */
    private static List<String> labels(Map<Method, SeedRuns> zoo) {
        return zoo.keySet().stream().map(Method::label).toList();
    }

    /** Section 1: the angle between each rule's update and the backprop gradient, over the whole network. */
    public static Curves updateAngles(Map<Method, SeedRuns> zoo) {
        Curves c = Curves.of("Angle between the rule's update and the backprop gradient (ours; no paper counterpart)", "epoch", "degrees")
                .palette(labels(zoo));
        zoo.forEach((m, runs) -> {
            if (m != Method.BP) {
                c.band(m.label(), runs.metrics(), "angle_bp/network");
            }
        });
        return c;
    }

    /** Section 1: the angle between B and Wᵀ of the top layer, for the rules that have a B there. */
    public static Curves feedbackAngles(Map<Method, SeedRuns> zoo) {
        String column = "angle_BWt/dense3";
        Curves c = Curves.of("Angle between B and Wᵀ, top hidden-to-output layer (dense3; ours, no paper counterpart)", "epoch", "degrees")
                .palette(labels(zoo));
        zoo.forEach((m, runs) -> {
            if (runs.runs().get(0).metrics().columns().contains(column)) {
                c.band(m.label(), runs.metrics(), column);
            }
        });
        return c;
    }

    /**
     * Section 2: the final test accuracy of every search trial (diverged and not-run ones are not drawn; the legend
     * counts those not run), with backprop's mark.
     */
    public static Scatter searchTrials(SearchResult wm, SearchResult ia, SeedRuns backprop) {
        double[] wmAcc = wm.last("test_acc");
        double[] iaAcc = ia.last("test_acc");
        return Scatter.of("Random search, cf. the paper's TPE-trial figure (diverged trials not drawn)", "rule (0 = WM, 1 = IA)",
                        "test accuracy")
                .points("weight mirror" + notRun(wm), Arrays.stream(wmAcc).map(a -> 0.0).toArray(), wmAcc)
                .points("information alignment" + notRun(ia), Arrays.stream(iaAcc).map(a -> 1.0).toArray(), iaAcc)
                .mark("backprop", 0.5, backprop.summary("test_acc").mean());
    }

    private static String notRun(SearchResult search) {
        return search.missing() == 0 ? "" : " (" + search.missing() + " of " + search.trials().size() + " not run)";
    }

    /** Section 3: mean final test accuracy against the number of hidden layers, one line per rule. */
    public static Scatter depth(Map<Method, List<SeedRuns>> runs, List<Integer> depths) {
        Scatter s = Scatter.of("Depth, cf. the paper's ResNet-v2 depth comparison", "hidden layers", "test accuracy");
        double[] x = depths.stream().mapToDouble(Integer::doubleValue).toArray();
        runs.forEach((m, byDepth) -> s.line(m.label(), x, KuninFindings.means(byDepth)));
        return s;
    }

    /** Section 4: mean final test accuracy against the noise variance (log scale, so the noise-free runs sit at 1e-6). */
    public static Scatter noise(Map<Method, List<SeedRuns>> runs, List<Double> variances) {
        Scatter s = Scatter.of("Noisy updates, cf. the paper's noise figure", "noise variance (0 drawn at 1e-6)", "test accuracy")
                .logX();
        double[] x = variances.stream().mapToDouble(v -> v == 0 ? 1e-6 : v).toArray();
        runs.forEach((m, byNoise) -> {
            double[] y = KuninFindings.means(byNoise);
            // a variance at which every seed diverged has no point: the legend says so, or the line would just stop
            List<String> diverged = IntStream.range(0, y.length).filter(i -> Double.isNaN(y[i]))
                    .mapToObj(i -> String.valueOf(variances.get(i))).toList();
            s.line(m.label() + (diverged.isEmpty() ? "" : " (diverged at " + String.join(", ", diverged) + ")"), x, y);
        });
        return s;
    }

    /**
     * The gap to BP (points of test accuracy) of every rule at every depth, with the paper's ImageNet gaps at
     * ResNet-18 and ResNet-50 ({@link KuninReported#imagenetTop1}, [unverified]) as markers beside them.
     */
    public static Bars resnetGaps(ResNetDepth study, Map<Method, List<SeedRuns>> runs) {
        Bars b = Bars.of("Gap to BP by ResNet depth, cf. the paper's ResNet comparison",
                "rule", "BP accuracy − rule accuracy (points)");
        double[] bp = KuninFindings.means(runs.get(Method.BP));
        List<Integer> depths = study.depths();
        runs.forEach((rule, byDepth) -> {
            if (rule != Method.BP) {
                for (int i = 0; i < depths.size(); i++) {
                    double[] acc = byDepth.get(i).last("test_acc");
                    double[] gap = new double[acc.length];
                    for (int k = 0; k < acc.length; k++) {
                        gap[k] = 100 * (bp[i] - acc[k]);
                    }
                    b.bar(rule.label().toUpperCase(Locale.ROOT), "ours, ResNet-" + depths.get(i), gap);
                }
            }
        });
        Map<String, double[]> paper = KuninReported.imagenetTop1();
        for (int k = 0; k < KuninReported.IMAGENET_DEPTHS.length; k++) {
            for (Method rule : List.of(Method.IA, Method.SA, Method.AA)) {
                b.reference(rule.label().toUpperCase(Locale.ROOT), "paper, ImageNet ResNet-" + KuninReported.IMAGENET_DEPTHS[k] + " [unverified]",
                        paper.get(Method.BP.label())[k] - paper.get(rule.label())[k]);
            }
        }
        return b;
    }
}
