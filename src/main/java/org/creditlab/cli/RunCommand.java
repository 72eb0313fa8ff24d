package org.creditlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.creditlab.execution.Manifest;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.results.RunStore;
import org.creditlab.util.ProjectPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One run of a sweep's manifest: what a local worker process and a SLURM array task execute. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train (or resume, or load) run INDEX of a sweep manifest into the manifest's results folder.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MANIFEST", description = "a sweep's manifest.json (results/.sweeps/<id>/manifest.json)")
    Path manifest;
    @Option(names = "--index", required = true, description = "which run of the manifest, from 0 (a job array's $SLURM_ARRAY_TASK_ID)")
    int index;

    @Override
    public Integer call() {
        Manifest m = Manifest.read(manifest);
        Experiment e = m.experiment(index);
        // The run sees the project folders of the process that wrote the manifest (data/ for local datasets).
        System.setProperty(ProjectPaths.HOME_PROPERTY, m.home());
        System.out.println("run #" + index + " of " + manifest + ": " + e.name() + "/" + e.runId());
        RunResult r = Runner.standard().store(new RunStore(m.storePath())).run(e);
        System.out.println(r.diverged() ? "diverged: " + r.message()
                : (r.loaded() ? "already stored: " : "finished: ") + r.folder());
        return 0;
    }
}
