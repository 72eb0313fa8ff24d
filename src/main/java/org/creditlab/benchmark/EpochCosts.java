package org.creditlab.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.creditlab.results.Json;
import org.creditlab.util.AtomicFiles;
import org.creditlab.util.IoMessages;
import org.creditlab.util.ProjectPaths;

/**
 * What an epoch of each rule's chosen setting costs against backprop's, measured in one sitting on one machine
 * ({@link CostSitting}), and kept as {@code records/timing/<experiment>.json} beside the benchmark's run records.
 *
 * <p>The training runs' own epoch times cannot give this column: they ran over days, on a core shared with other
 * trainings and builds, and the same rule's epoch took from 1.2 to 6.6 s across its runs. Here each rule's epochs alternate
 * with backprop's in the same process, so both see the same machine. A rule's entry names the run id of the setting it
 * timed; the table uses it only while that is still the rule's chosen setting.
 *
 * @param experiment  the benchmark's folder, e.g. "benchmark-256x256-20ep"
 * @param measured    when the sitting began (UTC, ISO 8601)
 * @param machine     the CPU, the BLAS and its kernels, and the thread setting
 * @param images      training images per timed epoch
 * @param rounds      times each rule was timed, each beside its own backprop runs
 * @param rules       one entry per timed rule, backprop's included (ratio 1)
 */
public record EpochCosts(String experiment, String measured, String machine, int images, int rounds, List<RuleCost> rules) {

    public EpochCosts {
        rules = List.copyOf(rules);
    }

    /**
     * One rule's timing.
     *
     * @param runId           the run id of the chosen setting that was timed (its search trial's)
     * @param ruleSeconds     the rule's cost per epoch in each round, seconds ({@link CostSitting#epochCost})
     * @param backpropSeconds backprop's, each the mean of the runs just before and after the rule's
     * @param ratio           the median over rounds of the rule's cost over backprop's
     */
    public record RuleCost(String rule, String runId, double[] ruleSeconds, double[] backpropSeconds, double ratio) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RuleCost c && rule.equals(c.rule) && runId.equals(c.runId)
                    && Arrays.equals(ruleSeconds, c.ruleSeconds) && Arrays.equals(backpropSeconds, c.backpropSeconds)
                    && Double.compare(ratio, c.ratio) == 0;
        }

        @Override
        public int hashCode() {
            return rule.hashCode() * 31 + runId.hashCode();
        }

        @Override
        public String toString() {
            return rule + " " + ratio + " (" + runId + ")";
        }
    }

    /** The ratio measured for {@code rule}, if this sitting timed the setting whose run id is {@code runId}. */
    public Optional<Double> ratio(String rule, String runId) {
        return rules.stream().filter(c -> c.rule().equals(rule) && c.runId().equals(runId)).map(RuleCost::ratio).findFirst();
    }

    /** Where the sitting of the benchmark at scale {@code s} is kept under the records folder {@code records}. */
    public static Path file(Path records, BenchmarkScale s) {
        return records.resolve("timing").resolve(BenchmarkPresets.experimentName(s) + ".json");
    }

    /** The sitting kept for scale {@code s} in the project's records, if any (none when records are turned off). */
    public static Optional<EpochCosts> stored(BenchmarkScale s) {
        Path records = ProjectPaths.records();
        return records == null ? Optional.empty() : read(file(records, s), BenchmarkPresets.experimentName(s));
    }

    /**
     * The sitting in {@code file}, or empty if there is none. A file that cannot be read, or holds another experiment's
     * timing, is refused with its name: a damaged measurement is never shown as one.
     */
    static Optional<EpochCosts> read(Path file, String experiment) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        EpochCosts c;
        try {
            c = Json.read(Files.readString(file), EpochCosts.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the benchmark's timing " + IoMessages.describe(file, e), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a benchmark timing (" + e.getMessage() + "): restore it with "
                    + "'git checkout -- " + file.getFileName() + "' or measure again with 'benchmark time --record'", e);
        }
        if (c.experiment() == null || !c.experiment().equals(experiment) || c.rules() == null) {
            throw new IllegalStateException(file + " holds the timing of '" + c.experiment() + "', not of " + experiment
                    + ": measure again with 'benchmark time --record'");
        }
        return Optional.of(c);
    }

    /** Writes this sitting to {@code file} atomically (a crash leaves the previous file or this one, never a part). */
    public void write(Path file) {
        AtomicFiles.writeString(file, Json.write(this) + "\n");
    }
}
