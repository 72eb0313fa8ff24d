package org.creditlab.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.creditlab.nn.Network;
import org.creditlab.results.Json;
import org.creditlab.results.Provenance;
import org.creditlab.results.StoreException;
import org.creditlab.rules.LearningRule;
import org.creditlab.train.MetricsTable;
import tech.tablesaw.api.Table;

/**
 * A finished (or diverged) run: the trained network and rule, the per-epoch metrics, and where it is stored.
 *
 * @param folder     the run's folder, or null if it was not stored
 * @param loaded     true if the run was read from disk instead of trained
 * @param diverged   true if training stopped because the loss became NaN or infinite; {@link #message()} says where
 * @param provenance the code that produced the stored run (null if it was not stored)
 * @param notes      what opening the stored run repaired, fell back to, or found stale; empty if nothing
 * @param missing    true if no attempt to produce the run succeeded (a worker or cluster task that died every time);
 *                   {@link #message()} says why and where its log is, and it has no network and no epochs
 * @param recorded   true if the run was loaded from a run record ({@code results.RecordFolder}, {@link #folder()}):
 *                   its configuration, metrics and analyses, so {@link #network()} and {@link #rule()} refuse
 * @param analyses   the JSON of each analysis of the trained network the run kept, by name ({@link #analysis})
 */
public record RunResult(Experiment experiment, Network network, LearningRule rule, MetricsTable metrics, Path folder,
                        boolean loaded, boolean diverged, String message, Provenance provenance, List<String> notes,
                        boolean missing, boolean recorded, Map<String, String> analyses) {

    public RunResult {
        notes = notes == null ? List.of() : List.copyOf(notes);
        analyses = analyses == null ? Map.of() : Map.copyOf(analyses);
    }

    public RunResult(Experiment experiment, Network network, LearningRule rule, MetricsTable metrics, Path folder,
                     boolean loaded, boolean diverged, String message, Provenance provenance, List<String> notes,
                     boolean missing) {
        this(experiment, network, rule, metrics, folder, loaded, diverged, message, provenance, notes, missing, false,
                Map.of());
    }

    /** A run trained or loaded here, with the analyses it kept. */
    static RunResult of(Experiment experiment, Network network, LearningRule rule, MetricsTable metrics, Path folder,
                        boolean loaded, boolean diverged, String message, Provenance provenance, List<String> notes,
                        Map<String, String> analyses) {
        return new RunResult(experiment, network, rule, metrics, folder, loaded, diverged, message, provenance, notes,
                false, false, analyses);
    }

    /** A run loaded from the record in {@code record}: metrics and analyses, no network or rule. */
    static RunResult fromRecord(Experiment experiment, MetricsTable metrics, Path record, boolean diverged,
                                String message, Provenance provenance, List<String> notes, Map<String, String> analyses) {
        return new RunResult(experiment, null, null, metrics, record, true, diverged, message, provenance, notes,
                false, true, analyses);
    }

    /**
     * The analysis {@code name} of the trained network ({@link org.creditlab.diagnostics.Analyses}), read from the
     * JSON the run kept, the same whether the run was trained now, loaded from {@code results/} or from a record.
     *
     * @throws IllegalStateException naming the run and what to do, if the experiment does not name the analysis or
     *                               the run has none (it diverged, is missing, or was stored without it)
     */
    public <T> T analysis(String name, Class<T> type) {
        String run = experiment == null ? "this run" : "the run " + experiment.name() + "/" + experiment.runId();
        if (experiment != null && !experiment.analyses().contains(name)) {
            throw new IllegalStateException(run + " names no analysis '" + name + "' (it names "
                    + (experiment.analyses().isEmpty() ? "none" : String.join(", ", experiment.analyses())) + "). Add "
                    + "it to the experiment (Experiment.Builder.addAnalyses: a new run id) and run that experiment");
        }
        String json = analyses.get(name);
        if (json == null) {
            String why = missing ? "was not produced (" + message + ")"
                    : diverged ? "diverged, and a diverged run keeps no analyses (" + message + ")"
                    : "kept no analysis '" + name + "' in " + folder + " (stored before it was made: an older run, or "
                    + "one trained without a store)";
            throw new IllegalStateException(run + " " + why + ". To make it, train the run"
                    + (folder == null || recorded || missing ? "" : " again: " + StoreException.resetCommand(folder)));
        }
        return Json.read(json, type);
    }

    /** The trained network. A run loaded from a record has none: asking for it throws, saying what to do. */
    public Network network() {
        if (recorded) {
            throw weightsNotKept("trained network");
        }
        return network;
    }

    /** The trained rule (with its own state, e.g. feedback weights); a run loaded from a record has none (see {@link #network()}). */
    public LearningRule rule() {
        if (recorded) {
            throw weightsNotKept("learning rule and its state");
        }
        return rule;
    }

    private IllegalStateException weightsNotKept(String what) {
        return new IllegalStateException("the run " + (experiment == null ? "" : experiment.name() + "/" + experiment.runId() + " ")
                + "was loaded from the run record " + folder + ", which keeps its configuration and per-epoch metrics "
                + "but not the " + what + ". To use the weights, train the run into results/ with the records tier "
                + "turned off (CREDITLAB_RECORDS=none, or Runner.store(new RunStore(results folder))); a measurement "
                + "made during training (a diagnostic named in the experiment) is kept in metrics.csv, and one of the "
                + "trained network (an analysis named in the experiment, read with analysis(name, type)) in the run's "
                + "analyses, and so in the record");
    }

    public RunResult(Experiment experiment, Network network, LearningRule rule, MetricsTable metrics, Path folder,
                     boolean loaded, boolean diverged, String message, Provenance provenance, List<String> notes) {
        this(experiment, network, rule, metrics, folder, loaded, diverged, message, provenance, notes, false);
    }

    /** A run that could not be produced: kept in its place in a sweep's results, so that tables show the gap. */
    public static RunResult missing(Experiment experiment, Path folder, String why) {
        return new RunResult(experiment, null, null, new MetricsTable(experiment.name(), List.of()), folder, false,
                false, why, null, List.of(), true);
    }

    /** Why the run has no result, in a few words for a figure: "not run", "diverged" or "no epochs"; "" if it has one. */
    public String whyNoResult() {
        return missing ? "not run" : diverged ? "diverged" : metrics.epochs() == 0 ? "no epochs" : "";
    }

    /** True if the run is missing only because a load-only runner did not train it (not a failure). */
    public boolean notTrained() {
        return missing() && message() != null && message().startsWith(Runner.NOT_TRAINED);
    }

    /** True if the run has a final value to report: it neither diverged nor is missing, and has epochs. */
    public boolean hasResult() {
        return !diverged && !missing && metrics.epochs() > 0;
    }

    /** A result with no stored provenance or notes (tests, and runs that were never stored). */
    public RunResult(Experiment experiment, Network network, LearningRule rule, MetricsTable metrics, Path folder,
                     boolean loaded, boolean diverged, String message) {
        this(experiment, network, rule, metrics, folder, loaded, diverged, message, null, List.of());
    }

    /** The metrics as a Tablesaw table. */
    public Table table() {
        return metrics.table();
    }

    /** The last epoch's value of a metric (NaN if the run has no epochs). */
    public double last(String column) {
        return metrics.epochs() == 0 ? Double.NaN : metrics.last().get(column);
    }

    /** True if the stored run was produced by other versions of the code than the current one ({@link CodeVersion}). */
    public boolean stale() {
        return provenance != null && experiment != null
                && !provenance.codeDifferences(CodeVersion.of(experiment)).isEmpty();
    }

    /** This result, or an exception with the divergence or failure message. */
    public RunResult orThrow() {
        if (diverged || missing) {
            throw new IllegalStateException(message);
        }
        return this;
    }
}
