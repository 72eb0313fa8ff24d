package org.creditlab.rules.feedback;

import java.util.LinkedHashMap;
import java.util.Map;
import org.creditlab.nn.Network;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.HasFeedback;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sign-concordant feedback (Liao, Leibo and Poggio 2016, "How important is weight symmetry in backpropagation?",
 * AAAI, arXiv 1510.05067), in the three variants BioTorch offers: the feedback shares the signs of the forward
 * weights, B = M ∘ sign(Wᵀ), with magnitudes M that are
 *
 * <ul>
 *   <li>uSF: uniform, M = √(2/(fan_in + fan_out));</li>
 *   <li>brSF: random, |Xavier-uniform| redrawn for every mini-batch;</li>
 *   <li>frSF: random, |Xavier-uniform| drawn once.</li>
 * </ul>
 *
 * The signs follow W as it learns. These are BioTorch's scales (jsalbert/biotorch, {@code layers/fa_constructor},
 * {@code linear.py} and {@code conv.py}): with its layers' default {@code init: "xavier"}, which all its benchmark
 * configurations use, uSF multiplies sign(W) by {@code scaling_factor} = √(2/(fan_in + fan_out)), the standard
 * deviation of Xavier initialisation (against exploding gradients, after Xiao et al. 2018), which keeps the error's
 * scale as Xavier-initialised weights would; brSF redraws {@code |xavier_uniform|} in every forward pass, frSF takes
 * {@code |M|} of one Xavier-uniform draw. Fans are PyTorch's, in·k·k and out·k·k for a kernel, as here. (Its other
 * option, PyTorch's default "kaiming" init, would scale uSF by 1/√(3·fan_in) and draw M Kaiming-uniform.)
 */
public final class SignSymmetry implements LearningRule, HasFeedback {

    /** The magnitudes of sign-concordant feedback. */
    public enum Variant { USF, BRSF, FRSF }

    private final Variant variant;
    private final Network network;
    private final Map<WeightLayer, INDArray> fixedMagnitudes;
    private final FeedbackInit magnitudes = FeedbackInit.xavierUniform();

    SignSymmetry(Network network, Variant variant, long seed) {
        this.network = network;
        this.variant = variant;
        this.fixedMagnitudes = variant == Variant.FRSF
                ? FeedbackMatrices.draw(network, Rng.of(seed).child("frsf"), WeightLayer::feedbackShape, magnitudes)
                : Map.of();
        fixedMagnitudes.values().forEach(m -> Transforms.abs(m, false));
    }

    @Override
    public void step(StepContext s) {
        Rng rng = s.rng();
        BackwardPass.throughMatrices(s, w -> feedback(w, rng), s.updates());
    }

    /** B for this step: the signs of Wᵀ times this variant's magnitudes. */
    INDArray feedback(WeightLayer w, Rng rng) {
        INDArray b = Transforms.sign(w.transportMatrix(), true);
        return switch (variant) {
            case USF -> {
                long[] fans = FeedbackInit.fans(w);
                yield b.muli(Math.sqrt(2.0 / (fans[0] + fans[1])));
            }
            case BRSF -> b.muli(Transforms.abs(magnitudes.sample(w, rng.child(w.name()), b.shape()), false));
            case FRSF -> b.muli(fixedMagnitudes.get(w));
        };
    }

    @Override
    public Map<WeightLayer, INDArray> feedbackMatrices() {
        Map<WeightLayer, INDArray> out = new LinkedHashMap<>();
        var layers = network.weightLayers();
        Rng rng = Rng.of(0).child("diagnostics");
        for (int i = 1; i < layers.size(); i++) {
            out.put(layers.get(i), feedback(layers.get(i), rng));
        }
        return out;
    }

    @Override
    public Map<String, INDArray> buffers() {
        return FeedbackMatrices.named(fixedMagnitudes);
    }
}
