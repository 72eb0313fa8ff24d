package org.creditlab.execution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.creditlab.experiment.Experiment;
import org.creditlab.results.Json;
import org.creditlab.util.AtomicFiles;
import org.creditlab.util.IoMessages;
import org.creditlab.util.Sha256;

/**
 * The experiments of a sweep, written to a file that worker processes and cluster tasks read: task i runs
 * {@code experiments[i]} into {@code store} ({@code creditlab run <manifest> --index i}).
 *
 * @param format      of this file (1)
 * @param home        the project root the runs see (data/ for datasets that are not installed system-wide)
 * @param store       the results folder every run is stored in, on a file system all tasks share
 * @param experiments the runs, in the order their results are returned
 */
public record Manifest(int format, String home, String store, List<Experiment> experiments) {
    public static final int FORMAT = 1;

    public Manifest {
        if (experiments == null || experiments.isEmpty()) {
            throw new IllegalArgumentException("a sweep manifest needs at least one experiment");
        }
        experiments = List.copyOf(experiments);
    }

    public static Manifest of(Path home, Path store, List<Experiment> experiments) {
        return new Manifest(FORMAT, home.toAbsolutePath().normalize().toString(),
                store.toAbsolutePath().normalize().toString(), experiments);
    }

    /** Names the sweep by what it runs and where: the same experiments into the same store make the same sweep. */
    public String id() {
        StringBuilder b = new StringBuilder(store).append('\n');
        experiments.forEach(e -> b.append(e.name()).append('/').append(e.runId()).append('\n'));
        return Sha256.hex(b.toString()).substring(0, 12);
    }

    public Path storePath() {
        return Path.of(store);
    }

    public int size() {
        return experiments.size();
    }

    public Experiment experiment(int index) {
        if (index < 0 || index >= experiments.size()) {
            throw new IllegalArgumentException("--index " + index + " is outside the manifest's " + experiments.size()
                    + " runs (0 to " + (experiments.size() - 1) + ")");
        }
        return experiments.get(index);
    }

    /** The folder of run {@code index} in the store. */
    public Path runFolder(int index) {
        Experiment e = experiment(index);
        return storePath().resolve(e.name()).resolve(e.runId());
    }

    public void write(Path file) {
        AtomicFiles.writeString(file, Json.write(this) + "\n");
    }

    /** Reads a manifest, with a message naming the file if it is absent, truncated or not a manifest. */
    public static Manifest read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no sweep manifest at " + file + ": give the manifest.json a sweep wrote "
                    + "(results/.sweeps/<id>/manifest.json)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the sweep manifest " + IoMessages.describe(file, e), e);
        }
        Manifest m;
        try {
            m = Json.read(text, Manifest.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a readable sweep manifest (" + e.getMessage()
                    + "); it may be truncated or edited by hand: write it again by re-running the sweep", e);
        }
        if (m.format() != FORMAT) {
            throw new IllegalArgumentException(file + " is a sweep manifest of format " + m.format() + "; this version reads "
                    + "format " + FORMAT + ": write it again with this version");
        }
        return m;
    }
}
