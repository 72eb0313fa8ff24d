package org.creditlab.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.train.EpochRecord;
import org.junit.jupiter.api.Test;

/** The rule's phase is timed from its first progress report to the epoch's first batch, and is 0 without one. */
class PhaseTimeTest {
    @Test
    void timesThePhaseBeforeAnEpochAndNothingElse() throws InterruptedException {
        PhaseTime t = new PhaseTime();
        long before = System.nanoTime();
        t.rulePhase(null, 0, "sleep", 0, 2);
        Thread.sleep(60);
        t.rulePhase(null, 0, "sleep", 1, 2);
        t.beginEpoch(null, 0, 10);
        double outer = (System.nanoTime() - before) / 1e9;
        Thread.sleep(200); // the batches: not the phase's
        EpochRecord first = new EpochRecord();
        t.endEpoch(null, first);
        double phase = first.get("phase_seconds");
        assertTrue(phase >= 0.06 && phase <= outer, "the phase's 60 ms at least, and nothing after the epoch began: " + phase + " of " + outer);

        t.beginEpoch(null, 1, 10);
        EpochRecord second = new EpochRecord();
        t.endEpoch(null, second);
        assertEquals(0, second.get("phase_seconds"), "no phase before the second epoch");
    }
}
