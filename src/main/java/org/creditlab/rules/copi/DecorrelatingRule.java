package org.creditlab.rules.copi;

import java.util.List;
import java.util.Map;
import org.creditlab.nn.Decorrelation;
import org.creditlab.nn.Dense;
import org.creditlab.nn.LayerRecord;
import org.creditlab.nn.Network;
import org.creditlab.nn.Updates;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The step shared by COPI and its backprop baseline: the decorrelation update C·R of every decorrelation layer
 * ({@link LateralUpdates}), then, after the R-only epochs, the top-down perturbation δ at every dense layer
 * ({@link Perturbations}) and a weight direction per dense layer written by the subclass.
 */
public abstract class DecorrelatingRule implements LearningRule {
    private final Perturbations perturbations;
    private final LateralUpdates lateral;
    private final double lossMultiplier;
    private final int decorrelationOnlyEpochs;

    DecorrelatingRule(Network network, Route route, double lossMultiplier, boolean outputDerivative,
                      LateralUpdates lateral, int decorrelationOnlyEpochs, long seed) {
        this.perturbations = new Perturbations(network, route, outputDerivative, Rng.of(seed).child("copi"));
        this.lateral = lateral;
        this.lossMultiplier = lossMultiplier;
        this.decorrelationOnlyEpochs = decorrelationOnlyEpochs;
    }

    /**
     * The checks COPI's and its baseline's settings share; {@code rule} names the rule in the message.
     */
    static void checkSettings(String rule, Route route, double lossMultiplier, Decorrelation.Rule decorrelation,
                              int decorrelationOnlyEpochs) {
        if (route == null || decorrelation == null) {
            throw new IllegalArgumentException(rule + " needs a route and a decorrelation rule");
        }
        if (!(lossMultiplier > 0) || Double.isInfinite(lossMultiplier)) {
            throw new IllegalArgumentException(rule + ": the loss multiplier must be finite and > 0, got "
                    + lossMultiplier);
        }
        if (decorrelationOnlyEpochs < 0) {
            throw new IllegalArgumentException(rule + ": decorrelationOnlyEpochs must be >= 0, got "
                    + decorrelationOnlyEpochs);
        }
    }

    @Override
    public final void step(StepContext s) {
        lateral.write(s);
        if (s.epoch() < decorrelationOnlyEpochs) {
            return;
        }
        INDArray[] negativeDelta = perturbations.gradientSigned(s.network(), s.trace(), s.target(), lossMultiplier);
        List<Integer> dense = perturbations.denseIndices();
        for (int k = 0; k < dense.size(); k++) {
            LayerRecord rec = s.trace().record(dense.get(k));
            weightDirection((Dense) rec.layer(), rec, negativeDelta[k], s.updates());
        }
    }

    /**
     * Writes the direction of {@code layer}'s weight into {@code updates}.
     *
     * @param record        the layer's record: its input x and its pre-activation a
     * @param negativeDelta −δ at the layer's output, [N, out]
     */
    protected abstract void weightDirection(Dense layer, LayerRecord record, INDArray negativeDelta, Updates updates);

    /** The perturbation route's fixed state (FA's feedback matrices). */
    @Override
    public Map<String, INDArray> buffers() {
        return perturbations.buffers();
    }
}
