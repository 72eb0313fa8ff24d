package org.creditlab.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.creditlab.data.Batch;
import org.creditlab.data.Batches;
import org.creditlab.data.DataSplits;
import org.creditlab.data.Dataset;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.optim.Optimizers;
import org.creditlab.rules.EpochContext;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.exception.ND4JIllegalStateException;

/**
 * The training loop: for each batch, forward → loss → rule → optimizer step → listeners; after each epoch,
 * evaluation → listeners. All randomness is derived from (seed, epoch, step), so a run resumed at an epoch boundary
 * continues exactly as an uninterrupted one.
 */
public final class Trainer {
    private final String name;
    private final Network network;
    private final LearningRule rule;
    private final Optimizers optimizers;
    private final TrainingOptions options;
    private final Rng rng;
    private final List<TrainingListener> listeners = new ArrayList<>();

    public Trainer(String name, Network network, LearningRule rule, Optimizers optimizers, TrainingOptions options, long seed) {
        this.name = name;
        this.network = network;
        this.rule = rule;
        this.optimizers = optimizers;
        this.options = options;
        this.rng = Rng.of(seed).child("training");
    }

    public Trainer listen(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Trains from scratch. */
    public MetricsTable fit(DataSplits data) {
        return fit(data, List.of());
    }

    /**
     * Continues a run whose first {@code done.size()} epochs are already complete (their records are kept as the
     * first rows of the result).
     *
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public MetricsTable fit(DataSplits data, List<EpochRecord> done) {
        DataSplits d = data.as(network.dataType());
        List<EpochRecord> history = new ArrayList<>(done);
        TrainingRun run = new TrainingRun(name, network, rule, optimizers, d, options, history);
        Dataset trainEval = options.trainEvalLimit() > 0 && options.trainEvalLimit() < d.train().size()
                ? d.train().select(IntStream.range(0, options.trainEvalLimit()).toArray()) : d.train();
        Updates updates = new Updates();
        boolean classification = d.train().targets().columns() == d.train().classes();
        listeners.forEach(l -> l.beginTraining(run));
        for (int epoch = done.size(); epoch < options.epochs(); epoch++) {
            final int e = epoch;
            Rng epochRng = rng.child("epoch", epoch);
            rule.beginEpoch(new EpochContext(network, epoch, options.epochs(), batches(d.train(), epoch, "rule-phase"),
                    epochRng.child("rule"), u -> optimizers.apply(u, e, epochRng.child("rule-phase-optimizer")),
                    (phase, batchesDone, total) -> listeners.forEach(l -> l.rulePhase(run, e, phase, batchesDone, total))));
            Batches batches = batches(d.train(), epoch, "shuffle");
            listeners.forEach(l -> l.beginEpoch(run, e, batches.count()));
            long started = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            int seen = 0;
            int b = 0;
            Iterator<Batch> it = batches.iterator();
            while (it.hasNext()) {
                try (MemoryWorkspace ignored = Workspaces.step("train")) {
                    Batch batch = it.next();
                    Rng stepRng = epochRng.child("step", b);
                    INDArray input = options.augmentation().apply(batch.input(), stepRng.child("augment"));
                    Trace trace = network.forward(input, Mode.TRAIN, stepRng.child("forward"));
                    Loss.Value loss = network.loss().evaluate(trace.output(), batch.target());
                    checkFinite(loss.value(), e, b, history);
                    Rng optimizerRng = stepRng.child("optimizer");
                    double scale = options.nominalDivisor() ? (double) batch.size() / options.batchSize() : 1;
                    double time = e + (double) b / batches.count(); // the schedules' clock: a warm-up moves per step
                    step(rule, new StepContext(network, trace.input(), batch.target(), trace, loss, e,
                            (long) e * batches.count() + b, stepRng.child("rule"), updates,
                            () -> apply(updates, scale, time, optimizerRng.child("early"))));
                    apply(updates, scale, time, optimizerRng);
                    lossSum += loss.value() * batch.size();
                    // the running accuracy is only recorded when the training set is not evaluated after the epoch
                    correct += classification && !options.evaluateTrain() ? Loss.correct(trace.output(), batch.target()) : 0;
                    seen += batch.size();
                    final int bi = b;
                    listeners.forEach(l -> l.afterBatch(run, e, bi, loss.value()));
                    b++;
                }
            }
            EpochRecord record = evaluate(d, trainEval, epoch, lossSum / seen, (double) correct / seen, started);
            // the rate of the epoch's last step (the same as its first, except during a warm-up)
            double lastStep = epoch + Math.max(0, b - 1.0) / Math.max(1, b);
            record.put("lr", optimizers.learningRate(Parameter.FORWARD, lastStep));
            checkFinite(record.get("test_loss"), e, b, history);
            history.add(record);
            listeners.forEach(l -> l.endEpoch(run, record));
        }
        listeners.forEach(l -> l.endTraining(run));
        return new MetricsTable(name, history);
    }

    /**
     * The batches of one epoch in the order of the stream {@code stream}; with {@link TrainingOptions#carryRemainder()}
     * the previous epoch's leftover examples (in that epoch's order of the same stream) join the first batch.
     */
    private Batches batches(Dataset train, int epoch, String stream) {
        Rng order = rng.child("epoch", epoch).child(stream);
        if (!options.carryRemainder()) {
            return Batches.shuffled(train, options.batchSize(), order, options.dropLast());
        }
        Rng previous = epoch == 0 ? null : rng.child("epoch", epoch - 1).child(stream);
        return Batches.carrying(train, options.batchSize(), previous, order);
    }

    /**
     * Applies the step's directions, first scaled by {@code scale}: every rule writes batch means, and with
     * {@link TrainingOptions#nominalDivisor()} the update is the batch's sum divided by the nominal batch size.
     */
    private void apply(Updates updates, double scale, double time, Rng rng) {
        if (scale != 1) {
            updates.parameters().forEach(p -> updates.get(p).muli(scale));
        }
        optimizers.apply(updates, time, rng);
    }

    private EpochRecord evaluate(DataSplits d, Dataset trainEval, int epoch, double runningLoss, double runningAcc, long started) {
        EpochRecord r = new EpochRecord().put("epoch", epoch + 1);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (options.evaluateTrain()) {
            Evaluation t = Evaluation.of(network, trainEval, options.evalBatchSize());
            r.put("train_loss", t.loss()).put("train_acc", t.accuracy());
        } else {
            r.put("train_loss", runningLoss).put("train_acc", runningAcc);
        }
        if (d.hasValidation()) {
            Evaluation v = Evaluation.of(network, d.validation(), options.evalBatchSize());
            r.put("val_loss", v.loss()).put("val_acc", v.accuracy());
        }
        Evaluation test = Evaluation.of(network, d.test(), options.evalBatchSize());
        r.put("test_loss", test.loss()).put("test_acc", test.accuracy());
        r.put("seconds", seconds);
        return r;
    }

    /**
     * One step of the rule. Arrays a step creates live in the step's workspace and are freed when it ends; a rule that
     * keeps one in a field and reads it in the next step gets ND4J's "outdated workspace pointer", which names neither
     * the rule nor the cure, so the message is given here.
     */
    private static void step(LearningRule rule, StepContext context) {
        try {
            rule.step(context);
        } catch (ND4JIllegalStateException e) {
            String m = String.valueOf(e.getMessage());
            if (!m.contains("outdated workspace pointer")) {
                throw e;
            }
            throw new IllegalStateException("the rule " + rule.getClass().getName() + " used an array made in an earlier "
                    + "step: arrays created in step() are freed when the step ends (ND4J workspaces, util.Workspaces); "
                    + "allocate what the rule keeps in its constructor, or create it with Workspaces.outside(...). ND4J said: "
                    + m, e);
        }
    }

    private void checkFinite(double loss, int epoch, int batch, List<EpochRecord> history) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(String.format("training '%s' diverged in epoch %d, batch %d: the loss "
                    + "became %s. The %d epoch(s) completed before are kept. Lower the learning rate, add gradient "
                    + "clipping, or check the rule's settings.", name, epoch + 1, batch + 1, loss, history.size()),
                    new MetricsTable(name, history), epoch);
        }
    }
}
