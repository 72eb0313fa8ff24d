package org.creditlab.execution;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One line per change of a sweep's counts (runs done, running, failed), with the elapsed time and an estimate of the
 * time left, and a heartbeat when nothing changed for a while. Printed to standard output, so it shows in a terminal
 * and in a notebook cell alike. The estimate leaves out the runs that did not train here ({@link #notTrainedHere}), such
 * as those loaded from the store: they take no time, and counting them would promise a resumed sweep's end far too soon.
 * Where the executor times the runs' epochs ({@link #estimate}, {@link EpochTally}), its estimate replaces the count of
 * runs, so that a run resumed from its checkpoint weighs only the epochs it has left, each at its own pace.
 */
final class SweepProgress {
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);

    private final String sweep;
    private final int total;
    private final PrintStream out;
    private final Instant start = Instant.now();
    private String last = "";
    private Instant lastPrinted = Instant.now();
    private int notTrained;
    /** The executor's own estimate: null where it gives none, empty until it can. */
    private Optional<Duration> estimate;

    SweepProgress(String sweep, int total, PrintStream out) {
        this.sweep = sweep;
        this.total = total;
        this.out = out;
    }

    void say(String line) {
        out.println("[sweep " + sweep + "] " + line);
        out.flush();
    }

    /** Counts a done run that did not train here (loaded from the store, or left out by a load-only runner). */
    void notTrainedHere() {
        notTrained++;
    }

    /** The time left as the executor estimates it (empty: not known yet); from then on it replaces the count of runs. */
    void estimate(Optional<Duration> timeLeft) {
        estimate = timeLeft;
    }

    /** Prints the counts if they changed, or if a heartbeat is due. */
    void update(int done, int running, int queued, int failed, String detail) {
        String counts = done + "/" + total + " done · " + running + " running"
                + (queued > 0 ? " · " + queued + " queued" : "") + " · " + failed + " failed";
        Instant now = Instant.now();
        if (counts.equals(last) && Duration.between(lastPrinted, now).compareTo(HEARTBEAT) < 0) {
            return;
        }
        Duration elapsed = Duration.between(start, now);
        String eta = done + failed >= total ? "" : " · " + timeLeft(elapsed, done, failed);
        say(counts + " · " + format(elapsed) + " elapsed" + eta + (detail.isEmpty() ? "" : " · " + detail));
        last = counts;
        lastPrinted = now;
    }

    private String timeLeft(Duration elapsed, int done, int failed) {
        if (estimate != null) {
            return estimate.map(d -> "about " + format(d) + " left").orElse("time left known once an epoch has trained");
        }
        int trained = done - notTrained;
        return trained <= 0 ? "time left known once a run has trained"
                : "about " + format(elapsed.multipliedBy(total - done - failed).dividedBy(trained)) + " left";
    }

    Duration elapsed() {
        return Duration.between(start, Instant.now());
    }

    /** Sleeps between looks at the workers or the queue; an interrupt stops the wait with {@code whatThen}. */
    static void pause(Duration d, String whatThen) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + whatThen, e);
        }
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s < 3600 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
