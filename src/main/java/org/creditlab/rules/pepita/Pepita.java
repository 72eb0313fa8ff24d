package org.creditlab.rules.pepita;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.HasProjection;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PEPITA, "Present the Error to Perturb the Input To modulate Activity" (Dellaferrera and Kreiman, "Error-driven
 * Input Modulation: Solving the Credit Assignment Problem without a Backward Pass", ICML 2022,
 * <a href="https://arxiv.org/abs/2201.11665">arXiv 2201.11665</a>), with the variants of its follow-up (Srinivasan
 * et al., "Forward Learning with Top-Down Feedback: Empirical and Analytical Characterization", ICLR 2024,
 * <a href="https://arxiv.org/abs/2302.05440">arXiv 2302.05440</a>).
 *
 * <p>No backward pass. After the clean pass (h_ℓ, error e = softmax − t), a second pass runs on the modulated input
 * x + F·e with the same dropout masks (h_ℓ^err), and each layer learns from the difference of its two activities:
 *
 * <pre>
 *   ΔW_1 = (h_1 − h_1^err)(x + F·e)ᵀ      ΔW_ℓ = (h_ℓ − h_ℓ^err)(h_{ℓ−1}^err)ᵀ      ΔW_L = e^err (h_{L−1}^err)ᵀ
 * </pre>
 *
 * summed over the batch and divided by its size; the optimizer (momentum SGD in the papers) moves W against ΔW. F is
 * fixed, F ~ U(±s·√(6/d)) with s = 0.05, drawn from its own random stream, or the product of factors B_ℓ trained by
 * weight mirroring ({@link MirrorSchedule}). Dropout is applied once to h (see {@link PepitaSpec#maskTwice()}).
 *
 * <p>The update variants are {@link UpdateMode}s; the spec chooses the error signal, the modulation's sign and the
 * output layer's error.
 *
 * <p><b>Convolutions</b> (the ICML paper's one-convolution models, {@code CnnSpec.pepita}): F ∈ R^{C·H·W × classes}
 * and F·e is reshaped to the image; h_ℓ is the activity after the ReLU and before pooling, and the update is the
 * weight-gradient convolution ΔW = (1/N) Σ_n Σ_positions (h − h^err) ⊗ (the modulated input's patch), scaled by the
 * spec's {@link ConvUpdate} ({@link PepitaSpec#convolutional()} for the authors' sign and scaling).
 */
public final class Pepita implements LearningRule, HasProjection {
    private final PepitaSpec spec;
    private final List<LayerPlan> plan;
    private final Projection projection;
    private final WeightMirror mirror;
    private final Updates scratch = new Updates();

    Pepita(Network network, PepitaSpec spec, long seed) {
        this.spec = spec;
        this.plan = LayerPlan.of(network);
        this.projection = Projection.draw(network, spec, Rng.of(seed).child("pepita").child("projection"));
        this.mirror = spec.mirroring().ever()
                ? new WeightMirror(network, plan, projection.factors(), spec.mirroring().noiseStd()) : null;
    }

    @Override
    public void step(StepContext s) {
        MirrorSchedule schedule = spec.mirroring();
        if (schedule.preMirror(s.epoch())) {
            // The ICLR code skips the modulated pass but still steps the optimizer: momentum and decay act on W.
            plan.forEach(l -> l.layer().parameters().forEach(p -> s.updates().of(p).assign(0)));
        } else {
            spec.mode().update(new TwoPasses(s, this), this);
        }
        if (mirror != null && schedule.active(s.epoch())) {
            // As in the ICLR code: W steps first, then the factors are mirrored through the updated W and rescaled.
            s.applyNow();
            mirror.step(s);
            s.applyNow();
            if (schedule.rescale()) {
                projection.rescale();
            } else {
                projection.refresh();
            }
        }
    }

    PepitaSpec spec() {
        return spec;
    }

    List<LayerPlan> plan() {
        return plan;
    }

    /** F with its factors: what modulates the input; {@link #projectionMatrix()} is F alone. */
    Projection projection() {
        return projection;
    }

    Updates scratch() {
        return scratch;
    }

    @Override
    public INDArray projectionMatrix() {
        return projection.matrix();
    }

    @Override
    public int modulationSign() {
        return spec.modulationSign().factor();
    }

    @Override
    public Map<WeightLayer, INDArray> projectionFactors() {
        Map<WeightLayer, INDArray> m = new LinkedHashMap<>();
        List<Parameter> factors = projection.factors();
        for (int i = 0; i < factors.size(); i++) {
            m.put(plan.get(i).layer(), factors.get(i).value());
        }
        return m;
    }

    @Override
    public List<Parameter> parameters() {
        return projection.factors();
    }

    @Override
    public Map<String, INDArray> buffers() {
        return projection.buffers();
    }
}
