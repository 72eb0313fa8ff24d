package org.creditlab.rules.feedback;

import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the alignment regulariser sees as a layer's input: the mini-batch's own activity (the default, "single phase"
 * learning of Kunin et al.), or white noise of the same shape, as in the original weight-mirror "mirror phase"
 * (Akrout et al. 2019).
 */
public enum MirrorInput {
    ACTIVITY {
        @Override
        INDArray sample(INDArray activity, double std, Rng rng) {
            return activity;
        }
    },
    /** N(0, σ²). */
    NORMAL {
        @Override
        INDArray sample(INDArray activity, double std, Rng rng) {
            return rng.fillNormal(activity.ulike(), 0, std);
        }
    },
    /** Uniform with variance σ², i.e. U(±σ√3). */
    UNIFORM {
        @Override
        INDArray sample(INDArray activity, double std, Rng rng) {
            double a = std * Math.sqrt(3);
            return rng.fillUniform(activity.ulike(), -a, a);
        }
    };

    abstract INDArray sample(INDArray activity, double std, Rng rng);
}
