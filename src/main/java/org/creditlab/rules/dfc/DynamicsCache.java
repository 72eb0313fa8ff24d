package org.creditlab.rules.dfc;

import java.util.HashMap;
import java.util.Map;

/** Simulation buffers of one network, one set per batch size met (the last batch of an epoch may be smaller). */
final class DynamicsCache {
    private final ControlledNetwork net;
    private final Map<Integer, Dynamics> byBatch = new HashMap<>();
    private Dynamics group;

    DynamicsCache(ControlledNetwork net) {
        this.net = net;
    }

    Dynamics forBatch(int batch) {
        return byBatch.computeIfAbsent(batch, b -> new Dynamics(net, b));
    }

    /**
     * Buffers for a group of samples re-simulated out of a batch: their number changes from batch to batch, so only the
     * last size is kept.
     */
    Dynamics forGroup(int batch) {
        if (group == null || group.batch() != batch) {
            group = new Dynamics(net, batch);
        }
        return group;
    }
}
