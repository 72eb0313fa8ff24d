package org.creditlab.rules.feedback;

import org.creditlab.nn.Init;
import org.creditlab.nn.WeightLayer;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How feedback matrices are drawn: an initialiser with the fans of the layer's forward weights, so that B has the
 * same distribution as W would (Kunin et al. and BioTorch draw B "like W, independently"). The fans are those of W
 * (fan-in = inputs per output unit), whatever B's orientation.
 *
 * @param init the distribution and scale
 */
public record FeedbackInit(Init init) {

    public FeedbackInit {
        if (init == null) {
            throw new IllegalArgumentException("feedback needs an initialiser");
        }
    }

    /** Xavier/Glorot uniform, BioTorch's choice for FA and frSF. */
    public static FeedbackInit xavierUniform() {
        return new FeedbackInit(Init.xavierUniform());
    }

    /** Xavier/Glorot normal, the COPI reference code's choice for its FA route. */
    public static FeedbackInit xavierNormal() {
        return new FeedbackInit(Init.xavierNormal());
    }

    /** He/Kaiming uniform U(±√(6/fan_in)), the PEPITA code's choice for FA and DFA. */
    public static FeedbackInit heUniform() {
        return new FeedbackInit(Init.heUniform());
    }

    /**
     * Draws an array of {@code shape} for {@code layer}'s feedback, in the precision of its weights, with the fans of
     * its W: fan-in = inputs per output unit (in·k·k for a convolution), fan-out = outputs (out·k·k), whatever the
     * orientation of {@code shape}.
     */
    public INDArray sample(WeightLayer layer, Rng rng, long... shape) {
        long[] fans = fans(layer);
        return init.sample(rng, layer.weight().value().dataType(), fans[0], fans[1], shape);
    }

    /** W's fans, {fan-in, fan-out}: inputs per output unit and outputs per input unit, times k·k for a convolution. */
    static long[] fans(WeightLayer layer) {
        long[] w = layer.weight().shape();
        long receptive = 1;
        for (int i = 2; i < w.length; i++) {
            receptive *= w[i];
        }
        return new long[] {w[1] * receptive, w[0] * receptive};
    }
}
