package org.creditlab.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.creditlab.results.Provenance;
import org.creditlab.results.RecordFolder;
import org.creditlab.results.RunFolder;
import org.creditlab.results.RunLock;
import org.creditlab.results.StoredRun;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;

/**
 * Whether a stored run reproduces here: its experiment trained again from scratch, without a store, and its metrics
 * compared with the stored ones epoch by epoch and column by column, bit for bit. The seconds a run took are left out
 * (no two runs share them); every other column, diagnostics included, must be equal, and a run that diverged must
 * diverge again in the same epoch. Where they differ, the report names the first value that departs and the largest
 * difference, and what in the code, build or machine differs, e.g. the BLAS kernels, with the setting that selects the
 * stored run's.
 */
public final class Reproduction {
    private Reproduction() {}

    /** A verified stored run or record: what a reproduction trains again and compares with. */
    public record Stored(Path folder, Experiment experiment, MetricsTable metrics, boolean diverged, Provenance provenance) {}

    /** One value that differs. */
    public record Difference(int epoch, String column, double stored, double now) {
        /** |now − stored| relative to the larger magnitude (infinite where exactly one of them is NaN). */
        public double relative() {
            if (Double.isNaN(stored) != Double.isNaN(now)) {
                return Double.POSITIVE_INFINITY;
            }
            double scale = Math.max(Math.abs(stored), Math.abs(now));
            return scale == 0 ? 0 : Math.abs(now - stored) / scale;
        }
    }

    /**
     * @param compared       the columns compared (timing columns aside)
     * @param onlyStored     columns the stored run has and the new one lacks (a diagnostic the code no longer makes)
     * @param onlyNow        columns the new run adds (a measurement added to the code since)
     * @param differences    every value that differs, in epoch order, over the epochs both runs have
     * @param storedEpochs   the stored epochs compared
     * @param nowEpochs      the epochs the new run finished (fewer when it diverged sooner)
     * @param storedDiverged whether the stored run diverged within the compared span
     * @param nowDiverged    whether the new run diverged within it
     */
    public record Report(String run, List<String> compared, List<String> onlyStored, List<String> onlyNow,
                         List<Difference> differences, int storedEpochs, int nowEpochs, boolean storedDiverged,
                         boolean nowDiverged, Provenance stored, Provenance now) {

        /** The epochs compared value by value: those both runs finished. */
        public int epochs() {
            return Math.min(storedEpochs, nowEpochs);
        }

        public boolean identical() {
            return differences.isEmpty() && storedEpochs == nowEpochs && storedDiverged == nowDiverged
                    && (!compared.isEmpty() || storedEpochs == 0);
        }

        /** What agreed, or where the runs part and what may explain it. */
        public String describe() {
            StringBuilder s = new StringBuilder(run).append(": ");
            if (identical()) {
                s.append(storedEpochs == 0 ? "diverged before its first epoch ended, as the stored run did"
                        : "reproduced bit for bit (" + storedEpochs + " epoch(s) × " + compared.size() + " columns, the seconds aside"
                        + (storedDiverged ? ", then diverged in the same epoch as the stored run" : "") + ")");
            } else {
                List<String> parts = new ArrayList<>();
                if (!differences.isEmpty()) {
                    Difference first = differences.get(0);
                    Difference largest = differences.stream().max((a, b) -> Double.compare(a.relative(), b.relative())).orElseThrow();
                    parts.add(differences.size() + " of " + epochs() * compared.size() + " values differ; the first at epoch "
                            + first.epoch() + ", " + first.column() + ": " + first.stored() + " (stored) vs " + first.now()
                            + " (now); the largest relative difference " + String.format(Locale.ROOT, "%.3g", largest.relative())
                            + " (" + largest.column() + ", epoch " + largest.epoch() + ": " + largest.stored() + " vs "
                            + largest.now() + ")");
                }
                if (storedEpochs != nowEpochs || storedDiverged != nowDiverged) {
                    parts.add("the stored run " + ending(storedEpochs, storedDiverged) + ", this one " + ending(nowEpochs, nowDiverged));
                }
                if (compared.isEmpty() && storedEpochs > 0) {
                    parts.add("no column is shared, so nothing could be compared");
                }
                s.append(String.join("; ", parts));
            }
            if (!onlyNow.isEmpty()) {
                s.append("\n  columns the code measures now and the stored run did not: ").append(String.join(", ", onlyNow));
            }
            if (!onlyStored.isEmpty()) {
                s.append("\n  columns the stored run has and this run lacks: ").append(String.join(", ", onlyStored));
            }
            if (stored != null && now != null) {
                List<String> code = stored.codeDifferences(now);
                if (!code.isEmpty()) {
                    s.append("\n  the code's versions differ, so the numbers may: ").append(String.join("; ", code));
                }
                List<String> bits = stored.bitDifferences(now);
                if (!bits.isEmpty()) {
                    s.append("\n  the build or machine differs, which changes the last bits: ").append(String.join("; ", bits));
                    coreTypeHint(stored.blas(), now.blas()).ifPresent(h -> s.append("\n  ").append(h));
                }
            }
            return s.toString();
        }

        private static String ending(int epochs, boolean diverged) {
            return diverged ? "diverged after " + epochs + " finished epoch(s)" : "finished " + epochs + " epoch(s)";
        }
    }

    private static final Pattern CORE_TYPE = Pattern.compile("core type (\\w+)");

    /** "run again with OPENBLAS_CORETYPE=Haswell …" where the stored run's OpenBLAS kernels differ from this machine's. */
    static Optional<String> coreTypeHint(String storedBlas, String nowBlas) {
        Matcher was = CORE_TYPE.matcher(storedBlas == null ? "" : storedBlas);
        Matcher is = CORE_TYPE.matcher(nowBlas == null ? "" : nowBlas);
        if (was.find() && is.find() && !was.group(1).equals(is.group(1))) {
            return Optional.of("the stored run used OpenBLAS's " + was.group(1) + " kernels and this machine chose "
                    + is.group(1) + "; run again with OPENBLAS_CORETYPE=" + was.group(1) + " set for the command to use the"
                    + " stored run's kernels (where this CPU has their instructions)");
        }
        return Optional.empty();
    }

    /** The timing columns, which differ between any two runs. */
    static boolean timing(String column) {
        return column.equals("seconds") || column.endsWith("_seconds");
    }

    /**
     * The run folder or record in {@code folder}, verified as a load would verify it (a run folder under its lock).
     *
     * @throws IllegalArgumentException naming the folder or file, if it is not a run or record, is in use, or does not
     *                                  verify
     */
    public static Stored load(Path folder) {
        boolean record = Files.exists(folder.resolve(RecordFolder.MANIFEST));
        if (!record && !Files.exists(folder.resolve(RunFolder.CONFIG))) {
            throw new IllegalArgumentException(folder + " is neither a run folder (no " + RunFolder.CONFIG + ") nor a record "
                    + "(no " + RecordFolder.MANIFEST + "); give <experiment>/<run-id>");
        }
        StoredRuns.Summary check = record ? RecordedRuns.inspect(folder) : StoredRuns.inspect(folder, false);
        if (check.state().equals("in use")) {
            throw new IllegalArgumentException(folder + " is in use by another process (" + check.code() + "); try again "
                    + "once it is done");
        }
        // a stale run (other code versions) is still compared: the report says that its numbers may differ for it
        List<String> problems = check.problems().stream().filter(p -> !p.startsWith("stale: ")).toList();
        boolean diverged = check.state().equals("diverged");
        if (!problems.isEmpty() || check.epochsDone() < 1 && !diverged) {
            throw new IllegalArgumentException(folder + " does not verify, so there is nothing to compare with: "
                    + (problems.isEmpty() ? "it has no finished epoch" : String.join("; ", problems))
                    + " ('runs verify' says more)");
        }
        Experiment e = StoredRuns.configuration(folder, new ArrayList<>());
        StoredRun stored;
        if (record) {
            stored = new RecordFolder(folder).open(e.toJson(), e.training().epochs());
        } else {
            try (RunLock lock = RunLock.tryAcquire(folder)) {
                if (lock == null) {
                    throw new IllegalArgumentException(folder + " is in use by " + RunLock.holder(folder) + "; try again once it is done");
                }
                stored = new RunFolder(folder).open(e.toJson(), e.training().epochs(), false, n -> { });
            }
        }
        return new Stored(folder, e, stored.metrics(e.name()), stored.isDiverged(), stored.provenance());
    }

    /**
     * Trains the stored run's experiment again from scratch, with {@code runner}'s progress and listeners and without
     * a store, for its first {@code epochs} epochs (null: as far as the stored run went, its divergence included), and
     * compares.
     */
    public static Report of(Stored s, Integer epochs, Runner runner) {
        int stored = s.metrics().epochs();
        if (epochs != null && (epochs < 1 || epochs > stored)) {
            throw new IllegalArgumentException("epochs to compare: " + epochs + ", but the stored run has " + stored);
        }
        boolean whole = epochs == null || epochs == stored;
        List<EpochRecord> trained;
        boolean nowDiverged = false;
        try {
            // a diverged stored run is followed into the epoch that diverged, to see whether this one diverges there too
            RunResult r = runner.noStore().loadOnly(false).listen(new StopAfter(whole && s.diverged() ? stored + 1 : whole ? stored
                    : epochs)).run(s.experiment());
            trained = r.metrics().rows();
            nowDiverged = r.diverged();
        } catch (StopAfter.Stopped done) {
            trained = done.history;
        }
        return compare(s.experiment().name() + "/" + s.experiment().runId(), s.metrics().head(whole ? stored : epochs).rows(),
                trained, whole && s.diverged(), nowDiverged, s.provenance(), CodeVersion.of(s.experiment()));
    }

    /** {@link #load} then {@link #of(Stored, Integer, Runner)}. */
    public static Report of(Path folder, Integer epochs, Runner runner) {
        return of(load(folder), epochs, runner);
    }

    /**
     * The comparison alone: every column either run has but the timing ones, over the epochs both finished. A column
     * in only one of them is listed apart, not compared.
     */
    static Report compare(String run, List<EpochRecord> stored, List<EpochRecord> now, boolean storedDiverged,
                          boolean nowDiverged, Provenance storedProvenance, Provenance nowProvenance) {
        Set<String> storedColumns = columns(stored);
        Set<String> nowColumns = columns(now);
        List<String> compared = storedColumns.stream().filter(nowColumns::contains).filter(c -> !timing(c)).toList();
        List<Difference> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(stored.size(), now.size()); i++) {
            for (String c : compared) {
                double a = value(stored.get(i), c);
                double b = value(now.get(i), c);
                if (Double.doubleToLongBits(a) != Double.doubleToLongBits(b)) {
                    differences.add(new Difference(i + 1, c, a, b));
                }
            }
        }
        return new Report(run, compared, storedColumns.stream().filter(c -> !nowColumns.contains(c)).toList(),
                nowColumns.stream().filter(c -> !storedColumns.contains(c)).toList(), differences, stored.size(), now.size(),
                storedDiverged, nowDiverged, storedProvenance, nowProvenance);
    }

    private static double value(EpochRecord r, String column) {
        return r.has(column) ? r.get(column) : Double.NaN;
    }

    /** Every column of any row, in order of first appearance. */
    private static Set<String> columns(List<EpochRecord> rows) {
        Set<String> c = new LinkedHashSet<>();
        rows.forEach(r -> c.addAll(r.values().keySet()));
        return c;
    }

    /** Stops a run before its epoch {@code epochs} + 1 begins (before a rule's phase, such as DFC's sleep). */
    private static final class StopAfter implements TrainingListener {
        private final int epochs;

        StopAfter(int epochs) {
            this.epochs = epochs;
        }

        @Override
        public void rulePhase(TrainingRun run, int epoch, String phase, int done, int total) {
            stopAt(run, epoch);
        }

        @Override
        public void beginEpoch(TrainingRun run, int epoch, int batches) {
            stopAt(run, epoch);
        }

        private void stopAt(TrainingRun run, int epoch) {
            if (epoch >= epochs) {
                throw new Stopped(new ArrayList<>(run.history()));
            }
        }

        /** Carries the finished epochs out of the training loop; not an error. */
        static final class Stopped extends RuntimeException {
            final transient List<EpochRecord> history;

            Stopped(List<EpochRecord> history) {
                super("stopped for the comparison", null, false, false);
                this.history = history;
            }
        }
    }
}
