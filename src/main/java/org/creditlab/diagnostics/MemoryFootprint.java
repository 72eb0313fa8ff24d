package org.creditlab.diagnostics;

import java.util.Collection;
import java.util.stream.Stream;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory a rule's training holds, in two parts that can be measured exactly and attributed to one run even when
 * runs share a process (a JVM-wide or off-heap peak cannot be: the executor trains several runs on threads of one
 * process). After each epoch it records
 *
 * <ul>
 *   <li>{@code memory/state_bytes}: the bytes of every array that lives across steps: the network's parameters and
 *   buffers, the rule's own parameters and buffers (feedback matrices, F, Q), the optimizers' state (momentum,
 *   Adam's moments) and the buffers the rule writes its update directions into (one per parameter it updates,
 *   allocated once and reused);</li>
 *   <li>{@code memory/step_bytes}: the bytes ND4J allocates during one training step at the run's batch size (the
 *   forward pass, the loss and the rule's step: activations, deltas, a second pass, a controller's buffers),
 *   measured as the allocations of a fresh workspace around one probe step ({@link Probe}): the forward pass, the loss
 *   and the rule's step, without the optimizers' temporaries or augmentation, and with the probe's own copies of its
 *   batch; close to, not exactly, the training loop's peak of temporary memory per step.</li>
 * </ul>
 *
 * Java heap arrays a rule keeps (none of the built-in rules' state) and the dataset, which every rule shares, are not
 * counted.
 */
public final class MemoryFootprint implements TrainingListener {
    /** Every allocation is counted and none is kept: no learning, nothing pre-allocated, spills freed at the end. */
    private static final WorkspaceConfiguration COUNT = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.NONE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.EXTERNAL)
            .build();
    private static final String WORKSPACE = "creditlab-memory-probe";

    @Override
    public void endEpoch(TrainingRun run, EpochRecord record) {
        MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(COUNT, WORKSPACE);
        long step;
        long updates;
        try {
            Updates directions = Probe.take(run, run.options().batchSize(), record).rule();
            updates = directions.parameters().stream().mapToLong(p -> bytes(directions.get(p))).sum();
        } finally {
            step = ws.getThisCycleAllocations();
            ws.close();
            Nd4j.getWorkspaceManager().destroyWorkspace(ws);
        }
        record.put("memory/state_bytes", stateBytes(run) + updates);
        record.put("memory/step_bytes", step);
    }

    /** The arrays that live across steps, but for the update buffers. */
    static long stateBytes(TrainingRun run) {
        Stream<INDArray> parameters = Stream.concat(run.network().parameters().stream(), run.rule().parameters().stream())
                .map(Parameter::value);
        Stream<INDArray> buffers = Stream.of(run.network().buffers().values(), run.rule().buffers().values(),
                run.optimizers().state().values()).flatMap(Collection::stream);
        return Stream.concat(parameters, buffers).mapToLong(MemoryFootprint::bytes).sum();
    }

    private static long bytes(INDArray a) {
        return a.length() * a.dataType().width();
    }
}
