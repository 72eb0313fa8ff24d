package org.creditlab.papers.dfc;

import org.creditlab.rules.dfc.ControlledAnalysis;
import org.creditlab.rules.dfc.ControlledRule;
import org.creditlab.rules.dfc.Controller;
import org.creditlab.rules.dfc.DfcAnalysis;
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
        ControlledAnalysis analysis = DfcAnalysis.of(rule, x, y);
        int steps = controller.steps();
        double[] time = new double[steps];
        double[][] output = new double[steps][];
        double[][] control = new double[steps][];
        output[0] = row(analysis.output(), sample);
        control[0] = new double[output[0].length];
        analysis.simulate(controller, (k, r, u) -> {
            time[k + 1] = (k + 1) * controller.dt();
            output[k + 1] = row(r, sample);
            control[k + 1] = row(u, sample);
        });
        return new ControllerTrace(time, output, control, row(analysis.outputTarget(), sample));
    }

    private static double[] row(INDArray a, int sample) {
        return a.getRow(sample).dup().toDoubleVector();
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
