package org.creditlab.benchmark;

import org.creditlab.nn.DecorrelatedMlpSpec;
import org.creditlab.nn.Init;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Precision;

/**
 * The benchmark's network in the form a rule needs. Every rule gets the same layers and ReLU; a rule that cannot
 * run on the plain float32 network (or, like DRTP, cannot learn stably on it) declares the form it needs, and the
 * table shows it beside its numbers.
 */
public enum NetworkForm {
    /** ReLU, biases, PyTorch's default initialisation, softmax cross-entropy, float32. */
    PLAIN("plain"),
    /** The plain network in float64 (DFC simulates its dynamics in double precision). */
    FLOAT64("float64"),
    /**
     * The plain network with tanh in place of ReLU: DRTP's, as its authors' code runs it (hidden layers tanh by default).
     * Its hidden layers learn from a fixed projection of the target, which does not vanish as the output improves; on
     * ReLU the weights grew without bound (‖W₂‖ 993 → 44,934 in 6 epochs of 12,800 images, 2026-12-06), where tanh
     * saturates.
     */
    TANH("tanh"),
    /**
     * A learned decorrelation layer before every dense layer, no biases, Xavier-normal weights and the mean squared
     * error on one-hot targets: COPI's network ({@link DecorrelatedMlpSpec}), with ReLU.
     */
    DECORRELATED("decorrelated, MSE loss");

    private final String label;

    NetworkForm(String label) {
        this.label = label;
    }

    /** How the table names the form. */
    public String label() {
        return label;
    }

    /**
     * The scale's network in this form: its MLP, or its CNN ({@link Architecture#smallCnn}).
     *
     * @throws IllegalArgumentException for a form the CNN does not have (decorrelation layers are dense here), which
     *                                  the benchmark reports as the rule's reason for not running
     */
    public NetworkSpec build(BenchmarkScale scale) {
        if (scale.architecture() == Architecture.CNN) {
            return switch (this) {
                case PLAIN -> Architecture.smallCnn(scale.dataset());
                case FLOAT64 -> Architecture.smallCnn(scale.dataset()).toBuilder().precision(Precision.FLOAT64).build();
                case TANH -> Architecture.smallCnn(scale.dataset()).toBuilder().activation(Nonlinearity.tanh()).build();
                case DECORRELATED -> throw new IllegalArgumentException(
                        "its decorrelated network is an MLP; the benchmark has no convolutional form of it");
            };
        }
        MlpSpec plain = MlpSpec.of(scale.sizes());
        return switch (this) {
            case PLAIN -> plain;
            case FLOAT64 -> plain.toBuilder().precision(Precision.FLOAT64).build();
            case TANH -> plain.toBuilder().activation(Nonlinearity.tanh()).build();
            case DECORRELATED -> new DecorrelatedMlpSpec(plain.inputs(), plain.hidden(), plain.outputs(), Nonlinearity.relu(), true,
                    Init.xavierNormal(), Precision.FLOAT32);
        };
    }
}
