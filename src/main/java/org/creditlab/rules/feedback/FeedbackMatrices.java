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

/** Fixed or initial feedback matrices, one per weight layer that needs one, drawn once from their own streams. */
public final class FeedbackMatrices {
    private FeedbackMatrices() {}

    /**
     * One matrix per weight layer except the first (nothing below it needs an error signal), in insertion order.
     *
     * @param shape the matrix's shape for a layer
     */
    static Map<WeightLayer, INDArray> draw(Network net, Rng rng, Function<WeightLayer, long[]> shape,
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

    /** Named copies for checkpoints: "feedback.<layer>". */
    static Map<String, INDArray> named(Map<WeightLayer, INDArray> matrices) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        matrices.forEach((w, b) -> m.put("feedback." + w.name(), b));
        return m;
    }
}
