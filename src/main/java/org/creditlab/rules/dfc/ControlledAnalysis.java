package org.creditlab.rules.dfc;

import org.creditlab.nn.Updates;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link DfcAnalysis} seen through a DFC rule: its feedback Q, its forward controller and λ. It gives the update of
 * each variant on the batch (DFC-SSA's analytically, DFC's and DFC-SS's by simulating a given controller), Condition 2,
 * the stability of the controlled system, and the controller's time course. Nothing is applied to the network or Q.
 */
public final class ControlledAnalysis {
    private final DfcAnalysis probe;
    private final ControlledRule rule;
    private final ForwardLearning.Problem problem;
    private AnalyticUpdate.SteadyState steady;
    private Updates analytic;

    ControlledAnalysis(DfcAnalysis probe, ControlledRule rule) {
        this.probe = probe;
        this.rule = rule;
        this.problem = new ForwardLearning.Problem(probe.network(), rule.feedback(), probe.feedforward(),
                probe.lossGradient().mul(-rule.targetStepsize()));
    }

    /** Sees the simulated controller after each step k → k+1. */
    public interface Observer {
        /**
         * @param output  r_L at time k+1, [B, n_L] (read it now: the buffer moves on)
         * @param control u at time k+1, [B, n_L] (likewise)
         */
        void afterStep(int k, INDArray output, INDArray control);
    }

    /** r_L^-, the output at the feedforward state, where {@link #simulate} starts. */
    public INDArray output() {
        return probe.output();
    }

    /** r_L* = r_L^- − λ ∂L/∂r_L, the output target. */
    public INDArray outputTarget() {
        return problem.target();
    }

    /** DFC-SSA's directions: the analytical steady state of the rule's own controller (α). */
    public Updates analyticUpdate() {
        solveSteadyState();
        return analytic;
    }

    /** The directions of DFC or DFC-SS (or DFC-SSA) under {@code controller}, counting every sample. */
    public Updates simulatedUpdate(DfcSpec.Variant variant, Controller controller) {
        return SimulatedUpdates.of(variant, controller, problem);
    }

    /** Condition 2: ‖P_J Q‖/‖Q‖, how much of Q lies in the row space of J (1 is exact). */
    public double condition2() {
        return DfcMeasures.condition2(probe.network(), rule.feedback(), probe.feedforward());
    }

    /** The largest real eigenvalue of the linearised PI system at the analytical steady state, per sample. */
    public double[] stability(int samples) {
        solveSteadyState();
        return DfcMeasures.stability(probe.network(), rule.feedback(), rule.controller(), steady.state(), samples);
    }

    /** The largest real eigenvalue of −(J Q̄ + αI) at the feedforward state, per sample. */
    public double[] instantaneousStability(int samples) {
        return DfcMeasures.instantaneousStability(probe.network(), rule.feedback(), rule.controller().alpha(),
                probe.feedforward(), samples);
    }

    /** Simulates {@code controller} from the feedforward state towards {@link #outputTarget}, without noise. */
    public void simulate(Controller controller, Observer observer) {
        ControlledNetwork net = probe.network();
        new Dynamics(net, problem.feedforward().batch()).run(rule.feedback(), controller, problem.feedforward(),
                problem.target(), null, new Dynamics.Observer() {
                    @Override
                    public void afterStep(Dynamics d, int k) {
                        observer.afterStep(k, d.rate(net.depth() - 1), d.control());
                    }
                });
    }

    /** The steady state and DFC-SSA's directions, solved once and shared by the measures that need them. */
    private void solveSteadyState() {
        if (steady == null) {
            analytic = new Updates();
            steady = AnalyticUpdate.steadyState(problem, rule.controller().alpha(), analytic);
        }
    }
}
