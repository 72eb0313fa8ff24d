package org.creditlab.notebook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.sweep.Summary;
import org.creditlab.train.MetricsTable;

/**
 * One row of the README's headline table: a paper's number beside ours at paper scale, ours computed from the run
 * records alone ({@link org.creditlab.experiment.Runner#recorded}), so that the table says what the repository holds.
 *
 * @param paper  the paper, e.g. "PEPITA (ICML 2022)"
 * @param result what is compared, e.g. "FC 784-1024-10, PEPITA: test accuracy %"
 * @param theirs the paper's number as it reports it, with its dataset and any [unverified] tag
 * @param ours   our mean ± std over the recorded seeds, with our dataset
 * @param runs   how many of the planned runs are recorded, and their length, e.g. "3 of 3 seeds, 100 epochs"
 */
public record Headline(String paper, String result, String theirs, String ours, String runs) {

    /**
     * The row for the seeds of one configuration: {@code value} of each recorded run, as mean ± std over those that
     * did not diverge (the others are counted), or "not yet run at paper scale" when none is recorded.
     *
     * @param recorded the recorded runs among the {@code planned} seeds (unrecorded seeds are absent)
     * @param dataset  the dataset ours ran on, e.g. "Fashion-MNIST"
     * @param decimals the decimals of the mean and std
     */
    public static Headline of(String paper, String result, String theirs, List<RunResult> recorded, int planned,
                              int epochs, String dataset, int decimals, ToDoubleFunction<MetricsTable> value) {
        String runs = recorded.size() + " of " + planned + " seeds, " + epochs + " epochs";
        if (recorded.isEmpty()) {
            return new Headline(paper, result, theirs, "not yet run at paper scale", runs);
        }
        Summary s = Summary.of(recorded.stream()
                .mapToDouble(r -> r.diverged() ? Double.NaN : value.applyAsDouble(r.metrics())).toArray());
        String number = "%." + decimals + "f";
        String ours = s.n() == 0 ? "every run diverged"
                : String.format(Locale.ROOT, s.n() == 1 ? number + " (%3$s, one run)" : number + " ± " + number + " (%s)",
                        s.mean(), s.std(), dataset);
        if (s.n() > 0 && s.diverged() > 0) {
            ours += ", " + s.diverged() + " diverged";
        }
        if (recorded.stream().anyMatch(RunResult::stale)) {
            ours += "; STALE: recorded by other code versions";
        }
        return new Headline(paper, result, theirs, ours, runs);
    }

    /** The recorded runs of {@code experiment} with each of {@code seeds}, as {@code runner} would run them. */
    public static List<RunResult> recorded(Runner runner, Experiment experiment, long... seeds) {
        return Arrays.stream(seeds).mapToObj(experiment::withSeed).map(runner::recorded).flatMap(Optional::stream).toList();
    }

    /** The rows as a Markdown table. */
    public static String markdown(List<Headline> rows) {
        StringBuilder sb = new StringBuilder("| paper | result | paper's number | ours, at paper scale | recorded runs |\n"
                + "|---|---|---|---|---|\n");
        for (Headline h : rows) {
            sb.append("| ").append(String.join(" | ", cell(h.paper), cell(h.result), cell(h.theirs), cell(h.ours),
                    cell(h.runs))).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
