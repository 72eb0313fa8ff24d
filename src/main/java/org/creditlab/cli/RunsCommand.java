package org.creditlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.creditlab.experiment.RecordedRuns;
import org.creditlab.experiment.Reproduction;
import org.creditlab.experiment.Runner;
import org.creditlab.experiment.StoredRuns;
import org.creditlab.results.RecordFolder;
import org.creditlab.results.RecordTier;
import org.creditlab.results.RunFolder;
import org.creditlab.results.RunLock;
import org.creditlab.results.RunStore;
import org.creditlab.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What is stored under results/ and in the records tier: list, verify, reset, remove or record runs without reading
 * folders by hand.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List, verify, reset, remove, record or reproduce stored runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Verify.class, RunsCommand.Reset.class, RunsCommand.Remove.class,
                RecordCommand.class, RunsCommand.Reproduce.class})
final class RunsCommand implements Runnable {
    @Option(names = "--results", description = "results folder (default: the project's results/)")
    Path results;
    @Option(names = "--records", description = "records tier (default: the project's records/, or CREDITLAB_RECORDS)")
    Path records;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: list, verify, reset, remove, record or reproduce");
    }

    /** The records tier, or null if none is given and CREDITLAB_RECORDS turns the project's off. */
    RecordTier tier() {
        return records != null ? new RecordTier(records) : RecordTier.standard();
    }

    /** The records tier to read: an explicit --records must exist, or a typo would list and verify no records. */
    RecordTier readTier() {
        if (records != null && !Files.isDirectory(records)) {
            throw new ParameterException(spec.commandLine(), "--records " + records + ": no such folder; give the records "
                    + "tier (the project's records/ by default)");
        }
        return tier();
    }

    /** RUN names a record (a folder with a record manifest, or one in the records tier) rather than a run of results/. */
    boolean namesRecord(RunStore store, String run) {
        RecordTier tier = tier();
        Path p = Path.of(run);
        if (Files.isDirectory(p)) {
            return Files.exists(p.resolve(RecordFolder.MANIFEST)) || tier != null
                    && p.toAbsolutePath().normalize().startsWith(tier.root().toAbsolutePath().normalize());
        }
        return tier != null && !Files.isDirectory(store.root().resolve(run)) && Files.isDirectory(tier.root().resolve(run));
    }

    /** RUN as a record folder: a path, or experiment/run-id in the records tier. */
    Path recordFolder(String run) {
        Path p = Path.of(run);
        return (Files.isDirectory(p) ? p : tier().root().resolve(run)).toAbsolutePath().normalize();
    }

    RunStore store() {
        RunStore s = results == null ? RunStore.standard() : new RunStore(results);
        if (results != null && !Files.isDirectory(results)) {
            throw new ParameterException(spec.commandLine(), "--results " + results + ": no such folder");
        }
        return s;
    }

    /** RUN as a folder path, or as experiment/run-id under the results folder. */
    Path folder(RunStore store, String run, CommandSpec sub) {
        Path p = Path.of(run);
        Path folder = Files.isDirectory(p) ? p : store.root().resolve(run);
        if (!Files.isDirectory(folder) || !Files.exists(folder.resolve(RunFolder.CONFIG)) && !Files.exists(folder.resolve(RunFolder.STATUS))) {
            throw new ParameterException(sub.commandLine(), "'" + run + "' is not a stored run: give a run folder, or "
                    + "<experiment>/<run-id> under " + store.root() + " (see 'runs list')");
        }
        return folder.toAbsolutePath().normalize();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per stored run: state, epochs, code version, size.")
    static final class ListRuns implements Callable<Integer> {
        @ParentCommand
        RunsCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RunStore store = parent.store();
            List<Path> folders = store.runFolders();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-44s %-9s %-7s %9s  %s%n", "run", "state", "epochs", "size", "code");
            long total = 0;
            for (Path f : folders) {
                StoredRuns.Summary s = StoredRuns.inspect(f, false);
                total += Math.max(0, s.bytes());
                String state = s.state().equals("running") && s.epochsDone() == 0 ? "new" : s.state();
                out.printf("%-44s %-9s %-7s %9s  %s%n", store.root().relativize(f), state,
                        (s.epochsDone() < 0 ? "?" : s.epochsDone()) + "/" + (s.planned() < 0 ? "?" : s.planned()),
                        bytes(s.bytes()), s.code() + (s.verifies() ? "" : "  (" + s.problems().size() + " problem(s): runs verify)"));
            }
            out.printf("%d run(s), %s, in %s%n", folders.size(), bytes(total), store.root());
            RecordTier tier = parent.readTier();
            List<Path> records = tier == null ? List.of() : tier.recordFolders();
            long recorded = 0;
            for (Path f : records) {
                StoredRuns.Summary s = RecordedRuns.inspect(f);
                recorded += Math.max(0, s.bytes());
                out.printf("%-44s %-9s %-7s %9s  %s%n", "record " + tier.root().relativize(f), s.state(),
                        (s.epochsDone() < 0 ? "?" : s.epochsDone()) + "/" + (s.planned() < 0 ? "?" : s.planned()),
                        bytes(s.bytes()), s.code() + (s.verifies() ? "" : "  (" + s.problems().size() + " problem(s): runs verify)"));
            }
            if (tier != null) {
                out.printf("%d record(s), %s, in %s%n", records.size(), bytes(recorded), tier.root());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every stored file of the given runs and records (or all) as a load would; exit 1 if any has a problem.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        RunsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(arity = "0..*", paramLabel = "RUN", description = "run or record folders, or <experiment>/<run-id>; "
                + "none: all runs and records")
        List<String> runs = new ArrayList<>();
        @Option(names = "--repair", description = "rebuild what can be rebuilt from verified parts, as loading the run would "
                + "(records are never repaired: export them again)")
        boolean repair;

        @Override
        public Integer call() {
            RunStore store = parent.store();
            RecordTier tier = parent.readTier();
            List<Path> folders = runs.isEmpty() ? store.runFolders() : runs.stream().filter(r -> !parent.namesRecord(store, r))
                    .map(r -> parent.folder(store, r, spec)).toList();
            List<Path> records = runs.isEmpty() ? (tier == null ? List.of() : tier.recordFolders())
                    : runs.stream().filter(r -> parent.namesRecord(store, r)).map(parent::recordFolder).toList();
            PrintWriter out = spec.commandLine().getOut();
            int bad = 0;
            for (Path f : folders) {
                StoredRuns.Summary s = StoredRuns.inspect(f, repair);
                bad += report(out, "", s, repair && !s.state().equals("damaged") ? "REPAIRED " : "PROBLEM  ");
            }
            for (Path f : records) {
                bad += report(out, "record ", RecordedRuns.inspect(f), "PROBLEM  ");
            }
            out.printf("%d run(s) and %d record(s) verified, %d with problems%s%n", folders.size(), records.size(), bad,
                    bad > 0 && !repair ? " ('runs verify --repair' rebuilds what verified parts of a run allow; 'runs reset' "
                    + "retrains; 'runs record' exports a record again)" : "");
            out.flush();
            return bad == 0 ? 0 : 1;
        }

        private static int report(PrintWriter out, String kind, StoredRuns.Summary s, String problem) {
            out.println((s.verifies() ? "ok       " : problem) + kind + s.folder() + "  (" + s.state() + ", "
                    + Math.max(0, s.epochsDone()) + " epochs)");
            s.problems().forEach(p -> out.println("         - " + p));
            return s.verifies() ? 0 : 1;
        }
    }

    @Command(name = "reproduce", mixinStandardHelpOptions = true,
            description = {"Train a stored run or record again from scratch, without storing it, and compare its metrics "
                    + "with the stored ones bit for bit, epoch by epoch (the seconds aside); exit 1 if any value differs.",
                    "The report names the first value that departs, the largest difference, and what differs in the code, "
                    + "build or machine (e.g. the OpenBLAS kernels, with the OPENBLAS_CORETYPE that selects the stored run's)."})
    static final class Reproduce implements Callable<Integer> {
        @ParentCommand
        RunsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "RUN", description = "a run or record folder, or <experiment>/<run-id> (results/ first, "
                + "then the records tier)")
        String run;
        @Option(names = "--epochs", paramLabel = "N", description = "compare the first N epochs only (default: every stored epoch)")
        Integer epochs;

        @Override
        public Integer call() {
            RunStore store = parent.store();
            Path folder = parent.namesRecord(store, run) ? parent.recordFolder(run) : parent.folder(store, run, spec);
            if (epochs != null && epochs < 1) {
                throw new ParameterException(spec.commandLine(), "--epochs " + epochs + ": give at least 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            Reproduction.Report report;
            try {
                Reproduction.Stored stored = Reproduction.load(folder);
                int have = stored.metrics().epochs();
                if (epochs != null && epochs > have) {
                    throw new ParameterException(spec.commandLine(), "--epochs " + epochs + ": the stored run has " + have
                            + " finished epoch(s)");
                }
                out.println("training " + folder + " again from scratch (nothing is stored), " + (epochs == null
                        ? (stored.diverged() ? "into the epoch where it diverged" : "all " + have + " epoch(s)")
                        : "its first " + epochs + " epoch(s)"));
                out.flush();
                report = Reproduction.of(stored, epochs, Runner.standard());
            } catch (ParameterException bad) {
                throw bad;
            } catch (RuntimeException bad) { // not verified, in use, unreadable data: nothing compared (exit 1 means "differs")
                spec.commandLine().getErr().println(bad.getMessage());
                return 2;
            }
            out.println(report.describe());
            out.flush();
            return report.identical() ? 0 : 1;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Delete a run's results (keeping its configuration), so that it trains again from scratch.")
    static final class Reset implements Callable<Integer> {
        @ParentCommand
        RunsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "RUN", description = "run folders or <experiment>/<run-id>")
        List<String> runs;

        @Override
        public Integer call() {
            return parent.eachLocked(runs, spec, f -> "reset " + f + ": removed " + new RunFolder(f).reset());
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete stored runs, folder and all.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        RunsCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "RUN", description = "run folders or <experiment>/<run-id>")
        List<String> runs;

        @Override
        public Integer call() {
            return parent.eachLocked(runs, spec, f -> {
                AtomicFiles.deleteQuietly(f);
                return "removed " + f;
            });
        }
    }

    /**
     * RUN as {@link #folder}, and only a run of the results folder: reset and remove delete files, so a record (tracked
     * in git, changed with git) or a folder elsewhere that merely holds a config.json is refused.
     */
    private Path changeableFolder(RunStore store, String run, CommandSpec sub) {
        Path f = folder(store, run, sub);
        Path root = store.root().toAbsolutePath().normalize();
        if (Files.exists(f.resolve(RecordFolder.MANIFEST)) || !root.equals(f.getParent() == null ? null : f.getParent().getParent())) {
            throw new ParameterException(sub.commandLine(), "'" + run + "' is not a run of the results folder " + root
                    + ": reset and remove change only <experiment>/<run-id> folders there (a record is changed with git;"
                    + " give --results for another results folder)");
        }
        return f;
    }

    /** Applies {@code change} to each named run while holding its lock, printing what it did. */
    int eachLocked(List<String> runs, CommandSpec sub, Function<Path, String> change) {
        RunStore store = store();
        for (String r : runs) {
            Path f = changeableFolder(store, r, sub);
            try (RunLock ignored = locked(f, sub)) {
                sub.commandLine().getOut().println(change.apply(f));
            }
        }
        sub.commandLine().getOut().flush();
        return 0;
    }

    /** The run's lock, or an error naming its holder: a run being trained is not changed under its writer. */
    private static RunLock locked(Path folder, CommandSpec spec) {
        RunLock lock = RunLock.tryAcquire(folder);
        if (lock == null) {
            throw new ParameterException(spec.commandLine(), folder + " is in use by " + RunLock.holder(folder)
                    + "; stop that process first (or wait for it to finish)");
        }
        return lock;
    }

    static String bytes(long b) {
        return b < 0 ? "?" : b < 1 << 20 ? String.format("%.1f kB", b / 1024.0) : String.format("%.1f MB", b / (1024.0 * 1024));
    }
}
