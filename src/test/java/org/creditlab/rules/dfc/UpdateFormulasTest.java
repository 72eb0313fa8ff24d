package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Precision;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.rules.BackwardPass;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hand checks of the update formulas of the three variants and of the feedback rule. */
class UpdateFormulasTest {

    /** With one linear layer and Q_1 = I, u = δ/(1 + α): DFC-SSA is backprop scaled by 2λ/(B(1 + α)). */
    @Test
    void singleLinearLayerAnalyticUpdateIsScaledBackprop() {
        Network network = MlpSpec.of(4, 3).toBuilder().activation(Nonlinearity.tanh()).weightInit(Init.xavierNormal()).biasInit(Init.uniform(0.2))
                .loss(Loss.SOFTMAX_CROSS_ENTROPY).precision(Precision.FLOAT64).build().build(2);
        ControlledNetwork net = ControlledNetwork.of(network);
        FeedbackWeights q = FeedbackWeights.weightProduct(net);
        INDArray x = DfcFixtures.normal(1, 1, 5, 4);
        INDArray y = org.nd4j.linalg.factory.Nd4j.eye(3).castTo(DataType.DOUBLE).getRows(0, 1, 2, 0, 1);
        double lambda = 0.05;
        double alpha = 0.1;
        ForwardLearning.Problem p = DfcFixtures.problem(net, q, x, y, lambda);
        Updates dfc = new Updates();
        new AnalyticUpdate(alpha).directions(p, dfc);
        Trace trace = network.forward(x, org.creditlab.nn.Mode.EVAL, null);
        Updates bp = new Updates();
        BackwardPass.backprop(network, trace, network.loss().gradient(trace.output(), y), y, bp);
        double scale = 2 * lambda / (5 * (1 + alpha));
        for (Parameter param : network.parameters()) {
            assertTrue(dfc.get(param).equalsWithEps(bp.get(param).mul(scale), 1e-13), param.name());
        }
    }

    /**
     * The same limit through the rule's own step, as training calls it: the nudge −λ·∂L/∂r_L it builds from the loss,
     * its λ (the spec's target step size), its controller's α and the weight-product feedback of the fixed rows.
     */
    @Test
    void theRulesStepOnASingleLinearLayerIsScaledBackprop() {
        Network network = MlpSpec.of(4, 3).toBuilder().activation(Nonlinearity.tanh()).weightInit(Init.xavierNormal()).biasInit(Init.uniform(0.2))
                .loss(Loss.SOFTMAX_CROSS_ENTROPY).precision(Precision.FLOAT64).build().build(2);
        INDArray x = DfcFixtures.normal(1, 1, 5, 4);
        INDArray y = org.nd4j.linalg.factory.Nd4j.eye(3).castTo(DataType.DOUBLE).getRows(0, 1, 2, 0, 1);
        double lambda = 0.05;
        double alpha = 0.1;
        DfcSpec spec = new DfcSpec().toBuilder().variant(DfcSpec.Variant.DFC_SSA).trainFeedback(false)
                .targetStepsize(lambda).forward(Controller.of(alpha, 0, 0.001, 10, 0.2, false)).build();
        org.creditlab.rules.LearningRule rule = spec.create(network, 1);
        Trace trace = network.forward(x, org.creditlab.nn.Mode.TRAIN, Rng.of(3));
        Updates step = new Updates();
        rule.step(new org.creditlab.rules.StepContext(network, trace.input(), y, trace,
                network.loss().evaluate(trace.output(), y), 0, 0, Rng.of(4), step, () -> { }));
        Updates bp = new Updates();
        BackwardPass.backprop(network, trace, network.loss().gradient(trace.output(), y), y, bp);
        double scale = 2 * lambda / (5 * (1 + alpha));
        for (Parameter param : network.parameters()) {
            assertTrue(step.get(param).equalsWithEps(bp.get(param).mul(scale), 1e-13), param.name());
        }
    }

    /** DFC-SSA on a two-layer tanh network, written out sample by sample. */
    @Test
    void analyticUpdateMatchesAHandComputation() {
        Network network = DfcFixtures.tanh(3, 3, 4, 2);
        ControlledNetwork net = ControlledNetwork.of(network);
        FeedbackWeights q = FeedbackWeights.random(net, Init.xavierNormal(), Rng.of(4));
        INDArray x = DfcFixtures.normal(5, 1, 2, 3);
        ForwardLearning.Problem p = DfcFixtures.problem(net, q, x, DfcFixtures.normal(6, 1, 2, 2), 0.1);
        Updates dfc = new Updates();
        new AnalyticUpdate(0.01).directions(p, dfc);
        double[][] w1 = net.weight(0).toDoubleMatrix();
        double[][] w2 = net.weight(1).toDoubleMatrix();
        double[] b1 = net.bias(0).toDoubleVector();
        double[] b2 = net.bias(1).toDoubleVector();
        double[][] q1 = q.q(0).toDoubleMatrix();
        double[][] q2 = q.q(1).toDoubleMatrix();
        // u = (JQ + αI)⁻¹ δ per sample, by hand: J = [W₂·diag(1 − r₁²), I] (the linear output's Jacobian is I)
        double[][] u = new double[2][];
        double[][] nudge = p.nudge().toDoubleMatrix();
        for (int b = 0; b < 2; b++) {
            double[] xb = x.getRow(b).toDoubleVector();
            double[] slope = new double[4];
            for (int i = 0; i < 4; i++) {
                double r = Math.tanh(b1[i] + w1[i][0] * xb[0] + w1[i][1] * xb[1] + w1[i][2] * xb[2]);
                slope[i] = 1 - r * r;
            }
            double[][] m = new double[2][2];
            for (int k = 0; k < 2; k++) {
                for (int c = 0; c < 2; c++) {
                    double jq = q2[k][c] + (k == c ? 0.01 : 0);
                    for (int i = 0; i < 4; i++) {
                        jq += w2[k][i] * slope[i] * q1[i][c];
                    }
                    m[k][c] = jq;
                }
            }
            double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
            u[b] = new double[] {(m[1][1] * nudge[b][0] - m[0][1] * nudge[b][1]) / det,
                    (m[0][0] * nudge[b][1] - m[1][0] * nudge[b][0]) / det};
        }
        assertClose(u, AnalyticUpdate.control(p, 0.01));
        double[][] gw1 = new double[4][3];
        double[][] gw2 = new double[2][4];
        double[] gb1 = new double[4];
        double[] gb2 = new double[2];
        for (int b = 0; b < 2; b++) {
            double[] xb = x.getRow(b).toDoubleVector();
            double[] ub = u[b];
            double[] r1 = new double[4];
            double[] d1 = new double[4];
            for (int i = 0; i < 4; i++) {
                double basal = b1[i] + w1[i][0] * xb[0] + w1[i][1] * xb[1] + w1[i][2] * xb[2];
                double apical = q1[i][0] * ub[0] + q1[i][1] * ub[1];
                r1[i] = Math.tanh(basal + apical);
                d1[i] = r1[i] - Math.tanh(basal);
            }
            for (int k = 0; k < 2; k++) {
                double d2 = q2[k][0] * ub[0] + q2[k][1] * ub[1];   // linear output: φ(v^B + Δv) − φ(v^B) = Δv
                for (int i = 0; i < 4; i++) {
                    gw2[k][i] += -2.0 / 2 * d2 * r1[i];
                }
                gb2[k] += -2.0 / 2 * d2;
            }
            for (int i = 0; i < 4; i++) {
                for (int s = 0; s < 3; s++) {
                    gw1[i][s] += -2.0 / 2 * d1[i] * xb[s];
                }
                gb1[i] += -2.0 / 2 * d1[i];
            }
        }
        assertClose(gw1, dfc.get(net.dense(0).weight()));
        assertClose(gw2, dfc.get(net.dense(1).weight()));
        assertClose(new double[][] {gb1}, dfc.get(net.dense(0).bias()).reshape(1, 4));
        assertClose(new double[][] {gb2}, dfc.get(net.dense(1).bias()).reshape(1, 2));
    }

    /** The time-averaged and steady-state variants against states recorded at every step, with samples masked. */
    @Test
    void simulatedVariantsMatchRecordedTrajectoriesAndDropNonConvergedSamples() {
        Network network = DfcFixtures.tanh(8, 4, 5, 3);
        ControlledNetwork net = ControlledNetwork.of(network);
        FeedbackWeights q = FeedbackWeights.weightProduct(net);
        INDArray x = DfcFixtures.normal(1, 1, 4, 4);
        INDArray y = DfcFixtures.normal(2, 1, 4, 3);
        ForwardLearning.Problem p = DfcFixtures.problem(net, q, x, y, 0.05);
        // short enough that some samples have not converged
        Controller c = Controller.of(0.02, 1.0, 0.02, 60, 0.2, true);
        Recorder rec = new Recorder();
        Dynamics d = new Dynamics(net, 4);
        d.run(q, c, p.feedforward(), p.target(), null, rec);
        Convergence conv = d.convergence(p.feedforward(), c.alpha(), Convergence.EPSILON);
        assertTrue(!conv.allConverged(), "the test needs some non-converged samples");

        for (boolean include : new boolean[] {false, true}) {
            Updates cont = new Updates();
            new TimeAveragedUpdate(c, new DynamicsCache(net), include, Convergence.EPSILON, ConvergenceTest.PER_SAMPLE).directions(p, cont);
            Updates ss = new Updates();
            new SteadyStateUpdate(c, new DynamicsCache(net), include, Convergence.EPSILON, ConvergenceTest.PER_SAMPLE).directions(p, ss);
            for (int i = 0; i < net.depth(); i++) {
                Dense dense = net.dense(i);
                double[][] avg = new double[net.size(i)][];
                double[][] last = new double[net.size(i)][];
                int fanIn = i == 0 ? 4 : net.size(i - 1);
                for (int o = 0; o < net.size(i); o++) {
                    avg[o] = new double[fanIn];
                    last[o] = new double[fanIn];
                }
                for (int k = 0; k < rec.diff.size(); k++) {
                    double[][] diff = rec.diff.get(k)[i];
                    double[][] below = i == 0 ? x.toDoubleMatrix() : rec.rates.get(k)[i - 1];
                    for (int b = 0; b < 4; b++) {
                        if (!include && !conv.converged()[b]) {
                            continue;
                        }
                        for (int o = 0; o < net.size(i); o++) {
                            for (int s = 0; s < fanIn; s++) {
                                double term = -2.0 / 4 * diff[b][o] * below[b][s];
                                avg[o][s] += term / c.steps();
                                if (k == rec.diff.size() - 1) {
                                    last[o][s] += term;
                                }
                            }
                        }
                    }
                }
                assertClose(avg, cont.get(dense.weight()));
                assertClose(last, ss.get(dense.weight()));
            }
        }
    }

    /** Records D_i = φ(v_i) − φ(v_i^B) and r_i at every time point after the start. */
    private static final class Recorder implements Dynamics.Observer {
        final List<double[][][]> diff = new ArrayList<>();
        final List<double[][][]> rates = new ArrayList<>();

        @Override
        public void afterStep(Dynamics d, int k) {
            int depth = d.network().depth();
            double[][][] dk = new double[depth][][];
            double[][][] rk = new double[depth][][];
            for (int i = 0; i < depth; i++) {
                INDArray phiBasal = d.network().phi(i).apply(d.basal(i).dup('c'));
                dk[i] = d.rate(i).dup('c').sub(phiBasal).toDoubleMatrix();
                rk[i] = d.rate(i).dup('c').toDoubleMatrix();
            }
            diff.add(dk);
            rates.add(rk);
        }
    }

    /** grad Q_i = Σ_k v_i^A[k] u[k+1]ᵀ / (max(σ, 0.01)² (T−1) B), from states recorded with the same noise. */
    @Test
    void sleepGradientPairsTheApicalVoltageWithTheNextControl() {
        Network network = DfcFixtures.tanh(9, 4, 5, 3);
        ControlledNetwork net = ControlledNetwork.of(network);
        FeedbackWeights q = FeedbackWeights.random(net, Init.xavierNormal(), Rng.of(2));
        Controller sleep = new Controller(0.25, 0.1, 0.002, 12, 0.01, 0.3, false, true, 0.02, 0.005);
        INDArray x = DfcFixtures.normal(3, 1, 6, 4);
        SleepPhase phase = new SleepPhase(net, q, sleep, true, 0, new DynamicsCache(net));
        phase.step(x, Rng.of(77), false);
        Updates got = phase.updates();

        NetworkState ff = net.feedforward(x);
        List<double[][]> apical = new ArrayList<>();
        List<double[][]> control = new ArrayList<>();
        new Dynamics(net, 6).run(q, sleep, ff, ff.output(), Rng.of(77), new Dynamics.Observer() {
            @Override
            public void afterControl(Dynamics d, int k) {
                apical.add(d.apical().dup('c').toDoubleMatrix());
                control.add(d.control().dup('c').toDoubleMatrix());
            }
        });
        assertEquals(sleep.steps() - 1, apical.size());
        double scale = 1.0 / (0.02 * 0.02 * (sleep.steps() - 1) * 6);
        for (int i = 0; i < net.depth(); i++) {
            double[][] expected = new double[net.size(i)][3];
            for (int k = 0; k < apical.size(); k++) {
                for (int b = 0; b < 6; b++) {
                    for (int o = 0; o < net.size(i); o++) {
                        for (int m = 0; m < 3; m++) {
                            expected[o][m] += scale * apical.get(k)[b][net.offset(i) + o] * control.get(k)[b][m];
                        }
                    }
                }
            }
            assertClose(expected, got.get(q.parameter(i)));
        }
    }

    private static void assertClose(double[][] expected, INDArray actual) {
        double[][] a = actual.toDoubleMatrix();
        double scale = 0;
        for (double[] row : expected) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], a[i][j], 1e-10 * Math.max(scale, 1e-12), "[" + i + "][" + j + "]");
            }
        }
    }
}
