package org.creditlab.execution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The SLURM commands a sweep uses: {@code sbatch} to submit a job array, {@code squeue} to see its tasks. */
final class Slurm {
    private Slurm() {}

    /** Submits {@code script} as an array over {@code indices}; returns the job id. */
    static String submit(Path script, List<Integer> indices, int maxParallel) {
        String array = indices.stream().map(String::valueOf).collect(Collectors.joining(","))
                + (maxParallel > 0 ? "%" + maxParallel : "");
        String out = run(List.of("sbatch", "--parsable", "--array=" + array, script.toString()));
        String id = out.strip().split(";")[0]; // "<job id>[;<cluster>]"
        if (!id.matches("\\d+")) {
            throw new IllegalStateException("sbatch answered '" + out.strip() + "' instead of a job id (script " + script + ")");
        }
        return id;
    }

    /** The tasks of jobs named {@code jobName} still in the queue: array index → SLURM state (PENDING, RUNNING...). */
    static Map<Integer, String> queued(String jobName) {
        String out = run(List.of("squeue", "--noheader", "--array", "--name=" + jobName, "--format=%K|%T"));
        Map<Integer, String> tasks = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\|");
            if (f.length == 2 && f[0].matches("\\d+")) {
                tasks.put(Integer.parseInt(f[0]), f[1]);
            }
        }
        return tasks;
    }

    /** True if {@code sbatch} can be run here. */
    static boolean available() {
        try {
            run(List.of("sbatch", "--version"));
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not answer in 60 s; is slurmctld up?");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (" + e.getMessage() + "): SLURM's commands must "
                    + "be on the PATH to use CREDITLAB_EXECUTOR=slurm", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
