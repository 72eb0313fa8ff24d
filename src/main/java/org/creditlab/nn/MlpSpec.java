package org.creditlab.nn;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A multi-layer perceptron: for each hidden size, Dense → [BatchNorm] → activation → [Dropout] → [activity
 * normalisation]; then a Dense output layer with no activation (the loss applies softmax where it needs one).
 *
 * @param inputs     input features
 * @param hidden     hidden layer sizes, possibly empty
 * @param outputs    output units
 * @param activation hidden nonlinearity
 * @param bias       whether dense layers have biases
 * @param weightInit initialiser of every dense weight
 * @param biasInit   initialiser of every bias
 * @param dropout    dropout probability after each hidden activation (0 for none)
 * @param batchNorm  whether each hidden dense layer is followed by batch normalisation
 * @param loss       the training objective
 * @param precision  float32 or float64
 * @param activityNorm whether each hidden layer's output is divided by the Frobenius norm of the batch
 *                   ({@link FrobeniusNormalization}, the PEPITA follow-up's activation normalisation); left out of the
 *                   JSON when false, so configurations written before it existed keep their run ids
 * @param hiddenActivations one nonlinearity per hidden layer, overriding {@code activation} (e.g. the DFC
 *                   autoencoder's tanh-linear-tanh); empty (the default) means {@code activation} everywhere, and is
 *                   then left out of the JSON, so earlier run ids do not move
 */
public record MlpSpec(int inputs, List<Integer> hidden, int outputs, Nonlinearity activation, boolean bias,
                      Init weightInit, Init biasInit, double dropout, boolean batchNorm, Loss loss,
                      Precision precision,
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean activityNorm,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Nonlinearity> hiddenActivations)
        implements NetworkSpec {

    public MlpSpec {
        hidden = List.copyOf(hidden);
        hiddenActivations = hiddenActivations == null ? List.of() : List.copyOf(hiddenActivations);
        if (inputs <= 0 || outputs <= 0 || hidden.stream().anyMatch(h -> h <= 0)) {
            throw new IllegalArgumentException("layer sizes must be positive: " + inputs + "-" + hidden + "-" + outputs);
        }
        if (!hiddenActivations.isEmpty() && hiddenActivations.size() != hidden.size()) {
            throw new IllegalArgumentException("hiddenActivations needs one nonlinearity per hidden layer: "
                    + hiddenActivations.size() + " for hidden sizes " + hidden + " (or none, to use activation everywhere)");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /** Without activity normalisation. */
    public MlpSpec(int inputs, List<Integer> hidden, int outputs, Nonlinearity activation, boolean bias, Init weightInit,
                   Init biasInit, double dropout, boolean batchNorm, Loss loss, Precision precision) {
        this(inputs, hidden, outputs, activation, bias, weightInit, biasInit, dropout, batchNorm, loss, precision, false);
    }

    /** With one activation for every hidden layer. */
    public MlpSpec(int inputs, List<Integer> hidden, int outputs, Nonlinearity activation, boolean bias, Init weightInit,
                   Init biasInit, double dropout, boolean batchNorm, Loss loss, Precision precision, boolean activityNorm) {
        this(inputs, hidden, outputs, activation, bias, weightInit, biasInit, dropout, batchNorm, loss, precision,
                activityNorm, List.of());
    }

    /**
     * An MLP with sizes {@code sizes[0]-...-sizes[k]}, ReLU, biases, PyTorch's default initialisation, no dropout or
     * BatchNorm, softmax cross-entropy, float32.
     */
    public static MlpSpec of(int... sizes) {
        List<Integer> hidden = hiddenSizes(sizes); // first: it refuses too few sizes with a message
        return new MlpSpec(sizes[0], hidden, sizes[sizes.length - 1], Nonlinearity.relu(), true,
                Init.pytorchDefault(), Init.pytorchDefault(), 0, false, Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT32);
    }

    /** The hidden widths of {@code sizes} = input, hidden..., output; refuses fewer than two sizes. */
    static List<Integer> hiddenSizes(int... sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least input and output sizes, got "
                    + java.util.Arrays.toString(sizes));
        }
        List<Integer> hidden = new ArrayList<>();
        for (int i = 1; i < sizes.length - 1; i++) {
            hidden.add(sizes[i]);
        }
        return hidden;
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code MlpSpec.of(784, 256, 10).toBuilder().dropout(0.1).batchNorm(true).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private int inputs;
        private List<Integer> hidden;
        private int outputs;
        private Nonlinearity activation;
        private boolean bias;
        private Init weightInit;
        private Init biasInit;
        private double dropout;
        private boolean batchNorm;
        private Loss loss;
        private Precision precision;
        private boolean activityNorm;
        private List<Nonlinearity> hiddenActivations;

        private Builder(MlpSpec s) {
            inputs = s.inputs;
            hidden = s.hidden;
            outputs = s.outputs;
            activation = s.activation;
            bias = s.bias;
            weightInit = s.weightInit;
            biasInit = s.biasInit;
            dropout = s.dropout;
            batchNorm = s.batchNorm;
            loss = s.loss;
            precision = s.precision;
            activityNorm = s.activityNorm;
            hiddenActivations = s.hiddenActivations;
        }

        public Builder inputs(int value) { inputs = value; return this; }
        public Builder hidden(List<Integer> value) { hidden = value; return this; }
        public Builder outputs(int value) { outputs = value; return this; }
        public Builder activation(Nonlinearity value) { activation = value; return this; }
        public Builder bias(boolean value) { bias = value; return this; }
        public Builder weightInit(Init value) { weightInit = value; return this; }
        public Builder biasInit(Init value) { biasInit = value; return this; }
        public Builder dropout(double value) { dropout = value; return this; }
        public Builder batchNorm(boolean value) { batchNorm = value; return this; }
        public Builder loss(Loss value) { loss = value; return this; }
        public Builder precision(Precision value) { precision = value; return this; }
        public Builder activityNorm(boolean value) { activityNorm = value; return this; }
        public Builder hiddenActivations(List<Nonlinearity> value) { hiddenActivations = value; return this; }

        public MlpSpec build() {
            return new MlpSpec(inputs, hidden, outputs, activation, bias, weightInit, biasInit, dropout, batchNorm,
                    loss, precision, activityNorm, hiddenActivations);
        }
    }

    /** The nonlinearity of hidden layer {@code i} (from 0). */
    public Nonlinearity activationOf(int i) {
        return hiddenActivations.isEmpty() ? activation : hiddenActivations.get(i);
    }

    @Override
    public Network build(long seed) {
        Rng rng = Rng.of(seed).child("network");
        DataType type = precision.dataType();
        List<Layer> layers = new ArrayList<>();
        int in = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            int out = hidden.get(i);
            int k = i + 1;
            layers.add(new Dense("dense" + k, in, out, bias, weightInit, biasInit, type, rng.child("dense" + k)));
            if (batchNorm) {
                layers.add(new BatchNorm("bn" + k, out, type));
            }
            layers.add(new Activation("act" + k, activationOf(i), out));
            if (dropout > 0) {
                layers.add(new Dropout("dropout" + k, dropout, out));
            }
            if (activityNorm) {
                layers.add(new FrobeniusNormalization("norm" + k, out));
            }
            in = out;
        }
        int k = hidden.size() + 1;
        layers.add(new Dense("dense" + k, in, outputs, bias, weightInit, biasInit, type, rng.child("dense" + k)));
        return new Network(type, new long[] {inputs}, layers, loss);
    }

    @Override
    public String describe() {
        String sizes = inputs + "-" + hidden.stream().map(String::valueOf).collect(Collectors.joining("-"))
                + (hidden.isEmpty() ? "" : "-") + outputs;
        String f = hiddenActivations.isEmpty() ? activation.label()
                : hiddenActivations.stream().map(Nonlinearity::label).collect(Collectors.joining("-"));
        return sizes + " " + f + (batchNorm ? " +BN" : "") + (dropout > 0 ? " dropout " + dropout : "")
                + (activityNorm ? " +norm" : "");
    }
}
