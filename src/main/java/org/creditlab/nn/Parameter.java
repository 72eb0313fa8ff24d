package org.creditlab.nn;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A named trainable array and the optimizer group that updates it.
 *
 * <p>The network's weights and biases are parameters of group {@link #FORWARD}; a learning rule's own trainable
 * matrices (learned feedback B, controller feedback Q...) are parameters too, in a group of their own, so that
 * optimizers, checkpoints and diagnostics treat them all alike. The value is updated in place: holders keep a
 * reference to the same array for the whole run.
 */
public final class Parameter {
    /** The network's forward weights, biases and normalisation parameters. */
    public static final String FORWARD = "forward";
    /** Learned feedback pathways (weight mirror, Kolen-Pollack, PEPITA's mirrored F, DFC's Q). */
    public static final String FEEDBACK = "feedback";
    /** Lateral decorrelation matrices (COPI). */
    public static final String DECORRELATION = "decorrelation";

    private final String name;
    private final INDArray value;
    private final String group;

    public Parameter(String name, INDArray value, String group) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.group = Objects.requireNonNull(group, "group");
    }

    public static Parameter forward(String name, INDArray value) {
        return new Parameter(name, value, FORWARD);
    }

    public String name() {
        return name;
    }

    public INDArray value() {
        return value;
    }

    public String group() {
        return group;
    }

    public long[] shape() {
        return value.shape();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(value.shape()) + "@" + group;
    }
}
