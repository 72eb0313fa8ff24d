package org.creditlab.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.creditlab.results.Provenance;
import org.creditlab.results.RecordFolder;
import org.creditlab.results.RunFolder;
import org.creditlab.results.StoredRun;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;

/**
 * Whether a stored run reproduces here: its experiment trained again from scratch, without a store, and its metrics
 * compared with the stored ones epoch by epoch and column by column, bit for bit. The seconds a run took are left out
 * (no two runs share them); every other column, diagnostics included, must be equal. Where they are not, the report
 * names the first value that departs and the largest difference, and what in the build or machine differs, e.g. the
 * BLAS kernels, with the setting that selects the stored run's.
 */
public final class Reproduction {
    private Reproduction() {}

    /** One value that differs. */
    public record Difference(int epoch, String column, double stored, double now) {
        /** |now − stored| relative to |stored| (absolute where stored is 0; infinite where one of them is NaN). */
        public double relative() {
            if (Double.isNaN(stored) != Double.isNaN(now)) {
                return Double.POSITIVE_INFINITY;
            }
            double d = Math.abs(now - stored);
            return stored == 0 ? d : d / Math.abs(stored);
        }
    }

    /**
     * @param epochs      the epochs compared
     * @param compared    the columns compared (timing columns aside)
     * @param onlyStored  columns the stored run has and the new one lacks (a diagnostic the experiment no longer names)
     * @param onlyNow     columns the new run adds (a measurement added to the code since)
     * @param differences every value that differs, in epoch order
     */
    public record Report(String run, int epochs, List<String> compared, List<String> onlyStored, List<String> onlyNow,
                         List<Difference> differences, Provenance stored, Provenance now) {

        public boolean identical() {
            return differences.isEmpty();
        }

        /** What agreed, or where the runs part and what may explain it. */
        public String describe() {
            StringBuilder s = new StringBuilder(run).append(": ");
            int values = epochs * compared.size();
            if (identical()) {
                s.append("reproduced bit for bit (").append(epochs).append(" epoch(s) × ").append(compared.size())
                        .append(" columns, the seconds aside)");
            } else {
                Difference first = differences.get(0);
                Difference largest = differences.stream().max((a, b) -> Double.compare(a.relative(), b.relative())).orElseThrow();
                s.append(differences.size()).append(" of ").append(values).append(" values differ; the first at epoch ")
                        .append(first.epoch()).append(", ").append(first.column()).append(": ").append(first.stored())
                        .append(" (stored) vs ").append(first.now()).append(" (now); the largest relative difference ")
                        .append(String.format(Locale.ROOT, "%.3g", largest.relative())).append(" (").append(largest.column())
                        .append(", epoch ").append(largest.epoch()).append(": ").append(largest.stored()).append(" vs ")
                        .append(largest.now()).append(")");
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
    }

    private static final Pattern CORE_TYPE = Pattern.compile("core type (\\w+)");

    /** "set OPENBLAS_CORETYPE=Haswell …" where the stored run's OpenBLAS kernels differ from this machine's. */
    static java.util.Optional<String> coreTypeHint(String storedBlas, String nowBlas) {
        Matcher was = CORE_TYPE.matcher(storedBlas == null ? "" : storedBlas);
        Matcher is = CORE_TYPE.matcher(nowBlas == null ? "" : nowBlas);
        if (was.find() && is.find() && !was.group(1).equals(is.group(1))) {
            return java.util.Optional.of("the stored run used OpenBLAS's " + was.group(1) + " kernels and this machine chose "
                    + is.group(1) + "; run again with OPENBLAS_CORETYPE=" + was.group(1) + " set for the command to use the"
                    + " stored run's kernels (where this CPU has their instructions)");
        }
        return java.util.Optional.empty();
    }

    /** The timing columns, which differ between any two runs. */
    static boolean timing(String column) {
        return column.equals("seconds") || column.endsWith("_seconds");
    }

    /**
     * Trains {@code e} from scratch for its first {@code epochs} epochs, with {@code runner}'s progress and listeners
     * and without a store, and compares them with the stored run's first {@code epochs}.
     */
    public static Report of(Experiment e, MetricsTable stored, Provenance storedProvenance, int epochs, Runner runner) {
        if (epochs < 1 || epochs > stored.epochs()) {
            throw new IllegalArgumentException("epochs to compare: " + epochs + ", but the stored run has " + stored.epochs());
        }
        List<EpochRecord> trained;
        try {
            trained = runner.noStore().loadOnly(false).listen(new StopAfter(epochs)).run(e).metrics().rows(); // all epochs, or a divergence
        } catch (StopAfter.Stopped done) {
            trained = done.history;
        }
        return compare(e.name() + "/" + e.runId(), stored.head(epochs).rows(), trained, storedProvenance, CodeVersion.of(e));
    }

    /**
     * The run or record in {@code folder}, verified as a load would verify it, trained again for its first
     * {@code epochs} epochs (null: every stored epoch) and compared.
     *
     * @throws IllegalArgumentException naming the file, if the folder does not verify or cannot be read as a run
     */
    public static Report of(Path folder, Integer epochs, Runner runner) {
        boolean record = Files.exists(folder.resolve(RecordFolder.MANIFEST));
        StoredRuns.Summary check = record ? RecordedRuns.inspect(folder) : StoredRuns.inspect(folder, false);
        if (check.state().equals("in use")) {
            throw new IllegalArgumentException(folder + " is being trained (" + check.code() + "); compare it once that "
                    + "process stops");
        }
        // a stale run (other code versions) is still compared: the report says that its numbers may differ for it
        List<String> problems = check.problems().stream().filter(p -> !p.startsWith("stale: ")).toList();
        if (!problems.isEmpty() || check.epochsDone() < 1) {
            throw new IllegalArgumentException(folder + " does not verify, so there is nothing to compare with: "
                    + (problems.isEmpty() ? "it has no finished epoch" : String.join("; ", problems))
                    + " ('runs verify' says more)");
        }
        Experiment e = StoredRuns.configuration(folder, new ArrayList<>());
        StoredRun stored = record ? new RecordFolder(folder).open(e.toJson(), e.training().epochs())
                : new RunFolder(folder).open(e.toJson(), e.training().epochs(), false, n -> { });
        MetricsTable metrics = stored.metrics(e.name());
        return of(e, metrics, stored.provenance(), epochs == null ? metrics.epochs() : epochs, runner);
    }

    /** The comparison alone: every shared column but the timing ones, over the shorter of the two histories. */
    static Report compare(String run, List<EpochRecord> stored, List<EpochRecord> now, Provenance storedProvenance,
                          Provenance nowProvenance) {
        List<String> storedColumns = columns(stored);
        List<String> nowColumns = columns(now);
        List<String> compared = storedColumns.stream().filter(nowColumns::contains).filter(c -> !timing(c)).toList();
        List<Difference> differences = new ArrayList<>();
        int epochs = Math.min(stored.size(), now.size());
        for (int i = 0; i < epochs; i++) {
            for (String c : compared) {
                double a = stored.get(i).get(c);
                double b = now.get(i).get(c);
                if (Double.doubleToLongBits(a) != Double.doubleToLongBits(b)) {
                    differences.add(new Difference(i + 1, c, a, b));
                }
            }
        }
        if (stored.size() != now.size()) { // a divergence in one of them: the missing epochs count as differing
            differences.add(new Difference(epochs + 1, "epochs", stored.size(), now.size()));
        }
        return new Report(run, epochs, compared, storedColumns.stream().filter(c -> !nowColumns.contains(c)).toList(),
                nowColumns.stream().filter(c -> !storedColumns.contains(c)).toList(), differences, storedProvenance,
                nowProvenance);
    }

    private static List<String> columns(List<EpochRecord> rows) {
        return rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).values().keySet());
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
