package org.creditlab.papers.dfc;

import java.util.List;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Precision;

/**
 * The networks of the DFC experiments, initialised as in the reference code: Xavier-normal weights, zero biases,
 * float64, tanh hidden layers (or a given activation per layer) and a linear output.
 */
public final class DfcNetworks {
    private DfcNetworks() {}

    /** inputs-hidden...-outputs, tanh hidden layers, linear output, softmax cross-entropy. */
    public static MlpSpec classifier(int inputs, List<Integer> hidden, int outputs) {
        return MlpSpec.of(inputs, outputs).toBuilder().hidden(hidden).activation(Nonlinearity.tanh())
                .weightInit(Init.xavierNormal()).biasInit(Init.zeros()).loss(Loss.SOFTMAX_CROSS_ENTROPY)
                .precision(Precision.FLOAT64).build();
    }

    /** inputs-hidden...-outputs, tanh hidden layers, linear output, mean squared error (the student-teacher task). */
    public static MlpSpec regression(int inputs, List<Integer> hidden, int outputs) {
        return classifier(inputs, hidden, outputs).toBuilder().loss(Loss.MEAN_SQUARED_ERROR).build();
    }

    /**
     * An autoencoder inputs-hidden...-inputs with one activation per hidden layer (the paper's tanh-linear-tanh), a
     * linear output and the mean squared error.
     */
    public static MlpSpec autoencoder(int inputs, List<Integer> hidden, List<Nonlinearity> activations) {
        return classifier(inputs, hidden, inputs).toBuilder().loss(Loss.MEAN_SQUARED_ERROR)
                .hiddenActivations(activations).build();
    }
}
