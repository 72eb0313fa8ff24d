package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.nn.Network;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.Feedback;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Trace;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** J = ∂r_L/∂v̄ against finite differences and against one backprop walk per output unit. */
class JacobiansTest {

    @Test
    void blocksMatchFiniteDifferencesOfTheForwardPassFromEachLayer() {
        Network network = DfcFixtures.tanh(3, 5, 4, 3, 2);
        ControlledNetwork net = ControlledNetwork.of(network);
        INDArray x = DfcFixtures.normal(1, 1, 3, 5);
        NetworkState ff = net.feedforward(x);
        INDArray[] j = Jacobians.preActivation(net, ff);
        double h = 1e-6;
        for (int i = 0; i < net.depth(); i++) {
            for (int b = 0; b < 3; b++) {
                for (int p = 0; p < net.size(i); p++) {
                    INDArray plus = outputFrom(net, ff, i, b, p, h);
                    INDArray minus = outputFrom(net, ff, i, b, p, -h);
                    for (int k = 0; k < net.outputSize(); k++) {
                        double numeric = (plus.getDouble(b, k) - minus.getDouble(b, k)) / (2 * h);
                        assertEquals(numeric, j[i].getDouble((long) b * net.outputSize() + k, p), 1e-8,
                                "J_" + (i + 1) + " sample " + b + " [" + k + "," + p + "]");
                    }
                }
            }
        }
    }

    /** r_L after adding h to v_i[b, p] and propagating the rest of the network forward. */
    private static INDArray outputFrom(ControlledNetwork net, NetworkState ff, int layer, int b, int p, double h) {
        INDArray v = ff.v()[layer].dup();
        v.putScalar(b, p, v.getDouble(b, p) + h);
        INDArray r = net.phi(layer).apply(v);
        for (int i = layer + 1; i < net.depth(); i++) {
            INDArray z = net.dense(i).linearResponse(r).addiRowVector(net.bias(i));
            r = net.phi(i).apply(z);
        }
        return r;
    }

    @Test
    void blocksEqualTheDeltasOfOneBackwardWalkPerOutputUnit() {
        Network network = DfcFixtures.tanh(4, 6, 5, 4, 3);
        ControlledNetwork net = ControlledNetwork.of(network);
        INDArray x = DfcFixtures.normal(2, 1, 4, 6);
        Trace trace = network.forward(x, Mode.EVAL, null);
        INDArray[] j = Jacobians.preActivation(net, net.read(trace));
        int nL = net.outputSize();
        for (int k = 0; k < nL; k++) {
            INDArray unit = Nd4j.zeros(DataType.DOUBLE, 4, nL);
            unit.getColumn(k).assign(1);
            BackwardPass.Deltas deltas = BackwardPass.run(network, trace, unit, unit, w -> Feedback.exact(), null);
            for (int i = 0; i < net.depth(); i++) {
                INDArray walk = deltas.atOutput(network.indexOf(net.dense(i)));
                INDArray mine = j[i].reshape(4, nL, net.size(i)).get(NDArrayIndex.all(), NDArrayIndex.point(k), NDArrayIndex.all());
                assertTrue(walk.equalsWithEps(mine, 1e-12), "layer " + (i + 1) + ", output " + k);
            }
        }
    }
}
