package org.creditlab.optim;

import java.util.List;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Gradient clipping by L2 norm, as torch.nn.utils.clip_grad_norm_: scale by max/(norm + 1e-6) when norm > max. */
final class Clip {
    private Clip() {}

    static void apply(OptimizerSpec spec, List<Parameter> params, Updates updates) {
        switch (spec.clipping()) {
            case NONE -> { }
            case PER_TENSOR_NORM -> {
                for (Parameter p : params) {
                    INDArray g = updates.get(p);
                    scale(g, spec.maxNorm(), g.norm2Number().doubleValue());
                }
            }
            case GLOBAL_NORM -> {
                double sq = 0;
                for (Parameter p : params) {
                    double n = updates.get(p).norm2Number().doubleValue();
                    sq += n * n;
                }
                double norm = Math.sqrt(sq);
                for (Parameter p : params) {
                    scale(updates.get(p), spec.maxNorm(), norm);
                }
            }
        }
    }

    private static void scale(INDArray g, double max, double norm) {
        if (norm > max) {
            g.muli(max / (norm + 1e-6));
        }
    }
}
