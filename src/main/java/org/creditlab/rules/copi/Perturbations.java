package org.creditlab.rules.copi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.creditlab.nn.Activation;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Trace;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.Feedback;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * COPI's top-down perturbations δ_l at every dense layer's pre-activation, for one batch.
 *
 * <p>At the output, δ_L = α(t − a_L) ⊙ f'(a_L): the negative gradient of ½‖t − a_L‖² scaled by the loss multiplier α.
 * The factor f'(a_L), with f the hidden nonlinearity evaluated at the linear output, is a quirk of the reference code
 * (kept by default, {@code outputDerivative}). Below, δ descends by the shared {@link BackwardPass} along a {@link Route}:
 * exactly through W and R, or through fixed random feedback that bypasses R. Activations are crossed exactly (⊙ f').
 *
 * <p>The walk runs in the gradient's sign, so {@link #gradientSigned} returns −δ_l.
 */
final class Perturbations {
    private static final Feedback STOP = (w, record, delta, signals) -> null;

    private final List<Integer> denseIndices = new ArrayList<>();
    private final Nonlinearity outputDerivative;
    private final Function<WeightLayer, Feedback> route;
    private final Map<String, INDArray> buffers;

    Perturbations(Network network, Route route, boolean outputDerivative, Rng rng) {
        Nonlinearity hidden = null;
        for (int i = 0; i < network.size(); i++) {
            Layer l = network.layer(i);
            if (l instanceof Dense d) {
                if (d.bias() != null) {
                    throw new IllegalArgumentException("COPI's network has no biases, but '" + d.name() + "' has one");
                }
                denseIndices.add(i);
            } else if (l instanceof Activation a && hidden == null) {
                hidden = a.function();
            }
        }
        if (denseIndices.isEmpty()) {
            throw new IllegalArgumentException("COPI needs at least one dense layer");
        }
        this.outputDerivative = outputDerivative ? (hidden == null ? Nonlinearity.identity() : hidden) : null;
        Layer first = network.layer(denseIndices.get(0));
        Function<WeightLayer, Feedback> through;
        if (route == Route.FA) {
            FixedRandomFeedback fa = new FixedRandomFeedback(network, rng.child("feedback"));
            through = fa::through;
            buffers = fa.buffers();
        } else {
            Feedback exact = Feedback.exact();
            through = w -> exact;
            buffers = Map.of();
        }
        // No layer below the first dense one needs a perturbation: stop the walk there.
        this.route = w -> w == first ? STOP : through.apply(w);
    }

    /** Indices of the dense layers in the network, in forward order. */
    List<Integer> denseIndices() {
        return denseIndices;
    }

    /** The route's fixed state (FA's feedback matrices), for checkpoints. */
    Map<String, INDArray> buffers() {
        return buffers;
    }

    /**
     * −δ_l for each dense layer, in forward order ([N, out] each).
     *
     * @param lossMultiplier α
     */
    INDArray[] gradientSigned(Network network, Trace trace, INDArray target, double lossMultiplier) {
        INDArray output = trace.output();
        INDArray error = output.sub(target).muli(lossMultiplier);
        if (outputDerivative != null) {
            error.muli(outputDerivative.derivative(output, outputDerivative.apply(output)));
        }
        BackwardPass.Deltas deltas = BackwardPass.run(network, trace, error, target, route, null);
        INDArray[] out = new INDArray[denseIndices.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = deltas.atOutput(denseIndices.get(k));
        }
        return out;
    }
}
