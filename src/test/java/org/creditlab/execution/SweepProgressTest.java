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

    /** Counted in epochs, the estimate waits for a first epoch, then scales the time so far by epochs left ÷ trained. */
    @Test
    void epochsGiveTheEstimateWhenTheExecutorCountsThem() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SweepProgress progress = new SweepProgress("s", 4, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.epochs(0, 80);
        progress.update(0, 2, 2, 0, "");
        String first = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(first.contains("time left known once an epoch has trained"), first);
        Thread.sleep(1100);
        // a run resumed at epoch 17 finished after 3 epochs: 3 trained, 60 left, about 20 × the time so far
        progress.notTrainedHere();
        progress.epochs(3, 60);
        progress.update(1, 2, 1, 0, "");
        String next = bytes.toString(StandardCharsets.UTF_8).substring(first.length());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("about (?:(\\d+)m)?(\\d+) ?s left").matcher(next);
        assertTrue(m.find(), next);
        int seconds = (m.group(1) == null ? 0 : 60 * Integer.parseInt(m.group(1))) + Integer.parseInt(m.group(2));
        assertTrue(seconds >= 20 && seconds < 600, "20 × the time so far (at least 1.1 s): " + next);
    }
}
