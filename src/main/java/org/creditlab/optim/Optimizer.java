package org.creditlab.optim;

import org.creditlab.util.Level1;
import java.util.List;
import java.util.Map;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves parameters against their update directions. It never asks where the directions came from. The per-parameter
 * state (momentum, moments) is allocated once and updated in place.
 */
public abstract class Optimizer {
    protected final OptimizerSpec spec;

    protected Optimizer(OptimizerSpec spec) {
        this.spec = spec;
    }

    public OptimizerSpec spec() {
        return spec;
    }

    /**
     * One step for the given parameters of a group: clipping over the group, then each parameter's update, then
     * optional update noise. Directions in {@code updates} may be modified.
     *
     * @param epoch the training time in epochs, fractional within an epoch (the schedule's clock)
     */
    public void step(List<Parameter> params, Updates updates, double epoch, Rng rng) {
        double lr = spec.schedule().rate(spec.learningRate(), epoch);
        Clip.apply(spec, params, updates);
        for (Parameter p : params) {
            update(p, updates.get(p), lr);
        }
        if (spec.noiseVariance() > 0) {
            double std = Math.sqrt(spec.noiseVariance());
            for (Parameter p : params) {
                INDArray w = p.value();
                INDArray noise = rng.child(p.name()).normal(w.dataType(), 0, std, w.shape());
                Level1.axpy(lr, noise, w);
            }
        }
    }

    /** Applies one direction g to parameter p at learning rate lr. */
    protected abstract void update(Parameter p, INDArray g, double lr);

    /** The optimizer's state by name (e.g. "dense1.weight.velocity"), for checkpoints. */
    public abstract Map<String, INDArray> state();

    /** Restores state saved by {@link #state()} for the given parameters. */
    public abstract void restore(Map<String, INDArray> saved, List<Parameter> params);
}
