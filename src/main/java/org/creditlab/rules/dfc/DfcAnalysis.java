package org.creditlab.rules.dfc;

import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The public face of DFC's analyses, for diagnostics and papers: a network of Dense/Activation blocks (float64) at its
 * feedforward state on one probe batch, with what the paper compares a rule's update against (backprop, the damped
 * Gauss-Newton and minimum-norm updates), Condition 1, the Jacobian J of the output, and the feedback-space algebra of
 * Fig. 2. {@link #controlledBy} adds what depends on a DFC rule's feedback and controller. Nothing is applied to the
 * network: every update is returned for reading.
 */
public final class DfcAnalysis {
    private final ControlledNetwork net;
    private final INDArray target;
    private final Trace trace;
    private final NetworkState feedforward;
    private final INDArray lossGradient;

    private DfcAnalysis(Network network, INDArray x, INDArray y) {
        this.net = ControlledNetwork.of(network);
        this.target = y;
        this.trace = network.forward(x, Mode.EVAL, null);
        this.feedforward = net.read(trace);
        this.lossGradient = network.loss().gradient(trace.output(), y);
    }

    /**
     * {@code network} on the batch ({@code x}, {@code y}), run forward in evaluation mode.
     *
     * @throws IllegalArgumentException if the network is not float64 Dense/Activation blocks (as DFC requires)
     */
    public static DfcAnalysis of(Network network, INDArray x, INDArray y) {
        return new DfcAnalysis(network, x, y);
    }

    /** A DFC rule's own network on the batch, seen through its feedback and controller. */
    public static ControlledAnalysis of(ControlledRule rule, INDArray x, INDArray y) {
        return of(rule.controlled().network(), x, y).controlledBy(rule);
    }

    /** The same batch seen through a DFC rule's feedback Q, controller and λ (the rule must be on this network). */
    public ControlledAnalysis controlledBy(ControlledRule rule) {
        if (rule.controlled().network() != net.network()) {
            throw new IllegalArgumentException("the DFC rule controls another network than the one analysed");
        }
        return new ControlledAnalysis(this, rule);
    }

    /** r_L^-, the output at the feedforward state. */
    public INDArray output() {
        return feedforward.output();
    }

    /**
     * A rule's own directions on this batch: one training-mode step (its randomness a fixed stream; {@code epoch} is
     * 0-based) whose updates are read, never applied. A DFC rule counts the step's samples in its convergence counts.
     */
    public Updates directionsOf(LearningRule rule, int epoch) {
        Network network = net.network();
        Trace train = network.forward(feedforward.input(), Mode.TRAIN, Rng.of(0));
        Updates out = new Updates();
        rule.step(new StepContext(network, train.input(), target, train, network.loss().evaluate(train.output(), target),
                epoch, -1, Rng.of(0).child("probe"), out, () -> { }));
        return out;
    }

    /** The backprop directions (the loss gradient) on this batch. */
    public Updates backprop() {
        Updates bp = new Updates();
        BackwardPass.backprop(net.network(), trace, lossGradient, target, bp);
        return bp;
    }

    /** The damped Gauss-Newton update with damping γ (Fig. 3D). */
    public Updates gaussNewton(double damping) {
        return ReferenceUpdates.gaussNewton(net, feedforward, lossGradient, damping);
    }

    /** The damped minimum-norm update with damping γ (Fig. 3B). */
    public Updates minimumNorm(double damping) {
        return ReferenceUpdates.minimumNorm(net, feedforward, lossGradient, damping);
    }

    /** Condition 1: the relative spread of the layer norms ‖r_0‖, ..., ‖r_{L−1}‖ (Fig. 3C). */
    public double condition1() {
        return DfcMeasures.condition1(feedforward);
    }

    /** J = ∂r_L/∂v̄ of every sample, one [B, n_L, n_i] block per layer (what DFC-SSA forms each step). */
    public INDArray[] jacobians() {
        return Jacobians.preActivation(net, feedforward);
    }

    /** J of one sample, n_L × Σ n_i. */
    public double[][] jacobian(int sample) {
        return Jacobians.ofSample(jacobians(), sample);
    }

    /** The damped pseudo-inverse Jᵀ(JJᵀ + γI)⁻¹ of a sample's J (γ = 0: the Moore-Penrose pseudo-inverse J†). */
    public static double[][] dampedPseudoInverse(double[][] j, double gamma) {
        return SmallMatrices.dampedPseudoInverse(j, gamma);
    }

    /** Whether every eigenvalue of J Q has a positive real part, as Conditions 2 and 3 require of the feedback Q. */
    public static boolean positiveSpectrum(double[][] j, double[][] q) {
        double[][] jq = SmallMatrices.multiply(j, q);
        double[][] negated = new double[jq.length][jq.length];
        for (int r = 0; r < jq.length; r++) {
            for (int c = 0; c < jq.length; c++) {
                negated[r][c] = -jq[r][c];
            }
        }
        return SmallMatrices.maxRealEigenvalue(negated) < 0;
    }

    ControlledNetwork network() {
        return net;
    }

    NetworkState feedforward() {
        return feedforward;
    }

    INDArray lossGradient() {
        return lossGradient;
    }
}
