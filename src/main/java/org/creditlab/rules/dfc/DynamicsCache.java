package org.creditlab.rules.dfc;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/** Simulation buffers of one network, one set per batch size met (the last batch of an epoch may be smaller). */
final class DynamicsCache {
    private final ControlledNetwork net;
    private final DataType type;
    private final Map<Integer, Dynamics> byBatch = new HashMap<>();
    private Dynamics group;

    /** float64 buffers. */
    DynamicsCache(ControlledNetwork net) {
        this(net, DataType.DOUBLE);
    }

    /** Buffers of {@code type}: float64, or float32 for a sleep phase that asks for it. */
    DynamicsCache(ControlledNetwork net, DataType type) {
        this.net = net;
        this.type = type;
    }

    DataType dataType() {
        return type;
    }

    Dynamics forBatch(int batch) {
        return byBatch.computeIfAbsent(batch, b -> new Dynamics(net, b, type));
    }

    /**
     * Buffers for a group of samples re-simulated out of a batch: their number changes from batch to batch, so only the
     * last size is kept.
     */
    Dynamics forGroup(int batch) {
        if (group == null || group.batch() != batch) {
            group = new Dynamics(net, batch, type);
        }
        return group;
    }
}
