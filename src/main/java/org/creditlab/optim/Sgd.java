package org.creditlab.optim;

import org.creditlab.util.Level1;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.nn.Parameter;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic gradient descent with optional (Nesterov) momentum and weight decay, in PyTorch's convention:
 * g ← g + wd·w; v ← μv + g; w ← w − lr·(g + μv if Nesterov, else v). All in place.
 */
final class Sgd extends Optimizer {
    /**
     * By parameter object (Parameter has identity equality), in the order first stepped: a rule may step two views of
     * one array under one name (DFC's Q in groups "feedback_init" and "feedback"), and the checkpoint keeps the state
     * of the later one, the view still in use; an identity hash order would make that choice at random.
     */
    private final Map<Parameter, INDArray> velocity = new LinkedHashMap<>();

    Sgd(OptimizerSpec spec) {
        super(spec);
    }

    @Override
    protected void update(Parameter p, INDArray g, double lr) {
        INDArray w = p.value();
        if (spec.weightDecay() > 0 && !spec.decoupledWeightDecay()) {
            Level1.axpy(spec.weightDecay(), w, g);
        }
        INDArray direction = g;
        if (spec.momentum() > 0) {
            INDArray v = velocity(p);
            Level1.xpby(g, spec.momentum(), v);
            if (spec.nesterov()) {
                Level1.axpy(spec.momentum(), v, g);
            } else {
                direction = v;
            }
        }
        if (spec.weightDecay() > 0 && spec.decoupledWeightDecay()) {
            w.muli(1 - lr * spec.weightDecay());
        }
        Level1.axpy(-lr, direction, w);
    }

    private INDArray velocity(Parameter p) {
        return velocity.computeIfAbsent(p, k -> {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.zeros(k.value().dataType(), k.value().shape());
            }
        });
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        velocity.forEach((p, v) -> m.put(p.name() + ".velocity", v));
        return m;
    }

    @Override
    public void restore(Map<String, INDArray> saved, List<Parameter> params) {
        for (Parameter p : params) {
            INDArray v = saved.get(p.name() + ".velocity");
            if (v != null) {
                velocity(p).assign(v);
            }
        }
    }
}
