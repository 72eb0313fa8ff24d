package org.creditlab.papers.dfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.StudentTeacher;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.Runner;
import org.creditlab.rules.dfc.ConvergenceTest;
import org.creditlab.rules.dfc.DfcSpec;
import org.creditlab.train.EpochRecord;
import org.junit.jupiter.api.Test;

/** A DFC run reports how many samples each convergence test drops, whichever test decides its updates. */
class ControllerConvergenceTest {

    private static EpochRecord lastEpoch(ConvergenceTest test) {
        Preset p = DfcPresets.figure3(Method.DFC_SS_FIXED).toBuilder().epochs(1).build();
        DfcSpec s = ((DfcSpec) p.rule()).toBuilder().convergenceTest(test).build();
        p = p.toBuilder().rule(s.toBuilder().forward(s.forward().toBuilder().steps(300).dt(0.02).build()).build()).build();
        Experiment e = p.experiment("convergence-columns",
                DataSpec.of(StudentTeacher.of(15, 5, List.of(20), 256, 0, 64, 3)), 1);
        return Runner.standard().quiet().noStore().diagnose(Diagnostics.CONTROLLER_CONVERGENCE).run(e).metrics().last();
    }

    @Test
    void bothFractionsAreRecordedAndTheRulesTestGivesTheConvergedColumn() {
        for (ConvergenceTest test : ConvergenceTest.values()) {
            EpochRecord r = lastEpoch(test);
            double perSample = r.get("not_converged_per_sample");
            double reference = r.get("not_converged_reference");
            assertTrue(perSample >= 0 && perSample <= 1 && reference >= 0 && reference <= 1, perSample + ", " + reference);
            double own = test == ConvergenceTest.PER_SAMPLE ? perSample : reference;
            assertEquals(1 - own, r.get("converged"), 1e-12, test.name());
        }
    }
}
