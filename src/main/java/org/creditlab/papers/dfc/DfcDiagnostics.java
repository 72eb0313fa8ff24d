package org.creditlab.papers.dfc;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.creditlab.data.Dataset;
import org.creditlab.diagnostics.Angles;
import org.creditlab.diagnostics.ControllerConvergence;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.dfc.ControlledAnalysis;
import org.creditlab.rules.dfc.ControlledRule;
import org.creditlab.rules.dfc.Controller;
import org.creditlab.rules.dfc.DfcAnalysis;
import org.creditlab.rules.dfc.DfcSpec;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;

/**
 * The per-epoch measures of the DFC paper (Fig. 3, Figs. S5-S12), on a fixed probe batch of training examples,
 * recorded as columns of the results table:
 *
 * <ul>
 *   <li>{@code angle_bp}, {@code angle_gn}, {@code angle_mn}: degrees between the rule's update (its raw directions,
 *       before clipping) and the backprop, damped Gauss-Newton and damped minimum-norm updates, over all forward
 *       weights and biases (any rule);</li>
 *   <li>{@code condition1}: the relative spread of the layer norms ‖r_0‖, ..., ‖r_{L−1}‖ (any rule);</li>
 *   <li>for DFC rules: {@code condition2}, {@code stability} (largest real eigenvalue of the linearised PI system at
 *       the analytical steady state, mean over a few samples), {@code stability_inst} (of −(JQ̄ + αI)),
 *       and {@code angle_ssa} (the rule's update against DFC-SSA's);</li>
 *   <li>with a {@code simulated} controller: {@code angle_dfc_ssa} and {@code angle_ss_ssa}, the time-averaged and
 *       steady-state updates that controller produces on the probe, against DFC-SSA's (Fig. 3F along any run).</li>
 * </ul>
 *
 * <p>The fractions of samples that converged are {@link ControllerConvergence}'; register it before this listener, whose
 * probe step adds to the rule's counts.
 *
 * @param probe            examples in the probe batch (the first of the training set)
 * @param damping          γ of the damped Gauss-Newton and minimum-norm updates (0.1 in the toy experiment)
 * @param stabilitySamples probe samples whose eigenvalues are computed
 * @param simulated        controller for the Fig. 3F comparison, or null
 */
public record DfcDiagnostics(int probe, double damping, int stabilitySamples, Controller simulated)
        implements TrainingListener {

    /** The toy experiment's measures: 128 probe examples, γ = 0.1, eigenvalues of 16 samples. */
    public static DfcDiagnostics standard() {
        return new DfcDiagnostics(128, 0.1, 16, null);
    }

    public DfcDiagnostics withSimulated(Controller c) {
        return new DfcDiagnostics(probe, damping, stabilitySamples, c);
    }

    @Override
    public void endEpoch(TrainingRun run, EpochRecord record) {
        Network network = run.network();
        Dataset train = run.data().train();
        Dataset batch = train.select(IntStream.range(0, Math.min(probe, train.size())).toArray());
        DfcAnalysis analysis = DfcAnalysis.of(network, batch.inputs(), batch.targets());
        List<Parameter> params = network.parameters();
        LearningRule rule = run.rule();
        Updates own = analysis.directionsOf(rule, (int) record.get("epoch") - 1);
        record.put("angle_bp", Angles.degrees(own, analysis.backprop(), params));
        record.put("angle_gn", Angles.degrees(own, analysis.gaussNewton(damping), params));
        record.put("angle_mn", Angles.degrees(own, analysis.minimumNorm(damping), params));
        record.put("condition1", analysis.condition1());
        if (!(rule instanceof ControlledRule dfc)) {
            return;
        }
        ControlledAnalysis controlled = analysis.controlledBy(dfc);
        Updates ssa = controlled.analyticUpdate();
        record.put("angle_ssa", Angles.degrees(own, ssa, params));
        record.put("condition2", controlled.condition2());
        record.put("stability", mean(controlled.stability(stabilitySamples)));
        record.put("stability_inst", mean(controlled.instantaneousStability(stabilitySamples)));
        if (simulated != null) {
            record.put("angle_dfc_ssa", Angles.degrees(controlled.simulatedUpdate(DfcSpec.Variant.DFC, simulated), ssa, params));
            record.put("angle_ss_ssa", Angles.degrees(controlled.simulatedUpdate(DfcSpec.Variant.DFC_SS, simulated), ssa, params));
        }
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}
