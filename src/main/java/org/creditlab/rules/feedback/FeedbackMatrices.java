package org.creditlab.rules.feedback;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.creditlab.nn.Network;
import org.creditlab.nn.WeightLayer;
import org.creditlab.util.Rng;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Fixed or initial feedback matrices, one per weight layer that needs one, drawn once from their own streams. */
final class FeedbackMatrices {
    private FeedbackMatrices() {}

    /**
     * One matrix per weight layer except the first (nothing below it needs an error signal), in insertion order.
     *
     * @param shape the matrix's shape for a layer
     */
    static Map<WeightLayer, INDArray> draw(Network net, Rng rng, Function<WeightLayer, long[]> shape,
                                           FeedbackInit init) {
        Map<WeightLayer, INDArray> out = new LinkedHashMap<>();
        var layers = net.weightLayers();
        for (int i = 1; i < layers.size(); i++) {
            WeightLayer w = layers.get(i);
            long[] s = shape.apply(w);
            out.put(w, Workspaces.outside(() -> init.sample(w, rng.child(w.name()), s)));
        }
        return out;
    }

    /** Named copies for checkpoints: "feedback.<layer>". */
    static Map<String, INDArray> named(Map<WeightLayer, INDArray> matrices) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        matrices.forEach((w, b) -> m.put("feedback." + w.name(), b));
        return m;
    }
}
