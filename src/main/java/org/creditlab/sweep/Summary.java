package org.creditlab.sweep;

import java.util.Arrays;
import java.util.Locale;

/**
 * Mean ± sample standard deviation of a metric over the runs that have it (diverged and missing runs are counted
 * apart, never dropped silently).
 *
 * @param n        runs with a finite value
 * @param diverged runs without one
 * @param missing  runs that could not be produced (failed every attempt)
 */
public record Summary(double mean, double std, int n, int diverged, int missing) {

    public Summary(double mean, double std, int n, int diverged) {
        this(mean, std, n, diverged, 0);
    }

    /** The summary of {@code values} (of the runs that exist), noting {@code missing} runs that do not. */
    public static Summary of(double[] values, int missing) {
        Summary s = of(values);
        return new Summary(s.mean, s.std, s.n, s.diverged, missing);
    }

    public static Summary of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        int bad = values.length - v.length;
        if (v.length == 0) {
            return new Summary(Double.NaN, Double.NaN, 0, bad);
        }
        double m = Arrays.stream(v).average().orElse(Double.NaN);
        double sd = v.length < 2 ? 0 : Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
        return new Summary(m, sd, v.length, bad);
    }

    /** e.g. "86.21 ± 0.34" for accuracies (as percentages) or "0.4123 ± 0.0051". */
    public String format(boolean percent) {
        String gaps = (diverged > 0 ? ", " + diverged + " diverged" : "") + (missing > 0 ? ", " + missing + " missing" : "");
        if (n == 0) {
            return gaps.isEmpty() ? "no runs" : gaps.substring(2);
        }
        int d = percentDecimals(mean);
        String s = percent ? String.format(Locale.ROOT, "%." + d + "f ± %." + d + "f", 100 * mean, 100 * std)
                : String.format(Locale.ROOT, "%.4g ± %.2g", mean, std);
        return gaps.isEmpty() ? s : s + " (" + gaps.substring(2) + ")";
    }

    /**
     * The decimals a fraction needs as a percentage: two, or up to four where two would round a fraction short of 1 up
     * to "100.00" (one image in 60,000 short, say).
     */
    public static int percentDecimals(double fraction) {
        int d = 2;
        while (d < 4 && fraction < 1 && String.format(Locale.ROOT, "%." + d + "f", 100 * fraction)
                .equals(String.format(Locale.ROOT, "%." + d + "f", 100.0))) {
            d++;
        }
        return d;
    }

    @Override
    public String toString() {
        return format(false);
    }
}
