package org.creditlab.diagnostics;

import org.creditlab.rules.dfc.ControlledAnalysis;
import org.creditlab.rules.dfc.ControlledRule;
import org.creditlab.rules.dfc.Controller;
import org.creditlab.rules.dfc.DfcAnalysis;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The time course of one sample in DFC's controlled network (the paper's Fig. 1D): its output r_L(t), the control
 * signal u(t) and the output target r_L*, at t = k·dt for k = 0 … steps − 1. As the analysis
 * {@link Analyses#DFC_CONTROLLER_TRACE} keeps it, so the figure is drawn from a run record: r_L and u as float32
 * rows (a base64 string, a third of the numbers written out; thousands of time points stay tens of kilobytes).
 *
 * @param dt      the controller's time step, in units of τ_u
 * @param output  r_L(t), one row per time point [steps, n_L]
 * @param control u(t), likewise
 * @param target  r_L*
 */
public record ControllerTrace(double dt, FloatRows output, FloatRows control, double[] target) {

    public ControllerTrace {
        if (output.rows() != control.rows() || output.columns() != control.columns() || target.length != output.columns()) {
            throw new IllegalArgumentException("r_L(t), u(t) and r_L* differ in shape: " + output.rows() + "×"
                    + output.columns() + ", " + control.rows() + "×" + control.columns() + ", " + target.length);
        }
        target = target.clone();
    }

    /** A trace from rows of doubles ({@code output[t]}, {@code control[t]} at time t·dt), rounded to float32. */
    public static ControllerTrace of(double dt, double[][] output, double[][] control, double[] target) {
        return new ControllerTrace(dt, FloatRows.of(output), FloatRows.of(control), target);
    }

    /**
     * Simulates batch ({@code x}, {@code y}) with the rule's network, feedback and λ under {@code controller}, as in
     * training, and records sample {@code sample}.
     */
    public static ControllerTrace simulate(ControlledRule rule, Controller controller, INDArray x, INDArray y, int sample) {
        ControlledAnalysis analysis = DfcAnalysis.of(rule, x, y);
        int steps = controller.steps();
        double[][] output = new double[steps][];
        double[][] control = new double[steps][];
        output[0] = row(analysis.output(), sample);
        control[0] = new double[output[0].length];
        analysis.simulate(controller, (k, r, u) -> {
            output[k + 1] = row(r, sample);
            control[k + 1] = row(u, sample);
        });
        return of(controller.dt(), output, control, row(analysis.outputTarget(), sample));
    }

    private static double[] row(INDArray a, int sample) {
        return a.getRow(sample).dup().toDoubleVector();
    }

    /** Time points. */
    public int steps() {
        return output.rows();
    }

    /** t at each time point, in units of τ_u. */
    public double[] times() {
        double[] t = new double[steps()];
        for (int k = 0; k < t.length; k++) {
            t[k] = k * dt;
        }
        return t;
    }

    /** Output unit {@code unit} over time. */
    public double[] outputOf(int unit) {
        return column(output, unit);
    }

    /** Control component {@code unit} over time. */
    public double[] controlOf(int unit) {
        return column(control, unit);
    }

    @Override
    public double[] target() {
        return target.clone();
    }

    private static double[] column(FloatRows rows, int unit) {
        double[] v = new double[rows.rows()];
        for (int t = 0; t < v.length; t++) {
            v[t] = rows.row(t)[unit];
        }
        return v;
    }
}
