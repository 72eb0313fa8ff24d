package org.creditlab.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of one epoch as named numbers, in the order they were added: "epoch", "train_loss", "test_acc",
 * diagnostics such as "angle_bp/dense1". Listeners add their own columns.
 */
public final class EpochRecord {
    private final Map<String, Double> values = new LinkedHashMap<>();

    public EpochRecord put(String column, double value) {
        values.put(column, value);
        return this;
    }

    public double get(String column) {
        Double v = values.get(column);
        if (v == null) {
            throw new IllegalArgumentException("no metric '" + column + "' in this epoch; have " + values.keySet());
        }
        return v;
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    public Map<String, Double> values() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
