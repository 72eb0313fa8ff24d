package org.creditlab.rules.dfc;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Init;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Precision;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small double-precision networks and problems shared by the DFC tests. */
final class DfcFixtures {
    private DfcFixtures() {}

    /** A tanh MLP with a linear output, Xavier-normal weights and small random biases, MSE loss. */
    static Network tanh(long seed, int... sizes) {
        return MlpSpec.of(sizes).toBuilder().activation(Nonlinearity.tanh()).weightInit(Init.xavierNormal()).biasInit(Init.uniform(0.1))
                .loss(Loss.MEAN_SQUARED_ERROR).precision(Precision.FLOAT64).build().build(seed);
    }

    /** A linear network without biases whose hidden weights are orthogonal (so ‖r_0‖ = ‖r_1‖ = ... : Condition 1). */
    static Network linearOrthogonal(long seed, int width, int depth, int outputs) {
        Rng rng = Rng.of(seed);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < depth - 1; i++) {
            layers.add(new Dense("dense" + (i + 1), orthogonal(rng.child("w", i), width), null));
        }
        layers.add(new Dense("dense" + depth, rng.child("out").normal(DataType.DOUBLE, 0, 0.5, outputs, width), null));
        return new Network(DataType.DOUBLE, new long[] {width}, layers, Loss.MEAN_SQUARED_ERROR);
    }

    static INDArray orthogonal(Rng rng, int n) {
        double[][] g = rng.normal(DataType.DOUBLE, 0, 1, n, n).toDoubleMatrix();
        double[][] q = new org.apache.commons.math3.linear.QRDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(g)).getQ().getData();
        return Nd4j.create(q);
    }

    /** The problem of one batch: feedforward state and nudge δ_L = −λ ∂L/∂r_L. */
    static ForwardLearning.Problem problem(ControlledNetwork net, FeedbackWeights q, INDArray x, INDArray y, double lambda) {
        NetworkState ff = net.feedforward(x);
        INDArray g = net.network().loss().gradient(ff.output(), y);
        return new ForwardLearning.Problem(net, q, ff, g.mul(-lambda));
    }

    /** Q_i = J_iᵀ at a state (exact for linear networks, whose J does not depend on the input). */
    static FeedbackWeights jacobianTranspose(ControlledNetwork net, NetworkState state) {
        INDArray[] j = Jacobians.preActivation(net, state);
        int nL = net.outputSize();
        List<INDArray> qs = new ArrayList<>();
        for (INDArray block : j) {
            qs.add(block.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, nL),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).transpose().dup('c'));
        }
        return FeedbackWeights.of(qs);
    }

    static INDArray normal(long seed, double std, long... shape) {
        return Rng.of(seed).normal(DataType.DOUBLE, 0, std, shape);
    }

    /** Relative distance ‖a − b‖ / ‖b‖. */
    static double relative(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }
}
