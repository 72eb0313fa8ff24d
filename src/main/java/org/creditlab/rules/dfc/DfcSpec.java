package org.creditlab.rules.dfc;

import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.creditlab.nn.Network;
import org.creditlab.nn.Precision;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.RuleTraits;

/**
 * Settings of Deep Feedback Control (Meulemans et al., NeurIPS 2021). The defaults are the reference code's
 * Fashion-MNIST DFC-SSA configuration with trained feedback ({@code configs_fmnist/fmnist_dfc_ssa.py}); the published
 * configurations of every Table 1 and Figure 3 run are in {@code org.creditlab.papers.dfc.DfcPresets}.
 *
 * @param variant             how forward weights learn: DFC (time-averaged), DFC-SS (steady state), DFC-SSA
 *                            (analytical steady state)
 * @param trainFeedback       train Q in sleep phases (Xavier-normal start), or keep it fixed at the weight product
 *                            Q_i = W_{i+1}ᵀ⋯W_Lᵀ (the "(fixed)" rows of Table 1)
 * @param targetStepsize      λ: r_L* = r_L^- − λ ∂L/∂r_L, with the gradient of the batch-mean loss (default 0.0561)
 * @param forward             the controller of the forward (wake) phase; DFC-SSA uses only its α
 * @param sleep               the controller of the feedback (sleep) phase, with its noise σ_fb
 * @param pretrainEpochs      epochs of feedback training before the first forward epoch (the code's epochs_fb, 10),
 *                            stepped by the optimizer of group "feedback_init" (the code's separate initialisation
 *                            optimizer; "default" serves if the experiment names none); later feedback epochs use group
 *                            "feedback"
 * @param extraSleepEpochs    feedback epochs after each forward epoch besides the one before it (extra_fb_epochs, 2)
 * @param sleepBatches        batches per feedback epoch (0: all; a smaller number scales the phase down)
 * @param trainOutputFeedback train Q_L as well (the code's freeze_fb_weights_output is true for Fashion-MNIST and
 *                            the autoencoder, so the default is false: Q_L stays I)
 * @param includeNonConverged let samples whose simulation did not converge contribute to the update (DFC, DFC-SS)
 * @param convergenceTest     which samples count as converged (DFC, DFC-SS): each against its own start error
 *                            ({@link ConvergenceTest#PER_SAMPLE}, the default, then left out of the JSON so that earlier
 *                            run ids do not move), or the reference code's efficient controller's test
 *                            ({@link ConvergenceTest#REFERENCE_CODE}, for comparisons with the published runs)
 * @param sleepPrecision      the floating-point type of the sleep phase's simulation: float64 (the default, as the
 *                            paper's code runs, then left out of the JSON so that earlier run ids do not move) or float32,
 *                            whose matrix products take about half the time; Q itself and its updates stay float64. The
 *                            sleep phase has no convergence test, and its rounding (1e-7) lies far below its noise
 *                            (σ·√dt/τ_A per step), so float32 changes Q's updates by rounding only ({@code
 *                            SleepPrecisionTest} measures it); the forward phase always runs in float64
 */
public record DfcSpec(Variant variant, boolean trainFeedback, double targetStepsize, Controller forward,
                      Controller sleep, int pretrainEpochs, int extraSleepEpochs, int sleepBatches,
                      boolean trainOutputFeedback, boolean includeNonConverged,
                      @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultTestFilter.class)
                      ConvergenceTest convergenceTest,
                      @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultPrecisionFilter.class)
                      Precision sleepPrecision) implements RuleSpec {

    /** The three ways forward weights learn. */
    public enum Variant {
        /** The continuous rule averaged over the simulation. */
        DFC("dfc"),
        /** The rule applied at the simulated steady state. */
        DFC_SS("dfc-ss"),
        /** The rule applied at the analytical steady state u = (JQ + αI)^{-1} δ. */
        DFC_SSA("dfc-ssa");

        private final String key;

        Variant(String key) {
            this.key = key;
        }

        /** "dfc", "dfc-ss" or "dfc-ssa". */
        public String key() {
            return key;
        }

        ForwardLearning create(Controller forward, DynamicsCache buffers, boolean includeNonConverged,
                               ConvergenceTest test) {
            return switch (this) {
                case DFC -> new TimeAveragedUpdate(forward, buffers, includeNonConverged, Convergence.EPSILON, test);
                case DFC_SS -> new SteadyStateUpdate(forward, buffers, includeNonConverged, Convergence.EPSILON, test);
                case DFC_SSA -> new AnalyticUpdate(forward.alpha());
            };
        }
    }

    public DfcSpec {
        if (convergenceTest == null) {
            convergenceTest = ConvergenceTest.PER_SAMPLE;
        }
        if (sleepPrecision == null) {
            sleepPrecision = Precision.FLOAT64;
        }
        if (variant == null || forward == null || sleep == null) {
            throw new IllegalArgumentException("DFC needs a variant and the controllers of both phases");
        }
        if (!(targetStepsize > 0) || Double.isInfinite(targetStepsize)) {
            throw new IllegalArgumentException("the target stepsize λ must be finite and > 0, got " + targetStepsize);
        }
        if (pretrainEpochs < 0 || extraSleepEpochs < 0 || sleepBatches < 0) {
            throw new IllegalArgumentException("epoch and batch counts of the sleep phase must be >= 0");
        }
        if (trainFeedback && !sleep.noisy()) {
            throw new IllegalArgumentException("feedback learning needs noise in the sleep phase (σ > 0)");
        }
        if (!trainFeedback && sleepPrecision != Precision.FLOAT64) {
            throw new IllegalArgumentException("sleepPrecision " + sleepPrecision + " with fixed feedback: there is no sleep "
                    + "phase to run in it; leave sleepPrecision at FLOAT64 or train the feedback");
        }
    }

    /** The code's Fashion-MNIST DFC-SSA run with trained feedback. */
    public DfcSpec() {
        this(Variant.DFC_SSA, true, 0.056066652694809475,
                Controller.of(2.0607985040655872e-4, 0, 0.001, 300, 0.005, false),
                new Controller(0.23370420882566645, 0.006426940850583915, 0.003097349374603956, 34,
                        0.00547324603685296, 0.13465111151646356, false, true, 0.002451309464861252, 0.002451309464861252),
                10, 2, 0, false, false);
    }

    /** With the per-sample convergence test. */
    public DfcSpec(Variant variant, boolean trainFeedback, double targetStepsize, Controller forward, Controller sleep,
                   int pretrainEpochs, int extraSleepEpochs, int sleepBatches, boolean trainOutputFeedback,
                   boolean includeNonConverged) {
        this(variant, trainFeedback, targetStepsize, forward, sleep, pretrainEpochs, extraSleepEpochs, sleepBatches,
                trainOutputFeedback, includeNonConverged, ConvergenceTest.PER_SAMPLE, Precision.FLOAT64);
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code new DfcSpec().toBuilder().variant(Variant.DFC).sleepBatches(10).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private Variant variant;
        private boolean trainFeedback;
        private double targetStepsize;
        private Controller forward;
        private Controller sleep;
        private int pretrainEpochs;
        private int extraSleepEpochs;
        private int sleepBatches;
        private boolean trainOutputFeedback;
        private boolean includeNonConverged;
        private ConvergenceTest convergenceTest;
        private Precision sleepPrecision;

        private Builder(DfcSpec s) {
            variant = s.variant;
            trainFeedback = s.trainFeedback;
            targetStepsize = s.targetStepsize;
            forward = s.forward;
            sleep = s.sleep;
            pretrainEpochs = s.pretrainEpochs;
            extraSleepEpochs = s.extraSleepEpochs;
            sleepBatches = s.sleepBatches;
            trainOutputFeedback = s.trainOutputFeedback;
            includeNonConverged = s.includeNonConverged;
            convergenceTest = s.convergenceTest;
            sleepPrecision = s.sleepPrecision;
        }

        public Builder variant(Variant value) { variant = value; return this; }
        public Builder trainFeedback(boolean value) { trainFeedback = value; return this; }
        public Builder targetStepsize(double value) { targetStepsize = value; return this; }
        public Builder forward(Controller value) { forward = value; return this; }
        public Builder sleep(Controller value) { sleep = value; return this; }
        public Builder pretrainEpochs(int value) { pretrainEpochs = value; return this; }
        public Builder extraSleepEpochs(int value) { extraSleepEpochs = value; return this; }
        public Builder sleepBatches(int value) { sleepBatches = value; return this; }
        public Builder trainOutputFeedback(boolean value) { trainOutputFeedback = value; return this; }
        public Builder includeNonConverged(boolean value) { includeNonConverged = value; return this; }
        public Builder convergenceTest(ConvergenceTest value) { convergenceTest = value; return this; }
        public Builder sleepPrecision(Precision value) { sleepPrecision = value; return this; }

        public DfcSpec build() {
            return new DfcSpec(variant, trainFeedback, targetStepsize, forward, sleep, pretrainEpochs, extraSleepEpochs,
                    sleepBatches, trainOutputFeedback, includeNonConverged, convergenceTest, sleepPrecision);
        }
    }

    /**
     * The variant and feedback in run ids and tables: "dfc", "dfc-ss", "dfc-ssa", with "-fixed" for fixed feedback and
     * "-f32" for a float32 sleep phase.
     */
    @Override
    public String ruleName() {
        return variant.key() + (trainFeedback ? "" : "-fixed") + (sleepPrecision == Precision.FLOAT32 ? "-f32" : "");
    }

    @Override
    public Optional<RuleTraits> traits() {
        return Optional.of(RuleTraits.direct(trainFeedback ? RuleTraits.Transport.NONE : RuleTraits.Transport.EXACT,
                "controller dynamics through Q" + (trainFeedback ? ", trained in sleep phases" : " fixed at the weight product")));
    }

    @Override
    public LearningRule create(Network network, long seed) {
        return new DeepFeedbackControl(this, network, seed);
    }

    /**
     * 2 for runs whose simulation is noisy (trained feedback, whose sleep phase injects noise, or a noisy forward
     * controller): the apical noise is now drawn from the batch's own Java stream instead of ND4J's native generator
     * (the same distribution, other draws; several times faster). 1 for the others, whose numbers did not change.
     */
    @Override
    public int algorithmVersion() {
        return trainFeedback || forward.noisy() ? 2 : 1;
    }

    /** A Jackson value filter that leaves a field out of the JSON at its default, so that earlier run ids do not move. */
    abstract static class OmitDefault {
        private final Object defaultValue;

        OmitDefault(Object defaultValue) {
            this.defaultValue = defaultValue;
        }

        @Override
        public boolean equals(Object other) {
            return other == null || other == defaultValue;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** Leaves the default test out of the JSON (see {@link #convergenceTest()}). */
    static final class DefaultTestFilter extends OmitDefault {
        DefaultTestFilter() {
            super(ConvergenceTest.PER_SAMPLE);
        }
    }

    /** Leaves the default float64 sleep phase out of the JSON (see {@link #sleepPrecision()}). */
    static final class DefaultPrecisionFilter extends OmitDefault {
        DefaultPrecisionFilter() {
            super(Precision.FLOAT64);
        }
    }
}
