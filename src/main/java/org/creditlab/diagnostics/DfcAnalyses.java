package org.creditlab.diagnostics;

import java.util.stream.IntStream;
import org.creditlab.data.Dataset;
import org.creditlab.rules.dfc.ControlledRule;

/**
 * The DFC paper's measurement of a trained network (its Fig. 1D), as an {@link Analysis}, so that the figure can be
 * drawn from a run record: the trace reads the trained feedback weights Q, which a record does not keep.
 */
public final class DfcAnalyses {
    private DfcAnalyses() {}

    /**
     * The controller's time course for sample 0 of the first training mini-batch (the run's own batch size), under the
     * rule's own forward controller: what the figure once simulated from the trained rule.
     */
    static Analysis controllerTrace() {
        return run -> {
            if (!(run.rule() instanceof ControlledRule rule)) {
                throw new IllegalArgumentException("the analysis '" + Analyses.DFC_CONTROLLER_TRACE + "' needs a DFC rule, "
                        + "not " + run.rule().getClass().getSimpleName());
            }
            Dataset train = run.data().train();
            Dataset first = train.select(IntStream.range(0, Math.min(run.options().batchSize(), train.size())).toArray());
            return ControllerTrace.simulate(rule, rule.controller(), first.inputs(), first.targets(), 0);
        };
    }
}
