package org.creditlab.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.creditlab.data.Dataset;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.rules.StepContext;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingRun;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One training-mode step of a run's rule on a fixed batch (the first examples of the training set, the same every
 * epoch), taken without disturbing training: the network's running statistics are restored, the rule writes into a
 * buffer of its own and cannot apply it early, and the randomness is the diagnostics' own stream.
 *
 * @param trace the training-mode forward pass of the batch
 * @param loss  its loss and output gradient
 * @param rule  the rule's directions on the batch
 */
record Probe(Network network, INDArray input, INDArray target, Trace trace, Loss.Value loss, Updates rule) {

    static Probe take(TrainingRun run, int examples, EpochRecord record) {
        Network net = run.network();
        Dataset train = run.data().train();
        int n = Math.min(examples, train.size());
        INDArray x = train.inputs().get(NDArrayIndex.interval(0, n));
        INDArray t = train.targets().get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        Map<String, INDArray> saved = new LinkedHashMap<>();
        net.buffers().forEach((k, v) -> saved.put(k, v.dup()));
        Rng rng = Rng.of(0).child("diagnostics", (long) record.get("epoch"));
        Trace trace = net.forward(x, Mode.TRAIN, rng.child("forward"));
        Loss.Value loss = net.loss().evaluate(trace.output(), t);
        Updates rule = new Updates();
        run.rule().step(new StepContext(net, trace.input(), t, trace, loss, (int) record.get("epoch") - 1, -1,
                rng.child("rule"), rule, () -> { }));
        net.buffers().forEach((k, v) -> v.assign(saved.get(k)));
        return new Probe(net, trace.input(), t, trace, loss, rule);
    }
}
