package org.creditlab.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.knowm.xchart.style.Styler;

/** The look shared by every CreditLab chart: white background, one palette, DejaVu fonts, legend outside. */
final class Style {
    /** Okabe and Ito's colour-blind-safe palette, then six more distinct colours for crowded charts (up to 14 series). */
    static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 120, 120), new Color(196, 178, 0),
        new Color(0, 0, 0), new Color(140, 40, 40), new Color(90, 60, 160), new Color(0, 100, 80),
        new Color(160, 100, 40), new Color(230, 60, 120)};
    /** Paper reference values are drawn in this colour, dashed. */
    static final Color PAPER = new Color(60, 60, 60);
    static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {7f, 5f}, 0f);
    static final BasicStroke LINE = new BasicStroke(2f);
    /** Every chart's title font, unless the title must be smaller to fit ({@link #titleFont}). */
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    private Style() {}

    /**
     * Bold sans 15 pt, or the largest size down to 9 pt at which {@code title} fits {@code width} with a margin: a
     * chart's title names the paper figure it reproduces, so none may be cut.
     */
    static Font titleFont(String title, int width) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            Font font = TITLE;
            while (font.getSize() > 9 && g.getFontMetrics(font).stringWidth(title) > width - 24) {
                font = font.deriveFont((float) font.getSize() - 1);
            }
            return font;
        } finally {
            g.dispose();
        }
    }

    /**
     * Writes {@code title} again, centred on the whole image in {@link #titleFont}: the band XChart drew it in (its
     * padding, the title's height in {@link #TITLE} and the title box's padding above and below, above the plot) is
     * cleared first.
     */
    static BufferedImage paintTitle(BufferedImage img, String title, Styler styler) {
        if (title == null || title.isBlank()) {
            return img;
        }
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            FontMetrics drawn = g.getFontMetrics(TITLE);
            int top = styler.getChartPadding();
            int band = top + drawn.getHeight() + 2 * styler.getChartTitlePadding();
            g.setColor(styler.getChartBackgroundColor());
            g.fillRect(0, 0, img.getWidth(), band);
            g.setFont(titleFont(title, img.getWidth()));
            g.setColor(styler.getChartFontColor());
            FontMetrics m = g.getFontMetrics();
            int baseline = top + styler.getChartTitlePadding() + drawn.getAscent();
            g.drawString(title, Math.max(4, (img.getWidth() - m.stringWidth(title)) / 2), baseline);
        } finally {
            g.dispose();
        }
        return img;
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /**
     * The style. XChart centres a title over the plot area, which the legend narrows, so a long title lost both its
     * ends; {@link #paintTitle} writes it again over the whole width, smaller if it must.
     */
    static void apply(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(180, 180, 180));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(TITLE);
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(new Color(210, 210, 210));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
    }
}
