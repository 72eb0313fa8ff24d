package org.creditlab.rules.copi;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.Decorrelation;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Network;
import org.creditlab.rules.StepContext;

/**
 * The decorrelation half shared by COPI and decorrelated backprop: for every {@link Decorrelation} layer, the
 * direction C·R (or R·C) from the layer's output in this batch's trace, so that the optimizer applies
 * ΔR = −η·C·R. Runs every batch, from the first epoch on.
 */
final class LateralUpdates {
    private final List<Integer> indices = new ArrayList<>();
    private final Decorrelation.Rule rule;
    private final boolean varianceScaled;

    LateralUpdates(Network network, Decorrelation.Rule rule, boolean varianceScaled) {
        this.rule = rule;
        this.varianceScaled = varianceScaled;
        for (int i = 0; i < network.size(); i++) {
            Layer l = network.layer(i);
            if (l instanceof Decorrelation) {
                indices.add(i);
            }
        }
    }

    void write(StepContext s) {
        for (int i : indices) {
            Decorrelation d = (Decorrelation) s.network().layer(i);
            d.decorrelationDirection(s.trace().record(i).output(), rule, varianceScaled, s.updates().of(d.weight()));
        }
    }
}
