package org.creditlab.execution;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.creditlab.util.IoMessages;
import org.creditlab.util.ProjectPaths;

/**
 * How sweeps are submitted to SLURM. Each setting comes from, in order: the environment variable
 * {@code CREDITLAB_SLURM_<NAME>} (e.g. {@code CREDITLAB_SLURM_PARTITION}), the properties file named by
 * {@code CREDITLAB_SLURM_CONFIG} or else {@code slurm.properties} in the project root (e.g. {@code partition=gpu}),
 * else the default below. Account and partition default to the cluster's own defaults (the option is left out).
 *
 * @param account      {@code --account}, or empty for the user's default
 * @param partition    {@code --partition}, or empty for the cluster's default
 * @param time         {@code --time} per task (a run), default 4:00:00
 * @param memory       {@code --mem} per task, default 8G (a paper-scale run needs 2–6 GB)
 * @param cpusPerTask  {@code --cpus-per-task}, default 1: one single-threaded run per core is fastest
 * @param maxParallel  at most this many tasks of the array at once ({@code %N}), 0 for no limit
 * @param retries      how many times a task that died is submitted again
 * @param poll         seconds between looks at the queue while waiting
 * @param java         the java command on the nodes (default: this JVM's, on a shared file system)
 */
public record SlurmConfig(String account, String partition, String time, String memory, int cpusPerTask,
                          int maxParallel, int retries, int poll, String java) {

    static final List<String> KEYS = List.of("account", "partition", "time", "memory", "cpus-per-task",
            "max-parallel", "retries", "poll", "java");

    public SlurmConfig {
        if (cpusPerTask < 1 || maxParallel < 0 || retries < 0 || poll < 1) {
            throw new IllegalArgumentException("SLURM settings: cpus-per-task and poll must be ≥ 1, max-parallel and "
                    + "retries ≥ 0 (got " + cpusPerTask + ", " + poll + ", " + maxParallel + ", " + retries + ")");
        }
    }

    public static SlurmConfig defaults() {
        return new SlurmConfig("", "", "4:00:00", "8G", 1, 0, 1, 10,
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Defaults, overridden by the properties file, overridden by the environment. */
    public static SlurmConfig standard() {
        String named = System.getenv("CREDITLAB_SLURM_CONFIG");
        Path file = named != null && !named.isBlank() ? Path.of(named) : ProjectPaths.root().resolve("slurm.properties");
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.isRegularFile(file) || named != null && !named.isBlank()) {
            values.putAll(readProperties(file));
        }
        for (String key : KEYS) {
            String env = System.getenv("CREDITLAB_SLURM_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (env != null && !env.isBlank()) {
                values.put(key, env.strip());
            }
        }
        return defaults().with(values, file.toString());
    }

    /** These settings with some replaced by name (the keys of {@code slurm.properties}); {@code source} names them in errors. */
    public SlurmConfig with(Map<String, String> values, String source) {
        Builder b = toBuilder();
        for (Map.Entry<String, String> v : values.entrySet()) {
            String val = v.getValue().strip();
            switch (v.getKey()) {
                case "account" -> b.account(val);
                case "partition" -> b.partition(val);
                case "time" -> b.time(val);
                case "memory" -> b.memory(val);
                case "java" -> b.java(val);
                case "cpus-per-task" -> b.cpusPerTask(number(v.getKey(), val, source));
                case "max-parallel" -> b.maxParallel(number(v.getKey(), val, source));
                case "retries" -> b.retries(number(v.getKey(), val, source));
                case "poll" -> b.poll(number(v.getKey(), val, source));
                default -> throw new IllegalArgumentException(source + ": unknown SLURM setting '" + v.getKey()
                        + "'; known: " + String.join(", ", KEYS));
            }
        }
        return b.build();
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code SlurmConfig.defaults().toBuilder().retries(3).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private String account;
        private String partition;
        private String time;
        private String memory;
        private int cpusPerTask;
        private int maxParallel;
        private int retries;
        private int poll;
        private String java;

        private Builder(SlurmConfig s) {
            account = s.account;
            partition = s.partition;
            time = s.time;
            memory = s.memory;
            cpusPerTask = s.cpusPerTask;
            maxParallel = s.maxParallel;
            retries = s.retries;
            poll = s.poll;
            java = s.java;
        }

        public Builder account(String value) { account = value; return this; }
        public Builder partition(String value) { partition = value; return this; }
        public Builder time(String value) { time = value; return this; }
        public Builder memory(String value) { memory = value; return this; }
        public Builder cpusPerTask(int value) { cpusPerTask = value; return this; }
        public Builder maxParallel(int value) { maxParallel = value; return this; }
        public Builder retries(int value) { retries = value; return this; }
        public Builder poll(int value) { poll = value; return this; }
        public Builder java(String value) { java = value; return this; }

        public SlurmConfig build() {
            return new SlurmConfig(account, partition, time, memory, cpusPerTask, maxParallel, retries, poll, java);
        }
    }

    private static int number(String key, String value, String source) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": SLURM setting '" + key + "' must be a whole number, got '" + value + "'");
        }
    }

    private static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the SLURM settings " + IoMessages.describe(file, e)
                    + " (CREDITLAB_SLURM_CONFIG names it, or slurm.properties in the project root)", e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }
}
