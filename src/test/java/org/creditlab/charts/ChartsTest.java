package org.creditlab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.creditlab.data.Dataset;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

/** Every chart kind draws a non-empty image of the requested size. */
class ChartsTest {

    static MetricsTable run(double offset) {
        List<EpochRecord> rows = new java.util.ArrayList<>();
        for (int e = 1; e <= 6; e++) {
            rows.add(new EpochRecord().put("epoch", e).put("test_acc", 0.5 + 0.05 * e + offset));
        }
        return new MetricsTable("run", rows);
    }

    static Stream<Plot> plots() {
        double[][] grid = {{0.1, 0.5, 0.9}, {0.2, Double.NaN, 0.7}};
        Dataset images = new Dataset("toy", Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 6, 16), new int[] {0, 1, 2, 0, 1, 2},
                3, List.of("a", "b", "c"), new long[] {1, 4, 4}, null);
        return Stream.of(
                Curves.of("curves", "epoch", "accuracy").band("BP", List.of(run(0), run(0.02), run(-0.01)), "test_acc")
                        .line("FA", run(-0.1), "test_acc").reference("paper: BP", 0.86),
                Curves.of("log", "epoch", "loss").points("x", new double[] {1, 2, 3}, new double[] {1, 0.1, 0.01}).logY(),
                Bars.of("bars", "method", "accuracy").bar("BP", "ours", 0.9, 0.01).bar("FA", "ours", new double[] {0.8, 0.82, 0.81})
                        .reference("BP", "paper", 0.95),
                Scatter.of("scatter", "pc1", "pc2").points("Q", new double[] {0, 1, 2}, new double[] {1, 0, 2}).mark("Jᵀ", 1, 1)
                        .line("fit", new double[] {0, 2}, new double[] {0, 2}),
                Heatmap.of("sweep", grid, List.of("lr 0.1", "lr 0.01"), List.of("a", "b", "c")).annotate(),
                Heatmap.of("signed", new double[][] {{-1, 0, 1}}, List.of(), List.of()),
                ImageGrid.samples(images, 6, 3),
                ImageGrid.of("fields", new long[] {1, 2, 2}, 2).add(new double[] {-1, 1, 0, 0.5}, "u1").symmetric());
    }

    @ParameterizedTest
    @MethodSource("plots")
    void drawsANonEmptyImageOfTheRequestedSize(Plot plot) {
        BufferedImage img = plot.image(500, 300);
        assertEquals(500, img.getWidth());
        assertEquals(300, img.getHeight());
        int background = img.getRGB(0, 0);
        long different = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                if (img.getRGB(x, y) != background) {
                    different++;
                }
            }
        }
        assertTrue(different > 500, "only " + different + " drawn pixels");
    }

    @Test
    void barLabelsTiltOnlyWhenTheyWouldRunIntoEachOther() {
        java.util.List<String> table1 = List.of("BP", "DFC", "DFC-SSA", "DFC-SS", "DFC (fixed)", "DFC-SSA (fixed)",
                "DFC-SS (fixed)", "DFA");
        assertTrue(Bars.labelsCrowd(table1, 760), "Table 1's eight methods at 760 px");
        assertFalse(Bars.labelsCrowd(List.of("BP", "FA", "DFA"), 760));
        assertFalse(Bars.labelsCrowd(List.of(), 760));
        // COPI's compression chart in QUICK: seven levels, four of them without a result of ours, at 900 px
        assertTrue(Bars.labelsCrowd(List.of("0", "1", "2", "3 (no result)", "4 (no result)", "5 (no result)", "6 (no result)"), 900));
    }

    @Test
    void aCategoryWithoutABarOfOursIsNamedAsHavingNoResult() {
        // the F-scale sweep at paper scale: only the default scale's runs exist, and a paper marker alone is not ours
        Bars sweep = Bars.of("scale", "s", "accuracy").bar("s = 0.05", "ours", new double[] {0.79, 0.81})
                .bar("s = 0.5", "ours", new double[] {Double.NaN, Double.NaN}).reference("s = 0.005", "paper", 0.97);
        assertEquals(List.of("s = 0.05", "s = 0.5 (no result)", "s = 0.005 (no result)"), sweep.categoryLabels());
        assertEquals(400, sweep.image(400, 300).getWidth());
        sweep.whyEmpty("s = 0.5", "diverged").whyEmpty("s = 0.05", "not run");
        assertEquals(List.of("s = 0.05", "s = 0.5 (diverged)", "s = 0.005 (no result)"), sweep.categoryLabels(),
                "the reason names an empty slot only");
        assertEquals(List.of("BP", "FA"), Bars.of("b", "m", "a").bar("BP", "ours", 0.9, 0).bar("FA", "other", 0.8, 0)
                .categoryLabels(), "a category with a bar of any series of ours has a result");
    }

    @Test
    void aPaletteKeepsEachSeriesColourAcrossChartsThatLeaveSomeOut() {
        List<String> zoo = List.of("bp", "fa", "dfa");
        Curves withBp = Curves.of("c", "epoch", "accuracy").palette(zoo);
        Curves withoutBp = Curves.of("c", "epoch", "angle").palette(zoo);
        assertEquals(1, withBp.colourIndex("fa", 1));
        assertEquals(1, withoutBp.colourIndex("fa", 0), "fa keeps bp's neighbour's colour where bp is not drawn");
        assertEquals(3, withoutBp.colourIndex("other", 3), "a series the palette does not name keeps its place's");
        assertEquals(0, Curves.of("c", "x", "y").colourIndex("fa", 0), "no palette: colours by place, as before");
        BufferedImage a = Curves.of("c", "x", "y").band("fa", List.of(new double[] {1, 2})).image(300, 200);
        BufferedImage b = Curves.of("c", "x", "y").palette(zoo).band("fa", List.of(new double[] {1, 2})).image(300, 200);
        assertTrue(differentPixels(a, b) > 50, "the line is drawn in the palette's colour");
    }

    private static int differentPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int x = 0; x < a.getWidth(); x++) {
            for (int y = 0; y < a.getHeight(); y++) {
                n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void bandShadesBetweenMeanMinusAndPlusStd() {
        BufferedImage withBand = Curves.of("c", "x", "y").band("a", List.of(new double[] {0, 0, 0}, new double[] {1, 1, 1})).image(400, 300);
        BufferedImage noBand = Curves.of("c", "x", "y").band("a", List.of(new double[] {0.5, 0.5, 0.5})).image(400, 300);
        assertTrue(colouredPixels(withBand) > colouredPixels(noBand) + 1000);
    }

    @Test
    void missingRunsAreCountedAndABandWithNoneIsNamedNotRun() {
        MetricsTable missing = new MetricsTable("run", List.of());
        BufferedImage partial = Curves.of("c", "epoch", "accuracy").band("BP", List.of(run(0), missing, run(0.02)), "test_acc")
                .band("DRTP", List.of(missing, missing), "test_acc").image(400, 300);
        assertTrue(colouredPixels(partial) > 1000, "BP's band is drawn");
        BufferedImage none = Curves.of("c", "epoch", "accuracy").band("DRTP", List.of(missing), "test_acc").image(400, 300);
        assertEquals(300, none.getHeight(), "a chart whose runs are all missing still draws (its corner says so)");
        BufferedImage bars = Bars.of("b", "method", "accuracy").bar("BP", "ours", new double[] {Double.NaN})
                .bar("FA", "ours", new double[] {0.8, 0.82}).image(400, 300);
        assertEquals(400, bars.getWidth(), "bars with a series of missing runs still draw");
    }

    @Test
    void aReferenceNamedForASeriesTakesItsColour() {
        double[] x = {1, 2, 3};
        Curves grey = Curves.of("t", "x", "y").line("a", x, new double[] {0, 0, 0}).reference("paper: a", 1).yRange(-1, 2);
        Curves coloured = Curves.of("t", "x", "y").line("a", x, new double[] {0, 0, 0}).reference("paper: a", 1, "a")
                .yRange(-1, 2);
        int inGrey = pixelsOf(grey.image(600, 300), Style.color(0).getRGB());
        int inColour = pixelsOf(coloured.image(600, 300), Style.color(0).getRGB());
        // the dashed line across the plot adds over a hundred pixels of the series' colour
        assertTrue(inColour > inGrey + 100, inGrey + " pixels of the series' colour in grey, " + inColour + " coloured");
    }

    @Test
    void aTitleTooWideForTheChartGetsASmallerFontThatFits() {
        String shortTitle = "Fig. 2";
        String longTitle = "Learning-rate sweep: train accuracy (the paper's sweep figure, probably Fig. 4 or 5 [unverified])";
        assertEquals(15, Style.titleFont(shortTitle, 600).getSize());
        java.awt.Font fitted = Style.titleFont(longTitle, 600);
        assertTrue(fitted.getSize() < 15 && fitted.getSize() >= 9, "size " + fitted.getSize());
        java.awt.Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        assertTrue(g.getFontMetrics(fitted).stringWidth(longTitle) <= 600 - 24, "the fitted title fits the chart");
        g.dispose();
        // drawn across the whole image, not over the plot area the legend narrows: nothing in the first columns
        BufferedImage img = Curves.of(longTitle, "x", "y").line("a series with a long legend entry", new double[] {1, 2},
                new double[] {1, 2}).image(600, 300);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 3; x++) {
                assertEquals(0xFFFFFFFF, img.getRGB(x, y) | 0xFF000000, "the title's first letter is inside the image");
            }
        }
    }

    private static int pixelsOf(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) | 0xFF000000) == (rgb | 0xFF000000) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void figuresAreSavedAsPng(@TempDir Path tmp) throws Exception {
        Path f = Figures.savePng(Bars.of("b", "x", "y").bar("a", "s", 1, 0).image(320, 200), tmp.resolve("sub/b.png"));
        BufferedImage back = ImageIO.read(f.toFile());
        assertEquals(320, back.getWidth());
        assertTrue(Files.size(f) > 1000);
    }

    @Test
    void imageGridRejectsWrongSizes() {
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of("g", new long[] {1, 2, 2}, 2).add(new double[3], "x"));
    }

    private static long colouredPixels(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 20) {
                    n++;
                }
            }
        }
        return n;
    }
}
