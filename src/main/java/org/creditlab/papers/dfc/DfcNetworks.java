package org.creditlab.papers.dfc;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.Activation;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Init;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Precision;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The networks of the DFC experiments, initialised as in the reference code: Xavier-normal weights, zero biases,
 * float64, tanh hidden layers (or a given activation per layer) and a linear output.
 */
public final class DfcNetworks {
    private DfcNetworks() {}

    /** inputs-hidden...-outputs, tanh hidden layers, linear output, softmax cross-entropy. */
    public static MlpSpec classifier(int inputs, List<Integer> hidden, int outputs) {
        return new MlpSpec(inputs, hidden, outputs, Nonlinearity.tanh(), true, Init.xavierNormal(), Init.zeros(), 0,
                false, Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT64);
    }

    /** inputs-hidden...-outputs, tanh hidden layers, linear output, mean squared error (the student-teacher task). */
    public static MlpSpec regression(int inputs, List<Integer> hidden, int outputs) {
        return classifier(inputs, hidden, outputs).withLoss(Loss.MEAN_SQUARED_ERROR);
    }

    /** An autoencoder with one activation per hidden layer (the paper's tanh-linear-tanh) and a linear output, MSE. */
    public static NetworkSpec autoencoder(int inputs, List<Integer> hidden, List<Nonlinearity> activations) {
        return new AutoencoderSpec(inputs, hidden, activations, Loss.MEAN_SQUARED_ERROR);
    }

    /**
     * An autoencoder inputs-hidden...-inputs with its own nonlinearity per hidden layer. Not registered for JSON: it
     * describes networks trained on prepared data ({@link DfcRuns}), not stored experiments.
     */
    public record AutoencoderSpec(int inputs, List<Integer> hidden, List<Nonlinearity> activations, Loss loss)
            implements NetworkSpec {
        public AutoencoderSpec {
            hidden = List.copyOf(hidden);
            activations = List.copyOf(activations);
            if (hidden.size() != activations.size()) {
                throw new IllegalArgumentException("one activation per hidden layer: " + hidden + " vs " + activations);
            }
        }

        @Override
        public Network build(long seed) {
            Rng rng = Rng.of(seed).child("network");
            List<Layer> layers = new ArrayList<>();
            int in = inputs;
            for (int i = 0; i < hidden.size(); i++) {
                int k = i + 1;
                layers.add(new Dense("dense" + k, in, hidden.get(i), true, Init.xavierNormal(), Init.zeros(), DataType.DOUBLE,
                        rng.child("dense" + k)));
                layers.add(new Activation("act" + k, activations.get(i), hidden.get(i)));
                in = hidden.get(i);
            }
            int k = hidden.size() + 1;
            layers.add(new Dense("dense" + k, in, inputs, true, Init.xavierNormal(), Init.zeros(), DataType.DOUBLE,
                    rng.child("dense" + k)));
            return new Network(DataType.DOUBLE, new long[] {inputs}, layers, loss);
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder().append(inputs);
            for (int i = 0; i < hidden.size(); i++) {
                sb.append('-').append(hidden.get(i)).append(activations.get(i).label().charAt(0));
            }
            return sb.append('-').append(inputs).toString();
        }
    }
}
