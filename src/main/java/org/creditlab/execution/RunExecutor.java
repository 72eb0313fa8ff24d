package org.creditlab.execution;

import java.util.List;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;

/**
 * Runs independent experiments and returns their results in the same order. Each result is what
 * {@link Runner#run(Experiment)} returns for that experiment, bit for bit, whichever executor produced it; a run that
 * failed every attempt comes back as {@link RunResult#missing(Experiment, String)}, never left out.
 */
public interface RunExecutor {
    List<RunResult> runAll(List<Experiment> experiments, Runner runner);

    /** For progress lines and notes, e.g. "2 local workers". */
    String describe();
}
