package org.creditlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.creditlab.charts.Bars;
import org.creditlab.charts.Curves;
import org.creditlab.charts.Scatter;
import org.creditlab.util.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for figures: {@code figures/<notebook>/} holds the paper-scale figures, and QUICK writes to
 * {@code figures/quick/<notebook>/}, so that a QUICK run never overwrites them; the README's figure links resolve.
 */
class FigureFoldersTest {
    @TempDir
    Path home;

    /** Starts notebook {@code name} in {@code profile} with the project root at {@link #home}. */
    private Notebook start(String name, Profile profile) {
        String oldHome = System.getProperty(ProjectPaths.HOME_PROPERTY);
        String oldProfile = System.getProperty("creditlab.profile");
        System.setProperty(ProjectPaths.HOME_PROPERTY, home.toString());
        System.setProperty("creditlab.profile", profile.name());
        try {
            return Notebook.start(name);
        } finally {
            restore(ProjectPaths.HOME_PROPERTY, oldHome);
            restore("creditlab.profile", oldProfile);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void quickWritesItsOwnFolderAndNeverThePaperScaleOne() {
        Notebook quick = start("study", Profile.QUICK);
        Notebook full = start("study", Profile.FULL);
        assertEquals(home.resolve("figures").resolve("quick").resolve("study"), quick.figures());
        assertEquals(home.resolve("figures").resolve("study"), full.figures());
        full.show("curve", new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
        quick.show("curve", new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
        assertTrue(Files.isRegularFile(home.resolve("figures/quick/study/curve.png")));
        assertTrue(Files.isRegularFile(home.resolve("figures/study/curve.png")));
        assertFalse(Files.exists(home.resolve("figures/quick/study").resolve("quick")));
        assertThrows(IllegalArgumentException.class, () -> start(Notebook.QUICK_FOLDER, Profile.FULL),
                "a notebook named like the QUICK folder would mix the two");
    }

    @Test
    void aChartWithNothingToDrawIsShownButNotSaved() {
        Notebook full = start("study", Profile.FULL);
        Scatter empty = Scatter.of("no runs yet", "x", "y");
        assertTrue(empty.isEmpty());
        assertEquals(300, full.show("empty", empty, 300, 200).getWidth());
        assertFalse(Files.exists(home.resolve("figures/study/empty.png")), "an empty chart must not reach figures/");
        full.show("one", Scatter.of("one run", "x", "y").points("rule", new double[] {1}, new double[] {2}), 300, 200);
        assertTrue(Files.isRegularFile(home.resolve("figures/study/one.png")));
    }

    @Test
    void aChartWithOnlyThePapersValuesIsNotSavedEither() {
        Notebook full = start("study", Profile.FULL);
        // as a paper-scale notebook draws a cluster study whose runs are not recorded: every series of ours empty
        Bars paperOnly = Bars.of("gap by depth", "rule", "points").bar("IA", "ours, ResNet-8", new double[] {Double.NaN})
                .reference("IA", "paper, ResNet-18", 2.16);
        Curves notRun = Curves.of("curves", "epoch", "accuracy").band("PEPITA", List.of(new double[0], new double[0]))
                .line("BP", new double[0], new double[0]).reference("paper: 98.01%", 0.9801);
        assertTrue(paperOnly.isEmpty());
        assertTrue(notRun.isEmpty());
        full.show("bars", paperOnly, 300, 200);
        full.show("curves", notRun, 300, 200);
        assertFalse(Files.exists(home.resolve("figures/study/bars.png")), "the paper's markers alone are not a result");
        assertFalse(Files.exists(home.resolve("figures/study/curves.png")), "runs not trained and a reference line");

        // one finite bar, one run's band or one line of ours is a result, and is saved
        Bars oneBar = paperOnly.bar("SA", "ours, ResNet-8", 0.3, 0.1);
        Curves oneBand = Curves.of("curves", "epoch", "accuracy").band("PEPITA", List.of(new double[] {0.8, 0.9}, new double[0]));
        Curves oneLine = Curves.of("curves", "epoch", "accuracy").line("BP", new double[] {1}, new double[] {0.9});
        assertFalse(oneBar.isEmpty());
        assertFalse(oneBand.isEmpty());
        assertFalse(oneLine.isEmpty());
        full.show("bars", oneBar, 300, 200);
        full.show("curves", oneBand, 300, 200);
        assertTrue(Files.isRegularFile(home.resolve("figures/study/bars.png")));
        assertTrue(Files.isRegularFile(home.resolve("figures/study/curves.png")));
    }

    @Test
    void theReadmesFigureLinksResolve() throws Exception {
        Matcher m = Pattern.compile("\\]\\((figures/[^)]*)\\)").matcher(Files.readString(Path.of("README.md")));
        List<String> broken = new ArrayList<>();
        int links = 0;
        while (m.find()) {
            links++;
            if (!Files.exists(Path.of(m.group(1)))) {
                broken.add(m.group(1));
            }
        }
        assertTrue(links >= 5, "the README links each notebook's figures");
        assertEquals(List.of(), broken, "README links to figures that are not there");
    }
}
