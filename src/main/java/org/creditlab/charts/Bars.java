package org.creditlab.charts;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.creditlab.sweep.Summary;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Grouped bar charts with error bars (mean ± std over seeds), and the paper's values as markers beside our bars.
 *
 * <pre>{@code
 * Bars.of("Final test accuracy", "method", "accuracy")
 *     .bar("BP", "ours", 0.862, 0.003).bar("FA", "ours", 0.851, 0.004)
 *     .reference("BP", "paper", 0.986)
 * }</pre>
 */
public final class Bars implements Plot {
    private record Value(double mean, double std) {}

    /** One shape per reference series, so that two papers' values at the same category can be told apart. */
    private static final Marker[] REFERENCE_MARKERS =
            {SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_DOWN};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Set<String> categories = new LinkedHashSet<>();
    private final Map<String, Map<String, Value>> bars = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> references = new LinkedHashMap<>();
    private final Map<String, String> whyEmpty = new LinkedHashMap<>();
    private double yMin = Double.NaN;
    private double yMax = Double.NaN;

    private Bars(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public static Bars of(String title, String xLabel, String yLabel) {
        return new Bars(title, xLabel, yLabel);
    }

    /** A bar of series {@code series} at category {@code category}, with a ± {@code std} error bar. */
    public Bars bar(String category, String series, double mean, double std) {
        categories.add(category);
        bars.computeIfAbsent(series, k -> new LinkedHashMap<>()).put(category, new Value(mean, std));
        return this;
    }

    /** Mean ± sample std of the finite {@code values} (a diverged seed's NaN does not blank the bar). */
    public Bars bar(String category, String series, double[] values) {
        Summary s = Summary.of(values);
        return bar(category, series, s.mean(), s.std());
    }

    /** A value the paper reports, drawn as a marker at {@code category}. */
    public Bars reference(String category, String label, double value) {
        categories.add(category);
        references.computeIfAbsent(label, k -> new LinkedHashMap<>()).put(category, value);
        return this;
    }

    /**
     * No bar of ours has a finite value (every run behind them not trained, or diverged): the paper's markers alone are
     * not a result to save.
     */
    @Override
    public boolean isEmpty() {
        return bars.values().stream().flatMap(b -> b.values().stream()).noneMatch(v -> Double.isFinite(v.mean()));
    }

    /** Why {@code category} may have no bar of ours (e.g. "diverged"), said on the axis in place of "no result". */
    public Bars whyEmpty(String category, String why) {
        if (why != null && !why.isBlank()) {
            whyEmpty.put(category, why);
        }
        return this;
    }

    /**
     * The categories as the axis names them: one where no bar of ours has a finite value (its runs not trained, or
     * all diverged) is marked "(no result)", or with the reason {@link #whyEmpty} gave, so that an empty slot is not
     * read as a result of zero.
     */
    public List<String> categoryLabels() {
        List<String> labels = new ArrayList<>();
        for (String c : categories) {
            boolean result = bars.values().stream().map(b -> b.get(c)).anyMatch(v -> v != null && Double.isFinite(v.mean()));
            labels.add(result ? c : c + " (" + whyEmpty.getOrDefault(c, "no result") + ")");
        }
        return labels;
    }

    public Bars yRange(double min, double max) {
        yMin = min;
        yMax = max;
        return this;
    }

    @Override
    public BufferedImage image(int width, int height) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Style.apply(chart.getStyler());
        chart.getStyler().setErrorBarsColor(Style.PAPER);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setMarkerSize(11);
        if (!Double.isNaN(yMin)) {
            chart.getStyler().setYAxisMin(yMin);
            chart.getStyler().setYAxisMax(yMax);
        }
        List<String> keys = new ArrayList<>(categories);
        List<String> cats = categoryLabels();
        if (labelsCrowd(cats, width)) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        int c = 0;
        for (Map.Entry<String, Map<String, Value>> e : bars.entrySet()) {
            double[] mean = new double[cats.size()];
            double[] std = new double[cats.size()];
            for (int i = 0; i < cats.size(); i++) {
                Value v = e.getValue().get(keys.get(i));
                mean[i] = v == null ? 0 : v.mean();
                std[i] = v == null ? 0 : v.std();
            }
            // a series without a finite value (its runs not trained, as under CREDITLAB_TRAIN=no, or all diverged)
            boolean noResult = e.getValue().values().stream().noneMatch(v -> Double.isFinite(v.mean()));
            CategorySeries s = chart.addSeries(e.getKey() + (noResult ? " (no result)" : ""), cats, toList(mean), toList(std));
            s.setFillColor(Style.color(c++));
        }
        int r = 0;
        for (Map.Entry<String, Map<String, Double>> e : references.entrySet()) {
            List<Double> y = new ArrayList<>();
            for (String cat : keys) {
                Double v = e.getValue().get(cat);
                y.add(v == null ? Double.NaN : v);
            }
            CategorySeries s = chart.addSeries(e.getKey(), cats, y);
            s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            s.setMarker(REFERENCE_MARKERS[r++ % REFERENCE_MARKERS.length]);
            s.setMarkerColor(Style.PAPER);
        }
        return Style.paintTitle(BitmapEncoder.getBufferedImage(chart), title, chart.getStyler());
    }

    /**
     * Whether the category names, written level, would run into each other: each gets an equal share of the plot's
     * width (about 85% of the image), and a name needs about 9 pixels a character in the axis's bold font (measured:
     * "3 (no result)" takes about 115).
     */
    static boolean labelsCrowd(List<String> categories, int width) {
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        return !categories.isEmpty() && longest * 9 > 0.85 * width / categories.size();
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double v : a) {
            l.add(v);
        }
        return l;
    }
}
