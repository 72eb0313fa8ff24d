package org.creditlab.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.util.Rng;

/**
 * One point of a metaparameter search. A random search draws values from the trial's own random stream; a grid
 * search fixes them. Either way the values are recorded by name for the result table.
 */
public final class Trial {
    private final int index;
    private final Rng rng;
    private final Map<String, Object> fixed;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Trial(int index, Rng rng, Map<String, Object> fixed) {
        this.index = index;
        this.rng = rng;
        this.fixed = fixed;
    }

    public int index() {
        return index;
    }

    /** A value drawn log-uniformly in [low, high] (or the grid's value for {@code name}). */
    public double logUniform(String name, double low, double high) {
        if (!(low > 0 && high >= low)) {
            throw new IllegalArgumentException("log-uniform '" + name + "' needs 0 < low <= high");
        }
        return record(name, fixed.containsKey(name) ? ((Number) fixed.get(name)).doubleValue()
                : Math.exp(Math.log(low) + rng.child(name).nextDouble() * (Math.log(high) - Math.log(low))));
    }

    /** A value drawn uniformly in [low, high]. */
    public double uniform(String name, double low, double high) {
        return record(name, fixed.containsKey(name) ? ((Number) fixed.get(name)).doubleValue()
                : low + rng.child(name).nextDouble() * (high - low));
    }

    /** One of {@code options}, uniformly. */
    @SuppressWarnings("unchecked")
    public <T> T choice(String name, List<T> options) {
        T v = fixed.containsKey(name) ? (T) fixed.get(name) : options.get(rng.child(name).nextInt(options.size()));
        values.put(name, v);
        return v;
    }

    /** The grid's value for {@code name} (grid searches). */
    public Object value(String name) {
        if (!fixed.containsKey(name)) {
            throw new IllegalArgumentException("the grid has no axis '" + name + "'; axes: " + fixed.keySet());
        }
        values.put(name, fixed.get(name));
        return fixed.get(name);
    }

    public double number(String name) {
        return ((Number) value(name)).doubleValue();
    }

    /**
     * Records a value computed from the drawn ones (say, a stability number), so that the result table shows it beside
     * them; nothing is drawn.
     */
    public double derived(String name, double value) {
        return record(name, value);
    }

    /** The values this trial used, by name, in the order they were asked for. */
    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    private double record(String name, double v) {
        values.put(name, v);
        return v;
    }
}
