package org.creditlab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One optimizer per parameter group. The group {@value #DEFAULT} serves every group that has no optimizer of its
 * own, so a rule's learned feedback (group "feedback") follows the forward optimizer unless given a separate one.
 */
public final class Optimizers {
    public static final String DEFAULT = "default";

    private final Map<String, OptimizerSpec> specs;
    private final Map<String, Optimizer> optimizers = new LinkedHashMap<>();

    public Optimizers(Map<String, OptimizerSpec> specs) {
        if (!specs.containsKey(DEFAULT)) {
            throw new IllegalArgumentException("optimizers need a '" + DEFAULT + "' entry");
        }
        this.specs = Map.copyOf(specs);
    }

    public static Optimizers of(OptimizerSpec spec) {
        return new Optimizers(Map.of(DEFAULT, spec));
    }

    /** The spec that updates {@code group}. */
    public OptimizerSpec spec(String group) {
        return specs.getOrDefault(group, specs.get(DEFAULT));
    }

    private Optimizer forGroup(String group) {
        String key = specs.containsKey(group) ? group : DEFAULT;
        return optimizers.computeIfAbsent(key, k -> specs.get(k).create());
    }

    /**
     * Applies every written direction through its group's optimizer, then clears {@code updates}.
     *
     * @param epoch the training time in epochs, fractional within an epoch (the schedules' clock)
     */
    public void apply(Updates updates, double epoch, Rng rng) {
        for (String group : updates.groups()) {
            forGroup(group).step(updates.parameters(group), updates, epoch, rng.child(group));
        }
        updates.clear();
    }

    /** The learning rate of {@code group} at training time {@code epoch} (in epochs), after its schedule. */
    public double learningRate(String group, double epoch) {
        OptimizerSpec s = spec(group);
        return s.schedule().rate(s.learningRate(), epoch);
    }

    /** All optimizer state, by "group/parameter.field". */
    public Map<String, INDArray> state() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        optimizers.forEach((g, o) -> o.state().forEach((k, v) -> out.put(g + "/" + k, v)));
        return out;
    }

    /** Restores state saved by {@link #state()}. */
    public void restore(Map<String, INDArray> saved, List<Parameter> params) {
        for (String g : specs.keySet()) {
            String prefix = g + "/";
            Map<String, INDArray> mine = new LinkedHashMap<>();
            saved.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    mine.put(k.substring(prefix.length()), v);
                }
            });
            if (!mine.isEmpty()) {
                forGroup(g).restore(mine, params);
            }
        }
    }
}
