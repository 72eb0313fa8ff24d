package org.creditlab.rules.copi;

import org.creditlab.nn.Dense;
import org.creditlab.nn.LayerRecord;
import org.creditlab.nn.Network;
import org.creditlab.nn.Updates;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The COPI paper's baselines (Ahmad, Schrader and van Gerven, TMLR 2023,
 * <a href="https://openreview.net/forum?id=CUDdbTT1QC">openreview</a>): the perturbation's gradient step
 * ΔW = η⟨δ xᵀ⟩ with COPI's δ ({@link Perturbations}), plus the decorrelation rule ΔR = −ηCR on every
 * {@link org.creditlab.nn.Decorrelation} layer of the network.
 *
 * <ul>
 *   <li>"BP with decorrelation" ({@code bp_decorr_boosted}): a decorrelated network, α = 1000, SGD η = 1e-3.</li>
 *   <li>"BP (Adam)" ({@code bp_adam}): the same network without decorrelation (R fixed at I), α = 1, Adam with the
 *       reference code's constant bias correction.</li>
 * </ul>
 *
 * <p>With the output derivative off and α = 2/C (C outputs) this is exactly backprop on the mean squared error.
 */
public final class DecorrelatedBackprop extends DecorrelatingRule {

    public DecorrelatedBackprop(Network network, DecorrelatedBackpropSpec spec, long seed) {
        super(network, spec.route(), spec.lossMultiplier(), spec.outputDerivative(),
                new LateralUpdates(network, spec.decorrelation(), false), spec.decorrelationOnlyEpochs(), seed);
    }

    @Override
    protected void weightDirection(Dense layer, LayerRecord record, INDArray negativeDelta, Updates updates) {
        // the layer's exact weight gradient for the output gradient −δ/N: −⟨δ xᵀ⟩
        layer.parameterGradients(record, negativeDelta.div(record.input().rows()), updates);
    }
}
