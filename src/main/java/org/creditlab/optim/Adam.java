package org.creditlab.optim;

import org.creditlab.util.Level1;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.nn.Parameter;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba 2015): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w − lr·(m/c₁)/(√(v/c₂) + ε), with the bias
 * corrections c = 1−βᵗ (standard), 1−β (the COPI reference code's constant divisors) or 1. Weight decay is added to
 * the gradient (L2, as torch.optim.Adam) or applied to the weights (AdamW).
 */
final class Adam extends Optimizer {
    private static final class State {
        final INDArray m;
        final INDArray v;
        final INDArray scratch;
        long t;

        State(INDArray w) {
            m = Nd4j.zeros(w.dataType(), w.shape());
            v = Nd4j.zeros(w.dataType(), w.shape());
            scratch = Nd4j.createUninitialized(w.dataType(), w.shape());
        }
    }

    /**
     * By parameter object (Parameter has identity equality), in the order first stepped: a rule may step two views of
     * one array under one name (DFC's Q in groups "feedback_init" and "feedback"), and the checkpoint keeps the state
     * of the later one, the view still in use; an identity hash order would make that choice at random.
     */
    private final Map<Parameter, State> states = new LinkedHashMap<>();

    Adam(OptimizerSpec spec) {
        super(spec);
    }

    @Override
    protected void update(Parameter p, INDArray g, double lr) {
        INDArray w = p.value();
        State s = state(p);
        if (spec.weightDecay() > 0 && !spec.decoupledWeightDecay()) {
            Level1.axpy(spec.weightDecay(), w, g);
        }
        s.t++;
        double b1 = spec.beta1();
        double b2 = spec.beta2();
        s.m.muli(b1);
        Level1.axpy(1 - b1, g, s.m);
        s.scratch.assign(g).muli(g);
        s.v.muli(b2);
        Level1.axpy(1 - b2, s.scratch, s.v);
        double c1;
        double c2;
        switch (spec.biasCorrection()) {
            case STANDARD -> {
                c1 = 1 - Math.pow(b1, s.t);
                c2 = 1 - Math.pow(b2, s.t);
            }
            case CONSTANT -> {
                c1 = 1 - b1;
                c2 = 1 - b2;
            }
            default -> {
                c1 = 1;
                c2 = 1;
            }
        }
        // scratch ← m / (√(v/c₂) + ε)
        s.scratch.assign(s.v).divi(c2);
        Transforms.sqrt(s.scratch, false);
        s.scratch.addi(spec.epsilon()).rdivi(s.m);
        if (spec.weightDecay() > 0 && spec.decoupledWeightDecay()) {
            w.muli(1 - lr * spec.weightDecay());
        }
        Level1.axpy(-lr / c1, s.scratch, w);
    }

    private State state(Parameter p) {
        return states.computeIfAbsent(p, k -> {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return new State(k.value());
            }
        });
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        states.forEach((p, s) -> {
            out.put(p.name() + ".adam_m", s.m);
            out.put(p.name() + ".adam_v", s.v);
            out.put(p.name() + ".adam_t", Nd4j.scalar((double) s.t));
        });
        return out;
    }

    @Override
    public void restore(Map<String, INDArray> saved, List<Parameter> params) {
        for (Parameter p : params) {
            INDArray m = saved.get(p.name() + ".adam_m");
            if (m != null) {
                State s = state(p);
                s.m.assign(m);
                s.v.assign(saved.get(p.name() + ".adam_v"));
                s.t = (long) saved.get(p.name() + ".adam_t").getDouble(0);
            }
        }
    }
}
