package org.creditlab.execution;

import java.util.Locale;

/**
 * The executor that sweeps, searches and paper studies use: the one set with {@link #use}, else the one the
 * environment names, else serial.
 *
 * <p>Serial is the default because it measured faster on the QUICK profile: a worker JVM pays its start, ND4J's
 * initialisation and the dataset's loading for every run (10–15 s on these machines), which is more than a QUICK
 * run's own training, while a serial run reuses the loaded data (environment/bench-notebooks.sh, 2026-12-05: the QUICK
 * notebooks took 823 s serially and longer with 2 workers). Local workers pay off when runs take minutes (the paper
 * scale); name them with {@code CREDITLAB_EXECUTOR=local} or {@code CREDITLAB_WORKERS}.
 *
 * <ul>
 *   <li>{@code CREDITLAB_EXECUTOR}: {@code serial} (the default), {@code local} (one worker per core),
 *   {@code local:<workers>}, or
 *   {@code slurm} (settings from {@code CREDITLAB_SLURM_*} or {@code slurm.properties}, see {@link SlurmConfig});</li>
 *   <li>{@code CREDITLAB_WORKERS}: the number of local workers (default: the number of cores);</li>
 *   <li>{@code CREDITLAB_RETRIES}: attempts after a worker or task dies (default 1).</li>
 * </ul>
 * So a notebook runs unchanged on one core, on all of a machine's cores, or on a cluster.
 */
public final class Executors {
    public static final String EXECUTOR_VARIABLE = "CREDITLAB_EXECUTOR";
    public static final String WORKERS_VARIABLE = "CREDITLAB_WORKERS";
    public static final String RETRIES_VARIABLE = "CREDITLAB_RETRIES";

    private static volatile RunExecutor chosen;

    private Executors() {}

    /** The executor for this process from now on (a notebook: {@code Executors.use(Executors.serial())}); null resets. */
    public static void use(RunExecutor executor) {
        chosen = executor;
    }

    public static RunExecutor standard() {
        RunExecutor c = chosen;
        return c != null ? c : fromEnvironment(System.getenv(EXECUTOR_VARIABLE), System.getenv(WORKERS_VARIABLE),
                System.getenv(RETRIES_VARIABLE));
    }

    public static RunExecutor serial() {
        return new SerialExecutor();
    }

    public static RunExecutor local(int workers) {
        return new LocalExecutor(workers, 1, System.out);
    }

    /** Parses the environment's settings, naming the variable and the allowed values when one is wrong. */
    static RunExecutor fromEnvironment(String executor, String workers, String retries) {
        boolean retriesSet = retries != null && !retries.isBlank();
        int tries = retriesSet ? positiveOrZero(RETRIES_VARIABLE, retries) : 1;
        boolean workersSet = workers != null && !workers.isBlank();
        String kind = executor == null || executor.isBlank() ? (workersSet ? "local" : "serial")
                : executor.strip().toLowerCase(Locale.ROOT);
        if (kind.equals("serial")) {
            return new SerialExecutor();
        }
        if (kind.equals("slurm")) {
            SlurmConfig c = SlurmConfig.standard();
            return new SlurmExecutor(retriesSet ? c.toBuilder().retries(tries).build() : c, System.out);
        }
        if (kind.equals("local") || kind.startsWith("local:")) {
            int n = kind.startsWith("local:") ? positive(EXECUTOR_VARIABLE, kind.substring(6))
                    : workers == null || workers.isBlank() ? Runtime.getRuntime().availableProcessors()
                    : positive(WORKERS_VARIABLE, workers);
            return new LocalExecutor(n, tries, System.out);
        }
        throw new IllegalArgumentException(EXECUTOR_VARIABLE + "='" + executor + "' is not an executor: use local, "
                + "local:<workers>, serial or slurm");
    }

    private static int positive(String variable, String value) {
        int n = positiveOrZero(variable, value);
        if (n == 0) {
            throw new IllegalArgumentException(variable + "='" + value + "': need at least 1");
        }
        return n;
    }

    private static int positiveOrZero(String variable, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(variable + "='" + value + "' is not a whole number ≥ 0");
    }
}
