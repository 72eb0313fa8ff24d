package org.creditlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The update directions a learning rule produced for one mini-batch: one array per parameter, in the descent
 * convention of a gradient (the optimizer moves the parameter <em>against</em> it).
 *
 * <p>Buffers are allocated once per parameter and reused every step, so a rule writes into them (a gemm with
 * beta = 0, an assign) instead of allocating. Only parameters whose buffer was requested since the last
 * {@link #clear()} are updated.
 */
public final class Updates {
    private final Map<Parameter, INDArray> buffers = new IdentityHashMap<>();
    private final Set<Parameter> written = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Parameter> order = new ArrayList<>();

    /** The buffer for {@code p}'s direction; the caller must overwrite it entirely. Marks {@code p} as updated. */
    public INDArray of(Parameter p) {
        INDArray b = buffers.get(p);
        if (b == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                b = Nd4j.createUninitialized(p.value().dataType(), p.value().shape());
            }
            buffers.put(p, b);
        }
        if (written.add(p)) {
            order.add(p);
        }
        return b;
    }

    /** Whether a direction was written for {@code p} in this step. */
    public boolean has(Parameter p) {
        return written.contains(p);
    }

    /** The direction written for {@code p}; fails if the rule produced none. */
    public INDArray get(Parameter p) {
        if (!written.contains(p)) {
            throw new IllegalStateException("no update was produced for parameter " + p.name());
        }
        return buffers.get(p);
    }

    /** Parameters updated in this step, in the order their directions were written. */
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(order);
    }

    /** Parameters of one optimizer group updated in this step. */
    public List<Parameter> parameters(String group) {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : order) {
            if (p.group().equals(group)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Groups with at least one updated parameter, in first-written order. */
    public Set<String> groups() {
        Set<String> g = new LinkedHashSet<>();
        for (Parameter p : order) {
            g.add(p.group());
        }
        return g;
    }

    /** Forgets which parameters were written; keeps the buffers for reuse. */
    public void clear() {
        written.clear();
        order.clear();
    }
}
