package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.creditlab.nn.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The batched simulation against a plain, per-sample transcription of the reference code's Euler scheme. */
class DynamicsTest {

    static Stream<Arguments> controllers() {
        return Stream.of(
                Arguments.of(Controller.of(0.01, 0, 0.02, 40, 0.2, false)),
                Arguments.of(Controller.of(0.01, 2, 0.02, 40, 0.2, true)),
                Arguments.of(Controller.of(0.3, 1.5, 0.05, 25, 0.01, false)),
                Arguments.of(Controller.of(0.01, 2, 0.02, 40, 0.2, false).toBuilder().instantaneous(false).build()),
                Arguments.of(Controller.of(0.2, 0.1, 0.01, 30, 0.05, false).toBuilder().apicalTau(0.3).build()));
    }

    @ParameterizedTest
    @MethodSource("controllers")
    void matchesAPlainTranscriptionOfTheEquations(Controller c) {
        Network network = DfcFixtures.tanh(5, 4, 3, 3, 2);
        ControlledNetwork net = ControlledNetwork.of(network);
        FeedbackWeights q = FeedbackWeights.random(net, org.creditlab.nn.Init.xavierNormal(), org.creditlab.util.Rng.of(9));
        INDArray x = DfcFixtures.normal(7, 1, 3, 4);
        NetworkState ff = net.feedforward(x);
        INDArray target = ff.output().add(DfcFixtures.normal(8, 0.1, 3, 2));
        Dynamics d = new Dynamics(net, 3);
        d.run(q, c, ff, target, null, null);
        for (int b = 0; b < 3; b++) {
            Reference ref = new Reference(net, q, c, ff, target, b);
            for (int i = 0; i < net.depth(); i++) {
                for (int p = 0; p < net.size(i); p++) {
                    assertEquals(ref.v[i][p], d.soma(i).getDouble(b, p), 1e-12, "v_" + (i + 1));
                    assertEquals(ref.va[i][p], d.apical(i).getDouble(b, p), 1e-12, "v^A_" + (i + 1));
                }
            }
            for (int k = 0; k < net.outputSize(); k++) {
                assertEquals(ref.u[k], d.control().getDouble(b, k), 1e-12, "u");
            }
        }
        assertTrue(d.control().norm2Number().doubleValue() > 0, "the controller acted");
    }

    /** One sample simulated with scalar loops, statement by statement as in DFCNetwork.controller. */
    private static final class Reference {
        final double[][] v;
        final double[][] va;
        final double[] u;

        Reference(ControlledNetwork net, FeedbackWeights q, Controller c, NetworkState ff, INDArray target, int b) {
            int depth = net.depth();
            int nL = net.outputSize();
            v = new double[depth][];
            va = new double[depth][];
            double[][] r = new double[depth][];
            for (int i = 0; i < depth; i++) {
                v[i] = ff.v()[i].getRow(b).dup().toDoubleVector();
                r[i] = ff.r()[i].getRow(b).dup().toDoubleVector();
                va[i] = new double[net.size(i)];
            }
            double[] x = ff.input().getRow(b).dup().toDoubleVector();
            double[] rStar = target.getRow(b).dup().toDoubleVector();
            u = new double[nL];
            double[] uInt = new double[nL];
            for (int t = 0; t < c.steps() - 1; t++) {
                double[] e = new double[nL];
                for (int k = 0; k < nL; k++) {
                    e[k] = rStar[k] - r[depth - 1][k];
                }
                double[] uOld = u.clone();
                for (int k = 0; k < nL; k++) {
                    if (c.kp() > 0) {
                        uInt[k] = uInt[k] + c.dt() * (e[k] - c.alpha() * uOld[k]);
                        u[k] = uInt[k] + c.kp() * e[k];
                    } else {
                        u[k] = uOld[k] + c.dt() * (e[k] - c.alpha() * uOld[k]);
                    }
                }
                double[] uApical = c.proactive() ? u : uOld;
                double[][] rOld = new double[depth][];
                for (int i = 0; i < depth; i++) {
                    rOld[i] = r[i].clone();
                }
                for (int i = 0; i < depth; i++) {
                    double[] below = i == 0 ? x : (c.instantaneous() ? r[i - 1] : rOld[i - 1]);
                    double[][] w = net.weight(i).toDoubleMatrix();
                    double[] bias = net.bias(i).toDoubleVector();
                    double[][] qi = q.q(i).toDoubleMatrix();
                    for (int p = 0; p < net.size(i); p++) {
                        double vb = bias[p];
                        for (int s = 0; s < below.length; s++) {
                            vb += w[p][s] * below[s];
                        }
                        double qu = 0;
                        for (int k = 0; k < nL; k++) {
                            qu += qi[p][k] * uApical[k];
                        }
                        va[i][p] = va[i][p] + c.dt() / c.tauA() * (-va[i][p] + qu);
                        v[i][p] = v[i][p] + c.dt() / c.tauV() * (va[i][p] + vb - v[i][p]);
                    }
                    for (int p = 0; p < net.size(i); p++) {
                        r[i][p] = i == depth - 1 ? v[i][p] : Math.tanh(v[i][p]);
                    }
                }
            }
        }
    }
}
