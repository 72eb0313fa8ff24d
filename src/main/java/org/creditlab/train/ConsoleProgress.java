package org.creditlab.train;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress to a person: a progress bar within each epoch when attached to a terminal, a heartbeat line
 * every few seconds otherwise (notebooks, CI logs), and one summary line per epoch everywhere.
 */
public final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;
    private final boolean terminal;
    private final long heartbeatNanos;
    private ProgressBar bar;
    private int batches;
    private long epochStart;
    private long lastBeat;
    private long phaseStart;

    public ConsoleProgress(PrintStream out, boolean terminal, double heartbeatSeconds) {
        this.out = out;
        this.terminal = terminal;
        this.heartbeatNanos = (long) (heartbeatSeconds * 1e9);
    }

    /** Progress bars on a terminal, heartbeat lines every 10 s elsewhere. */
    public static ConsoleProgress standard() {
        return new ConsoleProgress(System.out, System.console() != null && System.getenv("JPY_PARENT_PID") == null, 10);
    }

    /** Only the per-epoch lines (for sweeps of many short runs). */
    public static ConsoleProgress epochsOnly() {
        return new ConsoleProgress(System.out, false, Double.POSITIVE_INFINITY);
    }

    /**
     * A copy for one of several runs training at once: its own per-run state, and lines instead of bars, since two
     * bars would draw over each other.
     */
    public ConsoleProgress forConcurrentRun() {
        return new ConsoleProgress(out, false, heartbeatNanos / 1e9);
    }

    @Override
    public void beginTraining(TrainingRun run) {
        line(String.format("[%s] %d epoch(s) of %d, batch %d%s", run.name(), run.options().epochs()
                - run.history().size(), run.options().epochs(), run.options().batchSize(),
                run.history().isEmpty() ? "" : ", resuming after epoch " + run.history().size()));
    }

    /** A line when a rule's phase starts and ends, heartbeat lines in between. */
    @Override
    public void rulePhase(TrainingRun run, int epoch, String phase, int done, int total) {
        long now = System.nanoTime();
        if (done == 0) {
            phaseStart = now;
            lastBeat = now;
            line(String.format("[%s]   before epoch %d: %s, %d batches", run.name(), epoch + 1, phase, total));
        } else if (done == total) {
            line(String.format("[%s]   before epoch %d: %s done in %.0f s", run.name(), epoch + 1, phase, (now - phaseStart) / 1e9));
        } else if (now - lastBeat >= heartbeatNanos) {
            lastBeat = now;
            line(String.format("[%s]   before epoch %d: %s, %d/%d batches (%.0f%%), %.0f s", run.name(), epoch + 1, phase,
                    done, total, 100.0 * done / total, (now - phaseStart) / 1e9));
        }
    }

    @Override
    public void beginEpoch(TrainingRun run, int epoch, int batches) {
        this.batches = batches;
        epochStart = System.nanoTime();
        lastBeat = epochStart;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(String.format("epoch %d/%d", epoch + 1, run.options().epochs()))
                    .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .continuousUpdate().build();
        }
    }

    @Override
    public void afterBatch(TrainingRun run, int epoch, int batch, double loss) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format("loss %.4f", loss));
            return;
        }
        long now = System.nanoTime();
        if (now - lastBeat >= heartbeatNanos) {
            lastBeat = now;
            line(String.format("[%s]   epoch %d: %d/%d batches (%.0f%%), loss %.4f, %.0f s", run.name(), epoch + 1, batch + 1,
                    batches, 100.0 * (batch + 1) / batches, loss, (now - epochStart) / 1e9));
        }
    }

    @Override
    public void endEpoch(TrainingRun run, EpochRecord r) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        StringBuilder sb = new StringBuilder(String.format("[%s] epoch %d/%d  train loss %.4f", run.name(),
                (long) r.get("epoch"), run.options().epochs(), r.get("train_loss")));
        appendAccuracy(sb, r, "train_acc");
        if (r.has("val_loss")) {
            sb.append(String.format(" | val loss %.4f", r.get("val_loss")));
            appendAccuracy(sb, r, "val_acc");
        }
        sb.append(String.format(" | test loss %.4f", r.get("test_loss")));
        appendAccuracy(sb, r, "test_acc");
        sb.append(String.format(" | %.1f s", r.get("seconds")));
        line(sb.toString());
    }

    /** One write per line: notebook kernels forward every write as a separate output message. */
    private void line(String text) {
        out.print(text + System.lineSeparator());
        out.flush();
    }

    private static void appendAccuracy(StringBuilder sb, EpochRecord r, String column) {
        if (r.has(column) && !Double.isNaN(r.get(column))) {
            sb.append(String.format(" acc %.2f%%", 100 * r.get(column)));
        }
    }
}
