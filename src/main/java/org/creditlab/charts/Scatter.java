package org.creditlab.charts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Diamond;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Scatter and line plots of arbitrary x and y: point clouds (a PCA of feedback matrices), sensitivity curves
 * (accuracy against a metaparameter), with named single points marked (Jᵀ, J⁺, the paper's value).
 */
public final class Scatter implements Plot {
    private record Series(String name, double[] x, double[] y, boolean line, boolean big) {}

    /** A diamond three times the chart's marker size, so that marked points stand out of a cloud. */
    private static final Marker LARGE_DIAMOND = new Diamond() {
        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            super.paint(g, x, y, 3 * size);
        }
    };

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logX;
    private boolean logY;
    private boolean labelMarks;

    private Scatter(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public static Scatter of(String title, String xLabel, String yLabel) {
        return new Scatter(title, xLabel, yLabel);
    }

    /** No point in any series. */
    @Override
    public boolean isEmpty() {
        return series.stream().allMatch(s -> s.x().length == 0);
    }

    public Scatter points(String name, double[] x, double[] y) {
        series.add(new Series(name, x.clone(), y.clone(), false, false));
        return this;
    }

    public Scatter line(String name, double[] x, double[] y) {
        series.add(new Series(name, x.clone(), y.clone(), true, false));
        return this;
    }

    /** One labelled point, drawn large (a reference value, a special matrix). */
    public Scatter mark(String name, double x, double y) {
        series.add(new Series(name, new double[] {x}, new double[] {y}, false, true));
        return this;
    }

    public Scatter logX() {
        logX = true;
        return this;
    }

    public Scatter logY() {
        logY = true;
        return this;
    }

    /**
     * Writes each marked point's name just above it, so that points whose colours repeat (more series than the
     * palette has colours) can still be told apart.
     */
    public Scatter labelMarks() {
        labelMarks = true;
        return this;
    }

    @Override
    public BufferedImage image(int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Style.apply(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        // a log axis labels only powers of ten, which leaves one label or none on data within two decades
        chart.getStyler().setXAxisLogarithmicDecadeOnly(!withinTwoDecades(Series::x));
        chart.getStyler().setYAxisLogarithmicDecadeOnly(!withinTwoDecades(Series::y));
        chart.getStyler().setMarkerSize(5);
        int c = 0;
        for (Series s : series) {
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            Color color = Style.color(c++);
            xy.setMarkerColor(color);
            xy.setLineColor(color);
            if (s.line()) {
                xy.setLineStyle(Style.LINE);
                xy.setMarker(SeriesMarkers.CIRCLE);
            } else {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xy.setMarker(s.big() ? LARGE_DIAMOND : SeriesMarkers.CIRCLE);
            }
        }
        if (labelMarks) {
            addLabels(chart);
        }
        return Style.paintTitle(BitmapEncoder.getBufferedImage(chart), title, chart.getStyler());
    }

    /** The series' names, in the order they were added (the legend's entries). */
    public List<String> legend() {
        return series.stream().map(Series::name).toList();
    }

    /** Whether the positive values of one axis span less than two decades (false with none). */
    private boolean withinTwoDecades(Function<Series, double[]> axis) {
        double[] v = series.stream().flatMapToDouble(s -> Arrays.stream(axis.apply(s))).filter(d -> d > 0 && Double.isFinite(d)).toArray();
        return v.length > 0 && Arrays.stream(v).max().getAsDouble() / Arrays.stream(v).min().getAsDouble() < 100;
    }

    /** Each mark's name, a thirtieth of the y range above it (above, so the diamond stays visible). */
    private void addLabels(XYChart chart) {
        double lo = series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).filter(Double::isFinite).min().orElse(0);
        double hi = series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).filter(Double::isFinite).max().orElse(1);
        double lift = (hi > lo ? hi - lo : 1) / 30;
        for (Series s : series) {
            if (s.big()) {
                chart.addAnnotation(new AnnotationText(s.name(), s.x()[0], s.y()[0] + lift, false));
            }
        }
    }
}
