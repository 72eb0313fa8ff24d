package org.creditlab.execution;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;

/** One run after another, in this process. */
public final class SerialExecutor implements RunExecutor {
    @Override
    public List<RunResult> runAll(List<Experiment> experiments, Runner runner) {
        List<RunResult> out = new ArrayList<>();
        for (Experiment e : experiments) {
            out.add(runner.run(e));
        }
        return out;
    }

    @Override
    public String describe() {
        return "serial, in this process";
    }
}
