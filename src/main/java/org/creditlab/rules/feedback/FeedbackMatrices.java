package org.creditlab.rules.feedback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.creditlab.nn.Network;
import org.creditlab.nn.WeightLayer;
import org.creditlab.util.Rng;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fixed or initial feedback matrices, one per weight layer that needs one, drawn once from their own streams: what a
 * feedback-pathway rule draws in its constructor and lists in {@code buffers()} (or wraps as parameters). For
 * example, feedback alignment's:
 *
 * <pre>{@code
 * Map<WeightLayer, INDArray> feedback = FeedbackMatrices.draw(network, Rng.of(seed).child("fa"), WeightLayer::feedbackShape, init);
 * ...
 * public Map<String, INDArray> buffers() { return FeedbackMatrices.named(feedback); }
 * }</pre>
 *
 * The arrays are allocated outside any workspace, so they live as long as the rule.
 */
public final class FeedbackMatrices {
    private FeedbackMatrices() {}

    /**
     * One matrix per weight layer except the first (nothing below it needs an error signal), in the network's order,
     * each from the stream {@code rng.child(layer name)}.
     *
     * @param rng   the rule's own stream, e.g. {@code Rng.of(seed).child("my-rule")}
     * @param shape the matrix's shape for a layer: {@code WeightLayer::feedbackShape} for a matrix that replaces Wᵀ
     *              in the backward walk (B ∈ R^{in×out} for dense layers, the kernel's shape for convolutions)
     * @param init  the distribution, with the fans of the layer's W ({@link FeedbackInit#sample})
     */
    public static Map<WeightLayer, INDArray> draw(Network net, Rng rng, Function<WeightLayer, long[]> shape,
                                           FeedbackInit init) {
        List<WeightLayer> layers = net.weightLayers();
        return draw(layers.isEmpty() ? layers : layers.subList(1, layers.size()), rng, shape, init);
    }

    /**
     * One matrix for each of the given layers, in their order, each from the stream {@code rng.child(layer name)}:
     * for rules that choose their own layers (COPI feeds back through its dense layers only).
     */
    public static Map<WeightLayer, INDArray> draw(List<? extends WeightLayer> layers, Rng rng,
                                                  Function<WeightLayer, long[]> shape, FeedbackInit init) {
        Map<WeightLayer, INDArray> out = new LinkedHashMap<>();
        for (WeightLayer w : layers) {
            long[] s = shape.apply(w);
            out.put(w, Workspaces.outside(() -> init.sample(w, rng.child(w.name()), s)));
        }
        return out;
    }

    /**
     * The matrices by checkpoint name, "feedback.&lt;layer name&gt;": what {@code LearningRule.buffers()} returns for
     * fixed feedback. The arrays are the live ones (not copies), so a checkpoint saves, and a resume restores into,
     * the matrices the rule uses, also when the rule changes them in place.
     */
    public static Map<String, INDArray> named(Map<WeightLayer, INDArray> matrices) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        matrices.forEach((w, b) -> m.put("feedback." + w.name(), b));
        return m;
    }
}
