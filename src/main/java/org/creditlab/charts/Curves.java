package org.creditlab.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.sweep.Summary;
import org.creditlab.train.MetricsTable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts over epochs (or any x): plain lines, mean ± std bands over seeds, and dashed horizontal lines for the
 * values a paper reports, so ours and theirs sit side by side.
 *
 * <pre>{@code
 * Curves.of("Test accuracy", "epoch", "accuracy")
 *       .band("BP", bpRuns, "test_acc")
 *       .band("PEPITA", pepitaRuns, "test_acc")
 *       .reference("paper: PEPITA 98.01%", 0.9801)
 * }</pre>
 */
public final class Curves implements Plot {
    /** {@code key}: the name it was added under; {@code name}: the legend's, with its seed count. */
    private record Band(String key, String name, double[] x, double[] mean, double[] std) {}
    private record Line(String name, double[] x, double[] y, boolean markers) {}
    /** {@code of}: the series whose colour the line takes, or null for the paper's grey. */
    private record Reference(String label, double value, String of) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Band> bands = new ArrayList<>();
    private final List<String> notRun = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private List<String> palette = List.of();
    private boolean logY;
    private double yMin = Double.NaN;
    private double yMax = Double.NaN;

    private Curves(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public static Curves of(String title, String xLabel, String yLabel) {
        return new Curves(title, xLabel, yLabel);
    }

    /** A plain line. */
    public Curves line(String name, double[] x, double[] y) {
        check(x.length == y.length, "x and y of '" + name + "' differ in length");
        lines.add(new Line(name, x.clone(), y.clone(), false));
        return this;
    }

    /** A line with markers at each point. */
    public Curves points(String name, double[] x, double[] y) {
        check(x.length == y.length, "x and y of '" + name + "' differ in length");
        lines.add(new Line(name, x.clone(), y.clone(), true));
        return this;
    }

    /** One metric of one run against its epoch; a run without epochs is named in the chart's corner instead. */
    public Curves line(String name, MetricsTable run, String column) {
        return run.epochs() == 0 ? notRun(name) : line(name, run.column("epoch"), run.column(column));
    }

    /** A series with nothing to show (its run not trained or not produced), named in the chart's corner. */
    public Curves notRun(String name) {
        notRun.add(name);
        return this;
    }

    /**
     * The mean over seeds with a shaded band of ± one standard deviation; runs may differ in length (a diverged
     * seed), and each epoch uses the runs that reached it.
     */
    public Curves band(String name, List<MetricsTable> runs, String column) {
        List<double[]> ys = new ArrayList<>();
        for (MetricsTable t : runs) {
            ys.add(t.column(column));
        }
        return band(name, ys);
    }

    /**
     * Mean ± std over the given series, with x = 1, 2, ... An empty series is a run without epochs (not trained, not
     * produced, or diverged in its first epoch): the legend counts the runs drawn among those asked for, and a band with
     * none is named in the chart's corner.
     */
    public Curves band(String name, List<double[]> asked) {
        check(!asked.isEmpty(), "band '" + name + "' needs at least one series");
        List<double[]> series = asked.stream().filter(s -> s.length > 0).toList();
        if (series.isEmpty()) {
            return notRun(name);
        }
        int n = series.stream().mapToInt(s -> s.length).max().orElse(0);
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            final int k = i;
            Summary at = Summary.of(series.stream().filter(s -> s.length > k).mapToDouble(s -> s[k]).toArray());
            mean[i] = at.mean();
            std[i] = at.std();
        }
        String count = series.size() < asked.size() ? " (n=" + series.size() + " of " + asked.size() + ")"
                : series.size() > 1 ? " (n=" + series.size() + ")" : "";
        bands.add(new Band(name, name + count, x, mean, std));
        return this;
    }

    /** No band and no line with a point: every series not run, with at most the paper's reference lines to draw. */
    @Override
    public boolean isEmpty() {
        return bands.isEmpty() && lines.stream().allMatch(l -> l.x().length == 0);
    }

    /** The legend's entries for bands (with their seed counts) and lines, in the order they were added. */
    public List<String> legend() {
        List<String> names = new ArrayList<>();
        bands.forEach(b -> names.add(b.name()));
        lines.forEach(l -> names.add(l.name()));
        return names;
    }

    /** The series named in the chart's corner because they have nothing to show. */
    public List<String> notRunNames() {
        return List.copyOf(notRun);
    }

    /** A dashed horizontal line at a value the paper reports. */
    public Curves reference(String label, double value) {
        references.add(new Reference(label, value, null));
        return this;
    }

    /**
     * A dashed horizontal line at a value the paper reports for the series added as {@code series} (a band's or a line's
     * name), drawn in that series' colour so that several such lines can be told apart.
     */
    public Curves reference(String label, double value, String series) {
        references.add(new Reference(label, value, series));
        return this;
    }

    /**
     * Gives the series named in {@code order} the palette's colour of their position there, whatever this chart
     * draws, so that charts of the same series in one notebook agree (a chart that leaves backprop out does not shift
     * every other rule's colour); series not named keep their place's colour.
     */
    public Curves palette(List<String> order) {
        palette = List.copyOf(order);
        return this;
    }

    /** The palette index of the series added as {@code key}, drawn at {@code position} among the chart's series. */
    int colourIndex(String key, int position) {
        int i = palette.indexOf(key);
        return i >= 0 ? i : position;
    }

    public Curves logY() {
        logY = true;
        return this;
    }

    public Curves yRange(double min, double max) {
        yMin = min;
        yMax = max;
        return this;
    }

    @Override
    public BufferedImage image(int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Style.apply(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setMarkerSize(6);
        double[] range = Double.isNaN(yMin) ? dataRange() : new double[] {yMin, yMax};
        chart.getStyler().setYAxisMin(range[0]);
        chart.getStyler().setYAxisMax(range[1]);
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        int c = 0;
        Map<String, Integer> colours = new HashMap<>();
        for (Band b : bands) {
            double[][] xy = finitePoints(b.x(), b.mean());
            XYSeries s = chart.addSeries(b.name(), xy[0], xy[1]);
            int colour = colourIndex(b.key(), c++);
            colours.putIfAbsent(b.key(), colour);
            style(s, colour, false);
            xMin = Math.min(xMin, b.x()[0]);
            xMax = Math.max(xMax, b.x()[b.x().length - 1]);
        }
        for (Line l : lines) {
            double[][] xy = finitePoints(l.x(), l.y());
            XYSeries s = chart.addSeries(l.name(), xy[0], xy[1]);
            int colour = colourIndex(l.name(), c++);
            colours.putIfAbsent(l.name(), colour);
            style(s, colour, l.markers());
            xMin = Math.min(xMin, Arrays.stream(l.x()).min().orElse(0));
            xMax = Math.max(xMax, Arrays.stream(l.x()).max().orElse(1));
        }
        if (!Double.isFinite(xMin)) {
            xMin = 0;
            xMax = 1;
        }
        for (Reference r : references) {
            XYSeries s = chart.addSeries(r.label(), new double[] {xMin, xMax}, new double[] {r.value(), r.value()});
            Integer colour = r.of() == null ? null : colours.get(r.of());
            s.setLineColor(colour == null ? Style.PAPER : Style.color(colour));
            s.setLineStyle(Style.DASHED);
            s.setMarker(SeriesMarkers.NONE);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        chart.paint(g, width, height);
        paintBands(chart, g);
        if (!notRun.isEmpty()) { // in the bottom-left corner, clear of the axis title
            g.setColor(Color.DARK_GRAY);
            g.setFont(g.getFont().deriveFont(Font.ITALIC, 11f));
            g.drawString("no epochs to show (not run, or diverged at once): " + String.join("; ", notRun), 6, height - 6);
        }
        g.dispose();
        return Style.paintTitle(img, title, chart.getStyler());
    }

    /** The y range that shows every line, band edge and reference, with a 5% margin (in log space for a log axis). */
    private double[] dataRange() {
        List<Double> ys = new ArrayList<>();
        for (Band b : bands) {
            for (int i = 0; i < b.mean().length; i++) {
                ys.add(b.mean()[i] - b.std()[i]);
                ys.add(b.mean()[i] + b.std()[i]);
            }
        }
        lines.forEach(l -> Arrays.stream(l.y()).forEach(ys::add));
        references.forEach(r -> ys.add(r.value()));
        double[] v = ys.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).filter(y -> !logY || y > 0).toArray();
        if (v.length == 0) {
            return logY ? new double[] {0.1, 1} : new double[] {0, 1};
        }
        double lo = Arrays.stream(v).min().getAsDouble();
        double hi = Arrays.stream(v).max().getAsDouble();
        if (logY) {
            double a = Math.log10(lo);
            double b = Math.log10(hi);
            double pad = Math.max(0.05 * (b - a), 0.05);
            return new double[] {Math.pow(10, a - pad), Math.pow(10, b + pad)};
        }
        double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(Math.abs(hi) * 0.1, 0.5);
        return new double[] {lo - pad, hi + pad};
    }

    /** Draws each band as a translucent polygon over the painted chart, in its series' colour. */
    private void paintBands(XYChart chart, Graphics2D g) {
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            if (Arrays.stream(b.std()).allMatch(v -> v == 0)) {
                continue;
            }
            Polygon p = new Polygon();
            for (int k = 0; k < b.x().length; k++) {
                if (Double.isFinite(b.mean()[k])) {
                    p.addPoint((int) chart.getScreenXFromChart(b.x()[k]), (int) chart.getScreenYFromChart(b.mean()[k] + b.std()[k]));
                }
            }
            for (int k = b.x().length - 1; k >= 0; k--) {
                if (Double.isFinite(b.mean()[k])) {
                    double lower = b.mean()[k] - b.std()[k];
                    if (logY && lower <= 0) {
                        lower = b.mean()[k] * 0.5;
                    }
                    p.addPoint((int) chart.getScreenXFromChart(b.x()[k]), (int) chart.getScreenYFromChart(lower));
                }
            }
            g.setColor(Style.translucent(Style.color(colourIndex(b.key(), i)), 60));
            g.setStroke(new BasicStroke(0));
            g.fillPolygon(p);
        }
    }

    private static void style(XYSeries s, int i, boolean markers) {
        s.setLineColor(Style.color(i));
        s.setMarkerColor(Style.color(i));
        s.setLineStyle(Style.LINE);
        s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    /** The points whose y is finite (a NaN is a missing value: a diverged seed, an unmeasured epoch). */
    private static double[][] finitePoints(double[] x, double[] y) {
        int n = (int) Arrays.stream(y).filter(Double::isFinite).count();
        double[][] out = new double[2][n];
        for (int i = 0, k = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                out[0][k] = x[i];
                out[1][k++] = y[i];
            }
        }
        if (n == 0) {
            return new double[][] {{x.length > 0 ? x[0] : 0}, {0}};
        }
        return out;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
