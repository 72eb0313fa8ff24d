package org.creditlab.papers.dfc;

import org.creditlab.rules.dfc.ControlledRule;
import org.creditlab.rules.dfc.Controller;
import org.creditlab.rules.dfc.Dynamics;
import org.creditlab.rules.dfc.ForwardLearning;
import org.creditlab.rules.dfc.NetworkState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The time course of one sample in the controlled network (Fig. 1D): its output r_L(t), the control signal u(t) and
 * the output target r_L*, simulated for a mini-batch as in training.
 *
 * @param time    t in units of τ_u, one entry per time point
 * @param output  r_L(t), [time][n_L]
 * @param control u(t), [time][n_L]
 * @param target  r_L*
 */
public record ControllerTrace(double[] time, double[][] output, double[][] control, double[] target) {

    /**
     * Simulates batch ({@code x}, {@code y}) with the rule's network, feedback and λ under {@code controller}, and
     * records sample {@code sample}.
     */
    public static ControllerTrace simulate(ControlledRule rule, Controller controller, INDArray x, INDArray y, int sample) {
        NetworkState ff = rule.controlled().feedforward(x);
        INDArray g = rule.controlled().network().loss().gradient(ff.output(), y);
        ForwardLearning.Problem p = new ForwardLearning.Problem(rule.controlled(), rule.feedback(), ff, g.mul(-rule.targetStepsize()));
        int steps = controller.steps();
        double[] time = new double[steps];
        double[][] output = new double[steps][];
        double[][] control = new double[steps][];
        output[0] = ff.output().getRow(sample).dup().toDoubleVector();
        control[0] = new double[output[0].length];
        Dynamics d = new Dynamics(rule.controlled(), ff.batch());
        d.run(rule.feedback(), controller, ff, p.target(), null, new Dynamics.Observer() {
            @Override
            public void afterStep(Dynamics dyn, int k) {
                time[k + 1] = (k + 1) * controller.dt();
                output[k + 1] = dyn.rate(rule.controlled().depth() - 1).getRow(sample).dup().toDoubleVector();
                control[k + 1] = dyn.control().getRow(sample).dup().toDoubleVector();
            }
        });
        return new ControllerTrace(time, output, control, p.target().getRow(sample).dup().toDoubleVector());
    }

    /** Output unit {@code k} over time. */
    public double[] output(int k) {
        double[] v = new double[time.length];
        for (int t = 0; t < v.length; t++) {
            v[t] = output[t][k];
        }
        return v;
    }

    /** Control component {@code k} over time. */
    public double[] control(int k) {
        double[] v = new double[time.length];
        for (int t = 0; t < v.length; t++) {
            v[t] = control[t][k];
        }
        return v;
    }
}
