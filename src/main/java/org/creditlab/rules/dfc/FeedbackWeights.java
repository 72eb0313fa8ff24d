package org.creditlab.rules.dfc;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.Init;
import org.creditlab.nn.Parameter;
import org.creditlab.util.Rng;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The controller's feedback weights Q_i ∈ R^{n_i × n_L}, one per layer including the output layer (Q_L), as
 * parameters of group {@link Parameter#FEEDBACK}. Q̄ = (Q_1; ...; Q_L) ∈ R^{Σn × n_L} maps the control signal u to
 * the apical compartments of all layers.
 */
public final class FeedbackWeights {
    private final List<Parameter> q;

    private FeedbackWeights(List<Parameter> q) {
        this.q = List.copyOf(q);
    }

    /**
     * Trained feedback as initialised in the code: Q_i Xavier-normal (std √(2/(n_i + n_L))) for the hidden layers,
     * Q_L = I.
     */
    public static FeedbackWeights random(ControlledNetwork net, Init init, Rng rng) {
        return build(net, i -> init.sample(rng.child("Q", i), DataType.DOUBLE, net.outputSize(), net.size(i),
                net.size(i), net.outputSize()));
    }

    /**
     * The weight product Q_i = W_{i+1}ᵀ W_{i+2}ᵀ ⋯ W_Lᵀ, Q_L = I (the "fixed" rows of Table 1): it makes J Q ≈ the
     * backprop-like product and approximately satisfies Conditions 2 and 3 at initialisation.
     */
    public static FeedbackWeights weightProduct(ControlledNetwork net) {
        return build(net, i -> {
            INDArray k = Nd4j.eye(net.outputSize()).castTo(DataType.DOUBLE);
            for (int j = net.depth() - 1; j > i; j--) {
                k = net.weight(j).transpose().mmul(k);
            }
            return k;
        });
    }

    /** Wraps given matrices (tests, hand-built Q such as Jᵀ). */
    public static FeedbackWeights of(List<INDArray> matrices) {
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < matrices.size(); i++) {
            ps.add(new Parameter(name(i), matrices.get(i), Parameter.FEEDBACK));
        }
        return new FeedbackWeights(ps);
    }

    private interface Block {
        INDArray make(int layer);
    }

    private static FeedbackWeights build(ControlledNetwork net, Block block) {
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < net.depth(); i++) {
            final int layer = i;
            INDArray value = i == net.depth() - 1
                    ? Workspaces.outside(() -> Nd4j.eye(net.outputSize()).castTo(DataType.DOUBLE))
                    : Workspaces.outside(() -> block.make(layer).dup('c'));
            ps.add(new Parameter(name(i), value, Parameter.FEEDBACK));
        }
        return new FeedbackWeights(ps);
    }

    private static String name(int i) {
        return "dfc.Q" + (i + 1);
    }

    public int depth() { return q.size(); }
    /** Q_i (live array). */
    public INDArray q(int i) { return q.get(i).value(); }
    public Parameter parameter(int i) { return q.get(i); }
    public List<Parameter> parameters() { return q; }

    /** Q̄ = (Q_1; ...; Q_L) copied into {@code into} ([Σn, n_L]). */
    public INDArray concatenate(INDArray into) {
        long row = 0;
        for (Parameter p : q) {
            long n = p.value().rows();
            into.get(NDArrayIndex.interval(row, row + n), NDArrayIndex.all()).assign(p.value());
            row += n;
        }
        return into;
    }

    /** Q̄ as a new matrix. */
    public INDArray concatenated() {
        long rows = q.stream().mapToLong(p -> p.value().rows()).sum();
        return concatenate(Nd4j.create(DataType.DOUBLE, rows, q.get(0).value().columns()));
    }
}
