package org.creditlab.papers.dfc;

import java.util.Arrays;
import java.util.List;
import org.creditlab.data.Dataset;
import org.creditlab.diagnostics.Angles;
import org.creditlab.diagnostics.ControllerConvergence;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.rules.dfc.AnalyticUpdate;
import org.creditlab.rules.dfc.ControlledNetwork;
import org.creditlab.rules.dfc.ControlledRule;
import org.creditlab.rules.dfc.Controller;
import org.creditlab.rules.dfc.DfcMeasures;
import org.creditlab.rules.dfc.DfcSpec;
import org.creditlab.rules.dfc.ForwardLearning;
import org.creditlab.rules.dfc.NetworkState;
import org.creditlab.rules.dfc.ReferenceUpdates;
import org.creditlab.rules.dfc.SimulatedUpdates;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

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
        int[] first = java.util.stream.IntStream.range(0, Math.min(probe, train.size())).toArray();
        Dataset batch = train.select(first);
        INDArray x = batch.inputs();
        INDArray y = batch.targets();
        ControlledNetwork net = ControlledNetwork.of(network);
        Trace trace = network.forward(x, Mode.EVAL, null);
        NetworkState ff = net.read(trace);
        INDArray g = network.loss().gradient(trace.output(), y);
        List<Parameter> params = network.parameters();
        LearningRule rule = run.rule();
        ControlledRule dfc = rule instanceof ControlledRule c ? c : null;
        Updates own = directions(rule, network, x, y, record);
        Updates bp = new Updates();
        BackwardPass.backprop(network, trace, g, y, bp);
        record.put("angle_bp", Angles.degrees(own, bp, params));
        record.put("angle_gn", Angles.degrees(own, ReferenceUpdates.gaussNewton(net, ff, g, damping), params));
        record.put("angle_mn", Angles.degrees(own, ReferenceUpdates.minimumNorm(net, ff, g, damping), params));
        record.put("condition1", DfcMeasures.condition1(ff));
        if (dfc == null) {
            return;
        }
        ForwardLearning.Problem problem = new ForwardLearning.Problem(net, dfc.feedback(), ff, g.mul(-dfc.targetStepsize()));
        Updates ssa = new Updates();
        AnalyticUpdate.SteadyState steady = AnalyticUpdate.steadyState(problem, dfc.controller().alpha(), ssa);
        record.put("angle_ssa", Angles.degrees(own, ssa, params));
        record.put("condition2", DfcMeasures.condition2(net, dfc.feedback(), ff));
        record.put("stability", mean(DfcMeasures.stability(net, dfc.feedback(), dfc.controller(), steady.state(), stabilitySamples)));
        record.put("stability_inst", mean(DfcMeasures.instantaneousStability(net, dfc.feedback(), dfc.controller().alpha(),
                ff, stabilitySamples)));
        if (simulated != null) {
            record.put("angle_dfc_ssa", Angles.degrees(SimulatedUpdates.of(DfcSpec.Variant.DFC, simulated, problem), ssa, params));
            record.put("angle_ss_ssa", Angles.degrees(SimulatedUpdates.of(DfcSpec.Variant.DFC_SS, simulated, problem), ssa, params));
        }
    }

    /** The rule's own directions on the probe batch (a step whose updates are read, never applied). */
    private static Updates directions(LearningRule rule, Network network, INDArray x, INDArray y, EpochRecord record) {
        Trace trace = network.forward(x, Mode.TRAIN, Rng.of(0));
        Updates out = new Updates();
        rule.step(new StepContext(network, trace.input(), y, trace, network.loss().evaluate(trace.output(), y),
                (int) record.get("epoch") - 1, -1, Rng.of(0).child("probe"), out, () -> { }));
        return out;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}
