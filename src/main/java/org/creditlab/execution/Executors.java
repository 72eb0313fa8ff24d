package org.creditlab.execution;

import java.util.Locale;

/**
 * The executor that sweeps, searches and paper studies use: the one set with {@link #use}, else the one the
 * environment names, else one local worker per core.
 *
 * <ul>
 *   <li>{@code CREDITLAB_EXECUTOR}: {@code local} (the default: one run per core, in this process, see
 *   {@link ThreadExecutor}), {@code local:<workers>}, {@code serial}, {@code processes} or {@code processes:<workers>}
 *   (a worker JVM per run, see {@link ProcessExecutor}), or {@code slurm} (settings from {@code CREDITLAB_SLURM_*} or
 *   {@code slurm.properties}, see {@link SlurmConfig});</li>
 *   <li>{@code CREDITLAB_WORKERS}: the number of local workers (default: the number of cores);</li>
 *   <li>{@code CREDITLAB_RETRIES}: attempts after a run, worker or task fails (default 1).</li>
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

    /** {@code workers} runs at a time in this process. */
    public static RunExecutor local(int workers) {
        return new ThreadExecutor(workers, 1, System.out);
    }

    /** {@code workers} worker JVMs at a time, one run each. */
    public static RunExecutor processes(int workers) {
        return new ProcessExecutor(workers, 1, System.out);
    }

    /** Parses the environment's settings, naming the variable and the allowed values when one is wrong. */
    static RunExecutor fromEnvironment(String executor, String workers, String retries) {
        boolean retriesSet = retries != null && !retries.isBlank();
        int tries = retriesSet ? positiveOrZero(RETRIES_VARIABLE, retries) : 1;
        String kind = executor == null || executor.isBlank() ? "local" : executor.strip().toLowerCase(Locale.ROOT);
        if (kind.equals("serial")) {
            return new SerialExecutor();
        }
        if (kind.equals("slurm")) {
            SlurmConfig c = SlurmConfig.standard();
            return new SlurmExecutor(retriesSet ? c.toBuilder().retries(tries).build() : c, System.out);
        }
        for (String local : new String[] {"local", "processes"}) {
            if (kind.equals(local) || kind.startsWith(local + ":")) {
                int n = kind.equals(local) ? workerCount(workers) : positive(EXECUTOR_VARIABLE, kind.substring(local.length() + 1));
                return local.equals("local") ? new ThreadExecutor(n, tries, System.out) : new ProcessExecutor(n, tries, System.out);
            }
        }
        throw new IllegalArgumentException(EXECUTOR_VARIABLE + "='" + executor + "' is not an executor: use local, "
                + "local:<workers>, serial, processes, processes:<workers> or slurm");
    }

    private static int workerCount(String workers) {
        return workers == null || workers.isBlank() ? Runtime.getRuntime().availableProcessors()
                : positive(WORKERS_VARIABLE, workers);
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
