package org.creditlab.rules.copi;

import java.util.List;
import java.util.Map;
import org.creditlab.nn.Dense;
import org.creditlab.nn.LayerRecord;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
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
 * <p>With the output derivative off and α = N·C/2 this is exactly backprop on the mean squared error.
 */
public final class DecorrelatedBackprop implements LearningRule {
    private final Perturbations perturbations;
    private final LateralUpdates lateral;
    private final double lossMultiplier;
    private final int decorrelationOnlyEpochs;

    public DecorrelatedBackprop(Network network, DecorrelatedBackpropSpec spec, long seed) {
        this.perturbations = new Perturbations(network, spec.route(), spec.outputDerivative(), Rng.of(seed).child("copi"));
        this.lateral = new LateralUpdates(network, spec.decorrelation(), false);
        this.lossMultiplier = spec.lossMultiplier();
        this.decorrelationOnlyEpochs = spec.decorrelationOnlyEpochs();
    }

    @Override
    public String name() {
        return "bp-decor";
    }

    @Override
    public void step(StepContext s) {
        lateral.write(s);
        if (s.epoch() < decorrelationOnlyEpochs) {
            return;
        }
        INDArray[] negativeDelta = perturbations.gradientSigned(s.network(), s.trace(), s.target(), lossMultiplier);
        List<Integer> dense = perturbations.denseIndices();
        for (int k = 0; k < dense.size(); k++) {
            LayerRecord rec = s.trace().record(dense.get(k));
            // The layer's exact weight gradient for the output gradient −δ/N: −⟨δ xᵀ⟩.
            ((Dense) rec.layer()).parameterGradients(rec, negativeDelta[k].div(rec.input().rows()), s.updates());
        }
    }

    @Override
    public Map<String, INDArray> buffers() {
        return perturbations.buffers();
    }
}
