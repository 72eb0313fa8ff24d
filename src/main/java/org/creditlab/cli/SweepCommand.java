package org.creditlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.creditlab.execution.Manifest;
import org.creditlab.execution.SlurmConfig;
import org.creditlab.execution.SlurmExecutor;
import org.creditlab.execution.SweepFolder;
import org.creditlab.execution.SweepStatus;
import org.creditlab.experiment.Runner;
import org.creditlab.results.RunStore;
import org.creditlab.util.ProjectPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sweeps: where their runs stand, and submitting one to SLURM as a job array. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show where a sweep's runs stand, or submit a sweep to SLURM as a job array.",
        subcommands = {SweepCommand.Status.class, SweepCommand.Submit.class})
final class SweepCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: status or submit");
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Runs done, diverged, running, queued, failed and missing: of one sweep (one line per run), or of every sweep under the results folder.")
    static final class Status implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "MANIFEST", description = "a sweep's manifest.json; without it, every sweep under --results")
        Path manifest;
        @Option(names = "--results", description = "results folder (default: the project's results/)")
        Path results;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (manifest != null) {
                SweepStatus s = SweepStatus.of(SweepFolder.open(manifest));
                for (int i = 0; i < s.size(); i++) {
                    out.println(s.line(i));
                }
                out.println(s.summary());
                return 0;
            }
            if (results != null && !Files.isDirectory(results)) {
                throw new ParameterException(spec.commandLine(), "--results " + results + ": no such folder; give the "
                        + "results folder the sweeps were run with");
            }
            Path sweeps = (results == null ? ProjectPaths.results() : results).resolve(SweepFolder.SWEEPS);
            if (!Files.isDirectory(sweeps)) {
                out.println("no sweeps under " + sweeps.getParent());
                return 0;
            }
            try (Stream<Path> dirs = Files.list(sweeps)) {
                for (Path d : dirs.sorted().toList()) {
                    Path m = d.resolve("manifest.json");
                    if (Files.isRegularFile(m)) {
                        out.println(m + ": " + SweepStatus.of(SweepFolder.open(m)).summary());
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Submit the unfinished runs of a sweep manifest as one SLURM job array (one task per run), "
                    + "skipping runs already queued. Settings not given come from CREDITLAB_SLURM_* or slurm.properties.",
                    "Notebooks run with CREDITLAB_EXECUTOR=slurm write and submit their sweeps themselves."})
    static final class Submit implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MANIFEST", description = "a sweep's manifest.json")
        Path manifest;
        @Option(names = "--account") String account;
        @Option(names = "--partition") String partition;
        @Option(names = "--time", description = "per run, e.g. 4:00:00") String time;
        @Option(names = "--memory", description = "per run, e.g. 8G") String memory;
        @Option(names = "--cpus-per-task") Integer cpus;
        @Option(names = "--max-parallel", description = "at most this many tasks at once (0: no limit)") Integer maxParallel;
        @Option(names = "--retries", description = "resubmissions of a task that died (with --wait)") Integer retries;
        @Option(names = "--wait", description = "wait for the runs, showing progress, and resubmit tasks that die") boolean wait;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            new Flags(spec).usedOnlyIf(wait, "--retries", "has effect only with --wait (without it the job array is left "
                    + "to SLURM); add --wait, or leave out --retries");
            Map<String, String> given = new LinkedHashMap<>();
            put(given, "account", account);
            put(given, "partition", partition);
            put(given, "time", time);
            put(given, "memory", memory);
            put(given, "cpus-per-task", cpus);
            put(given, "max-parallel", maxParallel);
            put(given, "retries", retries);
            SlurmConfig config = SlurmConfig.standard().with(given, "the command line");
            SweepFolder sweep = SweepFolder.open(manifest);
            Manifest m = sweep.manifest();
            SlurmExecutor executor = new SlurmExecutor(config, System.out);
            if (wait) {
                var results = executor.runAll(m.experiments(), Runner.standard().quiet().store(new RunStore(m.storePath())));
                long missing = results.stream().filter(r -> r.missing()).count();
                return missing == 0 ? 0 : 1;
            }
            String job = executor.submitUnfinished(sweep);
            spec.commandLine().getOut().println(job == null ? "nothing to submit: every run is finished or queued"
                    : "submitted job array " + job + "; 'creditlab sweep status " + sweep.manifestFile() + "' shows the runs");
            return 0;
        }

        private static void put(Map<String, String> m, String key, Object value) {
            if (value != null) {
                m.put(key, value.toString());
            }
        }
    }
}
