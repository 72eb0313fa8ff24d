package org.creditlab.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
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

    private Style() {}

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static void apply(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(180, 180, 180));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(new Color(210, 210, 210));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
    }
}
