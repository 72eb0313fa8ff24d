package org.creditlab.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A matrix of values as coloured cells with row and column labels and a colour bar: metaparameter sweeps (rows ×
 * columns of settings) and weight matrices. Drawn with Java2D, so any size of matrix works; diverging data (with
 * negative and positive values) uses a blue-white-red scale centred on zero.
 */
public final class Heatmap implements Plot {
    private final String title;
    private final double[][] values;
    private final List<String> rowLabels;
    private final List<String> columnLabels;
    private boolean annotate;

    private Heatmap(String title, double[][] values, List<String> rowLabels, List<String> columnLabels) {
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("a heatmap needs at least one cell");
        }
        this.title = title;
        this.values = values;
        this.rowLabels = rowLabels;
        this.columnLabels = columnLabels;
    }

    /** A labelled grid; the labels may be empty lists for an unlabelled matrix. */
    public static Heatmap of(String title, double[][] values, List<String> rowLabels, List<String> columnLabels) {
        return new Heatmap(title, values, rowLabels, columnLabels);
    }

    /** Writes each cell's value in it (for small sweep grids). */
    public Heatmap annotate() {
        annotate = true;
        return this;
    }

    @Override
    public BufferedImage image(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.DARK_GRAY);
        g.drawString(title, 10, 22);
        g.setFont(labelFont);
        FontMetrics fm = g.getFontMetrics();
        int left = 10 + rowLabels.stream().mapToInt(fm::stringWidth).max().orElse(0) + 6;
        int top = 34;
        int bottom = columnLabels.isEmpty() ? 10 : 22;
        int bar = 70;
        int rows = values.length;
        int cols = values[0].length;
        double cellW = (width - left - bar - 10) / (double) cols;
        double cellH = (height - top - bottom) / (double) rows;
        double[] range = range();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int x = left + (int) (c * cellW);
                int y = top + (int) (r * cellH);
                int w = (int) Math.ceil(cellW);
                int h = (int) Math.ceil(cellH);
                g.setColor(color(values[r][c], range));
                g.fillRect(x, y, w, h);
                if (annotate && Double.isFinite(values[r][c])) {
                    String s = String.format("%.3g", values[r][c]);
                    g.setColor(Color.BLACK);
                    g.drawString(s, x + (w - fm.stringWidth(s)) / 2, y + (h + fm.getAscent()) / 2 - 2);
                }
            }
            if (r < rowLabels.size()) {
                g.setColor(Color.DARK_GRAY);
                g.drawString(rowLabels.get(r), 10, top + (int) ((r + 0.5) * cellH) + fm.getAscent() / 2);
            }
        }
        g.setColor(Color.DARK_GRAY);
        for (int c = 0; c < columnLabels.size() && c < cols; c++) {
            String s = columnLabels.get(c);
            g.drawString(s, left + (int) ((c + 0.5) * cellW) - fm.stringWidth(s) / 2, height - 8);
        }
        paintColorBar(g, width - bar + 14, top, height - top - bottom, range, fm);
        g.dispose();
        return img;
    }

    private void paintColorBar(Graphics2D g, int x, int y, int h, double[] range, FontMetrics fm) {
        for (int i = 0; i < h; i++) {
            double v = range[1] - (range[1] - range[0]) * i / Math.max(1, h - 1);
            g.setColor(color(v, range));
            g.fillRect(x, y + i, 14, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format("%.3g", range[1]), x + 17, y + fm.getAscent());
        g.drawString(String.format("%.3g", range[0]), x + 17, y + h);
    }

    private double[] range() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!Double.isFinite(lo)) {
            return new double[] {0, 1};
        }
        if (lo < 0 && hi > 0) {
            double m = Math.max(-lo, hi);
            return new double[] {-m, m};
        }
        return lo == hi ? new double[] {lo - 1, hi + 1} : new double[] {lo, hi};
    }

    /** Viridis-like for one-signed data; blue-white-red for data that straddles zero. NaN is grey. */
    private static Color color(double v, double[] range) {
        if (!Double.isFinite(v)) {
            return new Color(200, 200, 200);
        }
        double t = (v - range[0]) / (range[1] - range[0]);
        t = Math.max(0, Math.min(1, t));
        if (range[0] < 0 && range[1] > 0) {
            if (t < 0.5) {
                double a = t / 0.5;
                return new Color((int) (33 + a * 222), (int) (102 + a * 153), (int) (172 + a * 83));
            }
            double a = (t - 0.5) / 0.5;
            return new Color((int) (255 - a * 77), (int) (255 - a * 231), (int) (255 - a * 212));
        }
        // a compact viridis approximation: dark purple → teal → yellow
        int[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double p = t * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) p);
        double f = p - i;
        return new Color((int) (stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (int) (stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (int) (stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }
}
