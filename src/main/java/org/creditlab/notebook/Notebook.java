package org.creditlab.notebook;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import org.creditlab.charts.Figures;
import org.creditlab.charts.Plot;
import org.creditlab.experiment.StaleRuns;
import org.creditlab.train.MetricsTable;
import org.creditlab.util.ProjectPaths;
import tech.tablesaw.api.Table;

/**
 * A notebook's handle on CreditLab: its name, the profile it runs, where its figures go ({@link #figureFolder}), and
 * the display helpers. The first cell creates it:
 *
 * <pre>{@code
 * var nb = Notebook.start("00-quickstart");   // prints the profile and where figures go
 * ...
 * nb.show("learning-curves", Curves.of(...))  // last expression: the image renders inline, and is saved as PNG
 * }</pre>
 */
public final class Notebook {
    /** The folder under {@code figures/} that holds the QUICK profile's figures. */
    public static final String QUICK_FOLDER = "quick";

    private final String name;
    private final Profile profile;
    private final Path figures;
    private final PrintStream out;

    private Notebook(String name, Profile profile, Path figures, PrintStream out) {
        this.name = name;
        this.profile = profile;
        this.figures = figures;
        this.out = out;
    }

    /** Starts notebook {@code name} in the profile of the environment (CREDITLAB_PROFILE, default QUICK). */
    public static Notebook start(String name) {
        if (!name.matches("[A-Za-z0-9._-]+") || name.equals(QUICK_FOLDER)) {
            throw new IllegalArgumentException("notebook name must be letters, digits, '.', '_' or '-', and not '"
                    + QUICK_FOLDER + "' (the QUICK profile's figure folder), got '" + name + "'");
        }
        Profile p = Profile.current();
        Notebook nb = new Notebook(name, p, figureFolder(p, name), System.out);
        nb.out.print(String.format("CreditLab notebook '%s': profile %s (%s); figures are saved to %s%n", name, p,
                p == Profile.QUICK ? "real data at reduced scale; set CREDITLAB_PROFILE=FULL for the paper's scale"
                        : "the paper's scale", nb.figures));
        nb.out.flush();
        return nb;
    }

    /**
     * Where notebook {@code name} saves its figures in profile {@code p}. One rule: {@code figures/<name>/} holds the
     * paper-scale figures, and QUICK writes to {@code figures/quick/<name>/}, so that a QUICK run (CI's, or a reader's
     * first try) never overwrites the figures the README shows from paper-scale runs.
     */
    public static Path figureFolder(Profile p, String name) {
        Path figures = ProjectPaths.figures();
        return (p == Profile.QUICK ? figures.resolve(QUICK_FOLDER) : figures).resolve(name);
    }

    public String name() { return name; }
    public Profile profile() { return profile; }
    public boolean quick() { return profile == Profile.QUICK; }
    /** The folder this notebook's figures are saved in. */
    public Path figures() { return figures; }

    /** Draws {@code plot} at its default size, saves it as {@code <figures()>/<figure>.png} and returns the image. */
    public BufferedImage show(String figure, Plot plot) {
        return show(figure, plot, 760, 460);
    }

    /**
     * Draws {@code plot} at {@code width} × {@code height} and saves it, unless it has nothing to draw yet: an empty
     * chart is shown but not saved, so that no empty figure reaches {@code figures/} (and none replaces one there).
     */
    public BufferedImage show(String figure, Plot plot, int width, int height) {
        BufferedImage image = plot.image(width, height);
        if (plot.isEmpty()) {
            out.println("figure '" + figure + "' has nothing to draw yet (no run behind it has finished): not saved");
            out.flush();
            return image;
        }
        return show(figure, image);
    }

    public BufferedImage show(String figure, BufferedImage image) {
        Figures.savePng(image, figures.resolve(figure + ".png"));
        return image;
    }

    /**
     * Shows a table as HTML in a notebook, or as aligned text elsewhere; with a warning under it if this session has
     * loaded stale runs, whose numbers may not be the current code's.
     */
    public void table(Table t) {
        String warning = staleWarning();
        if (!KernelDisplay.html(Tables.html(t) + (warning.isEmpty() ? "" : "<p><b>" + warning + "</b></p>"),
                Tables.text(t) + warning)) {
            out.println(Tables.text(t) + warning);
        }
    }

    private static String staleWarning() {
        int n = StaleRuns.loaded().size();
        return n == 0 ? "" : "\nWarning: " + n + " stale run(s) were loaded in this session (stored by other code "
                + "versions; 'java -jar target/creditlab.jar runs list' marks them STALE): numbers may differ from the current code's.";
    }

    public void table(MetricsTable metrics) {
        table(metrics.table());
    }
}
