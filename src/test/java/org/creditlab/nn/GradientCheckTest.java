package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.creditlab.rules.BackwardPass;
import org.creditlab.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Backprop's gradients against central finite differences, in double precision, for every activation and loss. */
class GradientCheckTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        Nonlinearity[] fs = {Nonlinearity.relu(), Nonlinearity.leakyRelu(0.1), Nonlinearity.tanh(),
                Nonlinearity.sigmoid(), Nonlinearity.identity()};
        for (Nonlinearity f : fs) {
            for (Loss loss : Loss.values()) {
                for (boolean bias : new boolean[] {true, false}) {
                    out.add(Arguments.of(f, loss, bias, false, 0.0, false));
                }
            }
        }
        // BatchNorm and dropout (with the mask of the recorded pass held fixed)
        out.add(Arguments.of(Nonlinearity.relu(), Loss.SOFTMAX_CROSS_ENTROPY, true, true, 0.0, false));
        out.add(Arguments.of(Nonlinearity.tanh(), Loss.MEAN_SQUARED_ERROR, false, true, 0.0, false));
        out.add(Arguments.of(Nonlinearity.relu(), Loss.SOFTMAX_CROSS_ENTROPY, true, false, 0.3, false));
        out.add(Arguments.of(Nonlinearity.sigmoid(), Loss.MEAN_SQUARED_ERROR, true, true, 0.25, false));
        // activity normalisation h / ‖H‖_F (the PEPITA follow-up's), alone and after dropout
        out.add(Arguments.of(Nonlinearity.tanh(), Loss.SOFTMAX_CROSS_ENTROPY, true, false, 0.0, true));
        out.add(Arguments.of(Nonlinearity.relu(), Loss.MEAN_SQUARED_ERROR, false, false, 0.2, true));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} bias={2} bn={3} dropout={4} norm={5}")
    @MethodSource("cases")
    void backpropMatchesFiniteDifferences(Nonlinearity f, Loss loss, boolean bias, boolean bn, double dropout, boolean norm) {
        Network net = MlpSpec.of(6, 5, 4, 3).toBuilder().activation(f).bias(bias).batchNorm(bn).dropout(dropout).activityNorm(norm)
                .loss(loss).weightInit(Init.xavierNormal()).biasInit(Init.uniform(0.5)).precision(Precision.FLOAT64).build().build(7);
        Rng rng = Rng.of(11);
        INDArray x = rng.normal(DataType.DOUBLE, 0, 1, 8, 6);
        INDArray y = loss == Loss.SOFTMAX_CROSS_ENTROPY ? oneHot(new int[] {0, 1, 2, 1, 0, 2, 2, 1}, 3)
                : rng.normal(DataType.DOUBLE, 0, 1, 8, 3);
        assertBackpropMatchesFiniteDifferences(net, x, y, net.forward(x, Mode.TRAIN, rng.child("masks")));
    }

    /**
     * Checks every parameter's backprop gradient against central differences (the recorded pass's random choices held
     * fixed); returns how many entries were checked.
     */
    static int assertBackpropMatchesFiniteDifferences(Network net, INDArray x, INDArray y, Trace trace) {
        Loss loss = net.loss();
        Updates grads = new Updates();
        BackwardPass.backprop(net, trace, loss.gradient(trace.output(), y), y, grads);
        double h = 1e-6;
        int checked = 0;
        for (Parameter p : net.parameters()) {
            INDArray w = p.value();
            INDArray analytic = grads.get(p);
            for (long i = 0; i < w.length(); i++) {
                double orig = w.getDouble(i);
                w.putScalar(i, orig + h);
                double plus = loss.value(net.forwardLike(trace, x).output(), y);
                w.putScalar(i, orig - h);
                double minus = loss.value(net.forwardLike(trace, x).output(), y);
                w.putScalar(i, orig);
                double numeric = (plus - minus) / (2 * h);
                double a = analytic.getDouble(i);
                long index = i;
                double err = Math.abs(a - numeric) / Math.max(1e-3, Math.abs(a) + Math.abs(numeric));
                assertTrue(err < 1e-5, () -> String.format("%s[%d]: backprop %.10g vs finite difference %.10g", p.name(),
                        index, a, numeric));
                checked++;
            }
        }
        return checked;
    }

    static INDArray oneHot(int[] labels, int classes) {
        INDArray t = Nd4j.zeros(DataType.DOUBLE, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            t.putScalar(i, labels[i], 1);
        }
        return t;
    }
}
