package org.creditlab.rules;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import org.creditlab.nn.Block;
import org.creditlab.nn.Layer;
import org.creditlab.nn.LayerRecord;
import org.creditlab.nn.Network;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.nn.WeightLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward walk shared by every rule that keeps backprop's structure: from the gradient at the network output,
 * through the layers in reverse, writing exact parameter gradients and asking a {@link Feedback} how the error
 * crosses each weight layer. Backprop is this walk with {@link Feedback#exact()} everywhere.
 *
 * <p>A {@link Block} (a residual block) keeps its own wiring but hands each inner layer back to this walk, so the
 * weight layers inside it are crossed by the rule's feedback like any other.
 */
public final class BackwardPass {

    /** What a feedback may read besides δ: the output error e (∂L/∂output), the target, the forward trace. */
    public record Signals(INDArray outputGradient, INDArray target, Trace trace) {}

    /** The error that arrived at each layer's output (δ), by layer index, or by layer for layers inside blocks. */
    public static final class Deltas {
        private final INDArray[] atOutput;
        private final Map<Layer, INDArray> byLayer = new IdentityHashMap<>();

        Deltas(int n) {
            atOutput = new INDArray[n];
        }

        /** δ at the output of layer {@code index}, or null if the walk stopped before reaching it. */
        public INDArray atOutput(int index) {
            return atOutput[index];
        }

        /** δ at the output of {@code layer} (a network layer or one inside a block), or null if the walk did not reach it. */
        public INDArray atOutput(Layer layer) {
            return byLayer.get(layer);
        }
    }

    private BackwardPass() {}

    /**
     * Runs the walk.
     *
     * @param feedback which {@link Feedback} crosses each weight layer
     * @param updates  where parameter gradients go; null to compute only the deltas
     */
    public static Deltas run(Network net, Trace trace, INDArray outputGradient, INDArray target,
                             Function<WeightLayer, Feedback> feedback, Updates updates) {
        int first = firstLayerNeedingGradient(net, updates);
        Walk walk = new Walk(feedback, new Signals(outputGradient, target, trace), updates, new Deltas(net.size()));
        INDArray g = outputGradient;
        for (int i = net.size() - 1; i >= first; i--) {
            walk.deltas.atOutput[i] = g;
            g = walk.cross(net.layer(i), trace.record(i), g, i > first);
        }
        return walk.deltas;
    }

    private record Walk(Function<WeightLayer, Feedback> feedback, Signals signals, Updates updates, Deltas deltas) {

        /** Crosses one layer: parameter gradients if wanted, and the gradient at its input if {@code needInput}. */
        INDArray cross(Layer layer, LayerRecord rec, INDArray g, boolean needInput) {
            deltas.byLayer.put(layer, g);
            if (layer instanceof WeightLayer w) {
                Feedback crossing = needInput ? feedback.apply(w) : null;
                if (updates != null) {
                    w.parameterGradients(rec, g, updates, crossing != null && crossing.throughOwnWeights());
                }
                return crossing == null ? null : checked(w, crossing.inputGradient(w, rec, g, signals), rec.input());
            }
            if (layer instanceof Block b) {
                return b.backward(rec, g, (inner, innerRecord, innerGrad) -> cross(inner, innerRecord, innerGrad, true));
            }
            if (needInput) {
                return layer.backward(rec, g, updates);
            }
            if (updates != null && !layer.parameters().isEmpty()) {
                layer.backward(rec, g, updates);
            }
            return null;
        }
    }

    /**
     * The step's walk from its loss's gradient with a matrix B in place of the weights at every weight layer
     * ({@link Feedback#through}): feedback alignment and every rule that differs from it only in how B is made.
     *
     * @param matrix  B for each weight layer the walk crosses, asked for as the walk reaches it, top layer first
     * @param updates where parameter gradients go; null to compute only the deltas
     */
    public static Deltas throughMatrices(StepContext s, Function<WeightLayer, INDArray> matrix, Updates updates) {
        return run(s.network(), s.trace(), s.loss().gradient(), s.target(), w -> Feedback.through(matrix.apply(w)), updates);
    }

    /**
     * The step's walk with direct feedback at every weight layer above the first ({@link Feedback#projecting}):
     * {@code signal} projected through each layer's B_ℓ [input features, outputs] to its input.
     *
     * @param signal     the global signal, e.g. {@code s.loss().gradient()} (DFA) or the scaled target (DRTP)
     * @param projection B_ℓ for each weight layer the walk crosses (never the first: no error is needed below it)
     * @param updates    where parameter gradients go; null to compute only the deltas
     */
    public static Deltas direct(StepContext s, INDArray signal, Function<WeightLayer, INDArray> projection, Updates updates) {
        return run(s.network(), s.trace(), s.loss().gradient(), s.target(), w -> Feedback.projecting(signal, projection.apply(w)), updates);
    }

    /**
     * A feedback's error at a layer's input must have the input's shape (null: the layer gives none, as a first layer
     * may); a rule of one's own is told which layer, not ND4J's broadcasting error further down.
     */
    private static INDArray checked(WeightLayer layer, INDArray error, INDArray input) {
        if (error != null && !Arrays.equals(error.shape(), input.shape())) {
            throw new IllegalStateException("the feedback through layer '" + layer.name() + "' returned an error of shape "
                    + Arrays.toString(error.shape()) + "; the layer's input, which it must match, is " + Arrays.toString(input.shape()));
        }
        return error;
    }

    /** Backprop: exact transport everywhere. */
    public static Deltas backprop(Network net, Trace trace, INDArray outputGradient, INDArray target, Updates updates) {
        Feedback exact = Feedback.exact();
        return run(net, trace, outputGradient, target, w -> exact, updates);
    }

    /**
     * The lowest layer the walk must reach: the first layer with parameters when gradients are wanted (nothing below
     * it needs an error signal), or the input layer when only deltas are wanted.
     */
    private static int firstLayerNeedingGradient(Network net, Updates updates) {
        if (updates == null) {
            return 0;
        }
        for (int i = 0; i < net.size(); i++) {
            if (!net.layer(i).parameters().isEmpty()) {
                return i;
            }
        }
        return net.size() - 1;
    }
}
