package org.creditlab.execution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.creditlab.results.RunFolder;
import org.creditlab.results.RunLock;
import org.creditlab.results.RunStatus;
import org.creditlab.util.IoMessages;

/**
 * A sweep's own files, beside the runs it produces: {@code <store>/.sweeps/<id>/manifest.json} and {@code logs/},
 * one log per attempt of each run ({@code <index>.<attempt>.log}; on SLURM the attempt is the job id). The runs
 * themselves live in the store as always, so the sweep folder can be deleted once the runs are done.
 */
public final class SweepFolder {
    public static final String SWEEPS = ".sweeps";

    private final Path dir;
    private final Manifest manifest;

    private SweepFolder(Path dir, Manifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** The sweep of {@code manifest}, its manifest written (again, identically) so that tasks can read it. */
    public static SweepFolder create(Manifest manifest) {
        Path dir = manifest.storePath().resolve(SWEEPS).resolve(manifest.id());
        try {
            Files.createDirectories(dir.resolve("logs"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the sweep folder " + IoMessages.describe(dir, e), e);
        }
        manifest.write(dir.resolve("manifest.json"));
        return new SweepFolder(dir, manifest);
    }

    /** The sweep whose manifest is {@code manifestFile}. */
    public static SweepFolder open(Path manifestFile) {
        Manifest m = Manifest.read(manifestFile);
        return new SweepFolder(manifestFile.toAbsolutePath().normalize().getParent(), m);
    }

    public Path dir() { return dir; }
    public Manifest manifest() { return manifest; }
    public Path manifestFile() { return dir.resolve("manifest.json"); }
    public Path logs() { return dir.resolve("logs"); }

    public Path log(int index, String attempt) {
        return logs().resolve(index + "." + attempt + ".log");
    }

    /** The logs of run {@code index}'s attempts, oldest first. */
    public List<Path> logsOf(int index) {
        if (!Files.isDirectory(logs())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logs())) {
            return files.filter(f -> f.getFileName().toString().startsWith(index + "."))
                    .sorted((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Where run {@code index} stands, as far as the store and its lock say (a queue adds {@link RunProgress#QUEUED}). */
    public RunProgress progress(int index) {
        Path folder = manifest.runFolder(index);
        RunStatus status = peek(manifest, index);
        if (status != null && status.isComplete()) {
            return RunProgress.DONE;
        }
        if (status != null && status.isDiverged()) {
            return RunProgress.DIVERGED;
        }
        if (Files.isDirectory(folder) && RunLock.isHeld(folder)) {
            return RunProgress.RUNNING;
        }
        return logsOf(index).isEmpty() ? RunProgress.MISSING : RunProgress.FAILED;
    }

    /** Epochs committed so far by run {@code index} (0 if none). */
    public int epochsDone(int index) {
        RunStatus status = peek(manifest, index);
        return status == null ? 0 : status.epochsDone();
    }

    /** Run {@code index}'s status as committed, unverified (see {@link RunFolder#peek()}); null if none. */
    static RunStatus peek(Manifest manifest, int index) {
        Path folder = manifest.runFolder(index);
        return Files.isDirectory(folder) ? new RunFolder(folder).peek() : null;
    }

    /** The last lines of a log, for a failure message. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + IoMessages.describe(e) + ")";
        }
    }
}
