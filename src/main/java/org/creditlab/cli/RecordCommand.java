package org.creditlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.creditlab.experiment.RecordedRuns;
import org.creditlab.results.RecordTier;
import org.creditlab.results.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code runs record}: exports finished runs of results/ to the records tier, as records (configuration, metrics,
 * status; no checkpoint) to commit. Unfinished, damaged, stale or busy runs are refused, each with the reason.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Export finished runs to the records tier (configuration, metrics and status; no weights); "
                + "exit 1 if any run was refused.")
final class RecordCommand implements Callable<Integer> {
    @ParentCommand
    RunsCommand parent;
    @Spec
    CommandSpec spec;
    @Parameters(arity = "0..*", paramLabel = "RUN", description = "run folders or <experiment>/<run-id> under the results folder")
    List<String> runs = new ArrayList<>();
    @Option(names = "--experiment", paramLabel = "NAME", description = "every run of this experiment")
    String experiment;

    @Override
    public Integer call() {
        if (runs.isEmpty() == (experiment == null)) {
            throw new ParameterException(spec.commandLine(), "name the runs to record, or give --experiment NAME (one of the two)");
        }
        RecordTier tier = parent.tier();
        if (tier == null) {
            throw new ParameterException(spec.commandLine(), "CREDITLAB_RECORDS=none turns the records tier off; give "
                    + "--records FOLDER, or unset it to record into the project's records/");
        }
        RunStore store = parent.store();
        List<Path> folders = experiment == null ? runs.stream().map(r -> parent.folder(store, r, spec)).toList()
                : store.runFolders().stream().filter(f -> f.getParent().getFileName().toString().equals(experiment)).toList();
        if (folders.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--experiment " + experiment + ": no runs of it under "
                    + store.root() + " (see 'runs list')");
        }
        PrintWriter out = spec.commandLine().getOut();
        int refused = 0;
        for (Path f : folders) {
            try {
                out.println(RecordedRuns.export(f, tier));
            } catch (IllegalStateException e) {
                out.println(e.getMessage());
                refused++;
            }
        }
        out.printf("%d run(s) recorded in %s, %d refused%n", folders.size() - refused, tier.root(), refused);
        out.flush();
        return refused == 0 ? 0 : 1;
    }
}
