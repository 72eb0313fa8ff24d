package org.creditlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The network of the COPI paper (Ahmad, Schrader and van Gerven, TMLR 2023): a {@link Decorrelation} layer before
 * every dense layer, the input included (x_l = R_l y_{l−1}, a_l = W_l x_l, y_l = f(a_l)), dense layers without biases,
 * a hidden nonlinearity (leaky ReLU 0.1 in the paper), a linear output a_L, and the mean squared error on one-hot
 * targets. Without decorrelation it is the same MLP with R fixed at the identity (the paper's BP-Adam baseline).
 *
 * <p>Layers are named decor1, dense1, act1, decor2, dense2, act2, ..., decorL, denseL.
 *
 * @param inputs       input features
 * @param hidden       hidden layer sizes, possibly empty
 * @param outputs      output units
 * @param activation   hidden nonlinearity
 * @param decorrelate  whether each dense layer is preceded by a learned decorrelation layer (R starts at I)
 * @param weightInit   initialiser of every dense weight (Xavier normal in the paper)
 * @param precision    float32 or float64
 */
public record DecorrelatedMlpSpec(int inputs, List<Integer> hidden, int outputs, Nonlinearity activation,
                                  boolean decorrelate, Init weightInit, Precision precision) implements NetworkSpec {

    public DecorrelatedMlpSpec {
        hidden = List.copyOf(hidden);
        if (inputs <= 0 || outputs <= 0 || hidden.stream().anyMatch(h -> h <= 0)) {
            throw new IllegalArgumentException("layer sizes must be positive: " + inputs + "-" + hidden + "-" + outputs);
        }
        if (activation == null || weightInit == null || precision == null) {
            throw new IllegalArgumentException("activation, weight initialiser and precision must be set");
        }
    }

    /** The paper's network with sizes {@code sizes[0]-...-sizes[k]}: leaky ReLU 0.1, decorrelated, Xavier normal, float32. */
    public static DecorrelatedMlpSpec of(int... sizes) {
        List<Integer> hidden = MlpSpec.hiddenSizes(sizes); // first: it refuses too few sizes with a message
        return new DecorrelatedMlpSpec(sizes[0], hidden, sizes[sizes.length - 1], Nonlinearity.leakyRelu(0.1), true,
                Init.xavierNormal(), Precision.FLOAT32);
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code DecorrelatedMlpSpec.of(784, 1000, 10).toBuilder().decorrelate(false).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private int inputs;
        private List<Integer> hidden;
        private int outputs;
        private Nonlinearity activation;
        private boolean decorrelate;
        private Init weightInit;
        private Precision precision;

        private Builder(DecorrelatedMlpSpec s) {
            inputs = s.inputs;
            hidden = s.hidden;
            outputs = s.outputs;
            activation = s.activation;
            decorrelate = s.decorrelate;
            weightInit = s.weightInit;
            precision = s.precision;
        }

        public Builder inputs(int value) { inputs = value; return this; }
        public Builder hidden(List<Integer> value) { hidden = value; return this; }
        public Builder outputs(int value) { outputs = value; return this; }
        public Builder activation(Nonlinearity value) { activation = value; return this; }
        public Builder decorrelate(boolean value) { decorrelate = value; return this; }
        public Builder weightInit(Init value) { weightInit = value; return this; }
        public Builder precision(Precision value) { precision = value; return this; }

        public DecorrelatedMlpSpec build() {
            return new DecorrelatedMlpSpec(inputs, hidden, outputs, activation, decorrelate, weightInit, precision);
        }
    }

    @Override
    public Network build(long seed) {
        Rng rng = Rng.of(seed).child("network");
        DataType type = precision.dataType();
        List<Layer> layers = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputs);
        sizes.addAll(hidden);
        sizes.add(outputs);
        for (int k = 1; k < sizes.size(); k++) {
            int in = sizes.get(k - 1);
            int out = sizes.get(k);
            if (decorrelate) {
                layers.add(new Decorrelation("decor" + k, in, type));
            }
            layers.add(new Dense("dense" + k, in, out, false, weightInit, Init.zeros(), type, rng.child("dense" + k)));
            if (k < sizes.size() - 1) {
                layers.add(new Activation("act" + k, activation, out));
            }
        }
        return new Network(type, new long[] {inputs}, layers, Loss.MEAN_SQUARED_ERROR);
    }

    @Override
    public String describe() {
        String sizes = inputs + "-" + hidden.stream().map(String::valueOf).collect(Collectors.joining("-"))
                + (hidden.isEmpty() ? "" : "-") + outputs;
        return sizes + " " + activation.label() + (decorrelate ? ", decorrelated" : "") + ", linear output, MSE";
    }
}
