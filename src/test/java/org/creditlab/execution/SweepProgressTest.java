package org.creditlab.execution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SweepProgressTest {

    @Test
    void runsLoadedFromTheStoreGiveNoEstimateOfTheTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SweepProgress progress = new SweepProgress("s", 10, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        // a resumed sweep: eight runs loaded at once, two training
        for (int i = 0; i < 8; i++) {
            progress.notTrainedHere();
        }
        progress.update(8, 2, 0, 0, "");
        String resumed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(resumed.contains("8/10 done · 2 running · 0 failed"), resumed);
        assertTrue(resumed.contains("time left known once a run has trained"), resumed);
        assertFalse(resumed.contains("about"), resumed);

        progress.update(9, 1, 0, 0, "");
        String next = bytes.toString(StandardCharsets.UTF_8).substring(resumed.length());
        assertTrue(next.contains("9/10 done") && next.contains("left"), next);
        assertFalse(next.contains("known once"), next);

        progress.update(10, 0, 0, 0, "");
        String end = bytes.toString(StandardCharsets.UTF_8).substring(resumed.length() + next.length());
        assertFalse(end.contains("left"), "nothing is left: " + end);
    }

    /** The executor's estimate, where it gives one, replaces the count of runs. */
    @Test
    void theExecutorsEstimateReplacesTheCountOfRuns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SweepProgress progress = new SweepProgress("s", 4, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.estimate(java.util.Optional.empty());
        progress.update(0, 2, 2, 0, "");
        String first = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(first.contains("time left known once an epoch has trained"), first);
        progress.notTrainedHere();
        progress.estimate(java.util.Optional.of(java.time.Duration.ofSeconds(5400)));
        progress.update(1, 2, 1, 0, "");
        String next = bytes.toString(StandardCharsets.UTF_8).substring(first.length());
        assertTrue(next.contains("about 1h30m left"), next);
    }
}
