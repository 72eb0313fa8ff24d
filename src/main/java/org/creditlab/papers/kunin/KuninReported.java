package org.creditlab.papers.kunin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the papers report, as data, with how sure we are of each value.
 *
 * <p>Kunin et al.'s ImageNet numbers could not be checked against the paper (its body was not available to us): only
 * BP's magnitude is reliable, and the qualitative claims of the abstract. BioTorch's Fashion-MNIST LeNet errors
 * (Sanfiz and Akrout 2021, the repository's Benchmarks.md) are read from its code and are a closer scale.
 */
public final class KuninReported {
    private KuninReported() {}

    /** A reported value: a number (NaN if only a description exists), its text, and whether it was verified. */
    public record Value(double value, String text, boolean verified) {}

    /** Kunin et al. 2020, ImageNet ResNet-18 top-1 validation accuracy (a different scale from ours). */
    public static Map<String, Value> imagenetResNet18() {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("bp", new Value(0.70, "≈70% (standard ResNet-18)", true));
        m.put("fa", new Value(Double.NaN, "fails (≈10% or lower)", false));
        m.put("wm", new Value(Double.NaN, "close to BP when tuned on ResNet-18", false));
        m.put("ia", new Value(Double.NaN, "≈2 points below BP", false));
        m.put("sa", new Value(Double.NaN, "≈ BP", false));
        m.put("aa", new Value(Double.NaN, "≈ BP", false));
        return m;
    }

    /** The depths of {@link #imagenetTop1()}'s two columns. */
    public static final int[] IMAGENET_DEPTHS = {18, 50};

    /**
     * Kunin et al. 2020, ImageNet top-1 validation accuracy (%) on ResNet-18 and ResNet-50, the notes' low-confidence
     * recollection of the printed values: all [unverified] except BP's magnitude. The paper's deeper v2 numbers
     * (ResNet-50v2/101v2/152v2) are not known to us.
     */
    public static Map<String, double[]> imagenetTop1() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("bp", new double[] {70.06, 76.05});
        m.put("ia", new double[] {67.9, 74.6});
        m.put("sa", new double[] {69.8, 76.3});
        m.put("aa", new double[] {69.6, 75.7});
        return m;
    }

    /** BioTorch, Fashion-MNIST, LeNet, 100 epochs: test accuracy (100 − the reported error). */
    public static Map<String, Double> biotorchFashionMnist() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("bp", 1 - 0.0920);
        m.put("fa", 1 - 0.1306);
        m.put("dfa", 1 - 0.1281);
        m.put("usf", 1 - 0.0969);
        m.put("brsf", 1 - 0.1002);
        m.put("frsf", 1 - 0.0961);
        return m;
    }

    /** The abstract's four claims, which the notebook's sections test. */
    public static final String[] CLAIMS = {
        "Weight mirror is highly sensitive to its metaparameters, and tuned values do not transfer across architectures.",
        "Information alignment is more robust and transfers better without re-tuning.",
        "The gap between the local rule (IA) and backprop widens with depth; SA and AA stay close to backprop.",
        "The non-local rules SA and AA keep working with noisy updates."};
}
