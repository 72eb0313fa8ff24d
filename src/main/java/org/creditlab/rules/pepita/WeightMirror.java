package org.creditlab.rules.pepita;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Trace;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Level3;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight mirroring of PEPITA's factors B_ℓ (Akrout et al. 2019, "Deep learning without weight transport", NeurIPS,
 * arXiv 1904.05391, as applied by Srinivasan et al. 2024): for each weight layer, noise ξ of shape
 * (batch × n_{ℓ−1}), N(0, σ²) minus its mean, is sent through the layer's block (the weight layer with the pointwise
 * layers after it, dropout included; the output layer with the softmax), and B_ℓ moves along ξᵀy/batch. The direction
 * written is −ξᵀy/batch; the "feedback" optimizer (SGD with weight decay λ_WM) applies it. For ReLU blocks
 * E[ξᵀy] ∝ W_ℓᵀ, so with decay B_ℓ settles along W_ℓᵀ.
 */
final class WeightMirror {
    private final List<Network> blocks = new ArrayList<>();
    private final List<Boolean> softmax = new ArrayList<>();
    private final List<Parameter> factors;
    private final double noiseStd;

    WeightMirror(Network network, List<LayerPlan> plan, List<Parameter> factors, double noiseStd) {
        this.factors = factors;
        this.noiseStd = noiseStd;
        for (LayerPlan l : plan) {
            blocks.add(new Network(network.dataType(), l.layer().inputShape(),
                    network.layers().subList(l.index(), l.post() + 1), network.loss()));
            softmax.add(l.output());
        }
    }

    /** Writes the mirror's direction for every factor B_ℓ into the step's updates. */
    void step(StepContext s) {
        long n = s.input().size(0);
        for (int i = 0; i < blocks.size(); i++) {
            Network block = blocks.get(i);
            Rng rng = s.rng().child("mirror", i);
            INDArray xi = rng.child("noise").normal(block.dataType(), 0, noiseStd, n, block.inputShape()[0]);
            xi.subi(xi.meanNumber());
            Trace t = block.forward(xi, Mode.TRAIN, rng.child("dropout"));
            INDArray y = softmax.get(i) ? block.loss().predict(t.output()) : t.output();
            Level3.gemm(xi, y, s.updates().of(factors.get(i)), true, false, -1.0 / n, 0.0);
        }
    }
}
