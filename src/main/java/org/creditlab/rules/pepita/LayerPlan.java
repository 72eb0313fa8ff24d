package org.creditlab.rules.pepita;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.Activation;
import org.creditlab.nn.Dropout;
import org.creditlab.nn.FrobeniusNormalization;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Network;
import org.creditlab.nn.WeightLayer;

/**
 * Where PEPITA reads one weight layer's activities. The presynaptic activity is the input of the layer's record; the
 * postsynaptic activity h_ℓ is the output of the pointwise layers that follow it (activation, dropout, activity
 * normalisation), which for an MLP is the input of the next dense layer. For a convolution followed by pooling that
 * is the activity before pooling, as in the authors' convolutional code.
 *
 * @param layer   the weight layer
 * @param index   its index in the network
 * @param post    the index of the layer whose output is h_ℓ (the weight layer itself if nothing pointwise follows)
 * @param dropout the index of a dropout layer among the followers, or −1
 * @param output  whether this is the network's output layer, whose update uses the error instead of h − h_err
 */
record LayerPlan(WeightLayer layer, int index, int post, int dropout, boolean output) {

    static List<LayerPlan> of(Network network) {
        if (!(network.layer(network.size() - 1) instanceof WeightLayer)) {
            throw new IllegalArgumentException("PEPITA needs a network whose last layer is a weight layer (the output, "
                    + "where the error e = softmax − target is taken); '" + network.layer(network.size() - 1).name() + "' is not");
        }
        List<String> inBlocks = network.weightLayers().stream().filter(w -> !network.layers().contains(w)).map(WeightLayer::name).toList();
        if (!inBlocks.isEmpty()) {
            throw new IllegalArgumentException("PEPITA updates the weight layers of the network's own sequence; " + inBlocks
                    + " inside blocks (residual) would stay untrained: give it a network without blocks, e.g. CnnSpec.pepita");
        }
        List<LayerPlan> plan = new ArrayList<>();
        for (int i = 0; i < network.size(); i++) {
            if (network.layer(i) instanceof WeightLayer w) {
                int post = i;
                int dropout = -1;
                while (post + 1 < network.size() && pointwise(network.layer(post + 1))) {
                    post++;
                    if (network.layer(post) instanceof Dropout) {
                        dropout = post;
                    }
                }
                plan.add(new LayerPlan(w, i, post, dropout, i == network.size() - 1));
            }
        }
        return List.copyOf(plan);
    }

    private static boolean pointwise(Layer l) {
        return l instanceof Activation || l instanceof Dropout || l instanceof FrobeniusNormalization;
    }
}
