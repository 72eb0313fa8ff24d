package org.creditlab.execution;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.creditlab.util.AtomicFiles;

/**
 * The batch script of a sweep's job array: SLURM's settings as {@code #SBATCH} lines, then the worker command with the
 * array task's index. Each task's output goes to {@code logs/<index>.<job id>.log} in the sweep folder.
 */
final class JobScript {
    private JobScript() {}

    static String jobName(Manifest m) {
        return "creditlab-" + m.id();
    }

    static Path write(SweepFolder sweep, SlurmConfig c) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=").append(jobName(sweep.manifest())).append('\n');
        s.append("#SBATCH --output=").append(sweep.logs().resolve("%a.%A.log")).append('\n');
        s.append("#SBATCH --ntasks=1\n");
        s.append("#SBATCH --cpus-per-task=").append(c.cpusPerTask()).append('\n');
        s.append("#SBATCH --time=").append(c.time()).append('\n');
        s.append("#SBATCH --mem=").append(c.memory()).append('\n');
        if (!c.partition().isEmpty()) {
            s.append("#SBATCH --partition=").append(c.partition()).append('\n');
        }
        if (!c.account().isEmpty()) {
            s.append("#SBATCH --account=").append(c.account()).append('\n');
        }
        s.append("# One run of ").append(sweep.manifestFile()).append(" per array task; written by CreditLab.\n");
        s.append("export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}\n");
        s.append("export ").append(Executors.EXECUTOR_VARIABLE).append("=serial\n");
        List<String> cmd = WorkerCommand.of(sweep.manifestFile(), "$SLURM_ARRAY_TASK_ID", List.of());
        cmd.set(0, c.java());
        s.append("exec ").append(cmd.stream().map(JobScript::quote).collect(Collectors.joining(" "))).append('\n');
        Path script = sweep.dir().resolve("job.sh");
        AtomicFiles.writeString(script, s.toString());
        return script;
    }

    /** Single-quoted for bash, except the task index, which bash must expand. */
    private static String quote(String arg) {
        return arg.equals("$SLURM_ARRAY_TASK_ID") ? "\"$SLURM_ARRAY_TASK_ID\"" : "'" + arg.replace("'", "'\\''") + "'";
    }
}
