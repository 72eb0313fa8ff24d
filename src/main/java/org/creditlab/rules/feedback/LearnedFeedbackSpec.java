package org.creditlab.rules.feedback;

import java.util.Optional;
import org.creditlab.nn.Init;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.RuleTraits;

/**
 * Settings of a learned-feedback rule (Kunin et al. 2020). The presets use the coefficients of the reference code's
 * {@code params.py} defaults:
 *
 * <ul>
 *   <li>weight mirror "wm": 1e-3·Decay + 1e-3·Amp (fixed point B = (β/2α)ΣWᵀ);</li>
 *   <li>information alignment "ia": 2e-3·Amp + 1e-3·Null + 1e-3·Decay (B = (α/2)ΣWᵀ(βWΣWᵀ + γI)⁻¹);</li>
 *   <li>symmetric alignment "sa": 1e-3·Decay + 2e-3·Self (B = Wᵀ);</li>
 *   <li>activation alignment "aa": 1e-3·Sparse + 2e-3·Amp (B = Wᵀ on the span of the data);</li>
 *   <li>Kolen-Pollack "kp" as Akrout et al. 2019 define it ("Deep learning without weight transport", arXiv
 *   1904.05391, eqs. 16-17; {@code fcnn/FCNN_KP.py}): B receives W's transposed update and no decay term of its own.
 *   B must share W's optimizer (group "feedback" given no optimizer of its own, the default), so that B and Wᵀ take
 *   the same step, weight decay included: then B − Wᵀ only decays, and B aligns with Wᵀ;</li>
 *   <li>"kp-kunin", Kolen-Pollack as Kunin et al.'s code runs it ({@code Kolen_Pollack} in
 *   {@code Alignments/alignment.py}, α = 1e-3): tied updates plus 1e-3·Decay, a decay of 2e-3·B, while W decays by
 *   the model's L2 (1e-4), which B does not get (give B the forward optimizer without weight decay, as
 *   {@code papers.kunin.KuninStudy} does). B forgets old updates 20 times faster than W, so B − Wᵀ does not shrink to
 *   zero.</li>
 * </ul>
 *
 * <p>B is drawn He-normal by default: the reference code draws B with W's own initialiser ({@code Layers/layers.py}),
 * and the networks of the Kunin studies draw W He-normal. For a network initialised otherwise, pass W's initialiser
 * ({@code toBuilder().feedback(...)}).
 *
 * <p><b>Not implemented</b>, off in the reference code by default: {@code alternate_step_freq}; the centring and
 * normalising options of the regulariser's inputs and outputs; information alignment's {@code reconstruction_amp},
 * {@code reconstruction_reversal} and {@code use_sparse}; schedules of the coefficients; {@code activation_forward},
 * {@code activation_backward} and {@code update_forward}. The configurations of the paper's reported runs (the
 * {@code .pkl} files that {@code config/get_configs.sh} downloads from S3) are not in the repository, so which of these
 * the paper used cannot be checked, and the presets keep the code's defaults. {@code delay_epochs} ({@link
 * #delayEpochs}) and {@code input_distribution} ({@link #input}) are implemented.
 *
 * @param label         the rule's name in run ids and tables ("wm", "ia", ... or your own): its {@link #ruleName()}
 * @param alignment     the regulariser B descends
 * @param tied          add W's transposed gradient to B's (Kolen-Pollack's tied updates)
 * @param feedback      how B is initialised (default He-normal, with W's fans)
 * @param alignmentRate multiplies ∇_B R (the code's alignment_rate), default 1
 * @param input         what the regulariser sees: the batch's activity (default) or white noise
 * @param inputStd      the noise's standard deviation (for NORMAL and UNIFORM)
 * @param delayEpochs   epochs at the start in which only B learns (the task loss is off)
 */
public record LearnedFeedbackSpec(String label, Alignment alignment, boolean tied, FeedbackInit feedback,
                                  double alignmentRate, MirrorInput input, double inputStd, int delayEpochs) implements RuleSpec {

    public LearnedFeedbackSpec {
        if (label == null || !label.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("a learned-feedback rule needs a label of lower-case letters, digits, '_' or '-', got '" + label + "'");
        }
        alignment = alignment == null ? Alignment.none() : alignment;
        feedback = feedback == null ? defaultFeedback() : feedback;
        input = input == null ? MirrorInput.ACTIVITY : input;
        if (!(alignmentRate >= 0) || !(inputStd >= 0) || delayEpochs < 0) {
            throw new IllegalArgumentException("alignmentRate and inputStd must be >= 0 and delayEpochs >= 0");
        }
        if (alignment.terms().isEmpty() && !tied) {
            throw new IllegalArgumentException("rule '" + label + "' has neither alignment terms nor tied updates: B would never learn (that is FA)");
        }
    }

    /** One settings record serves several named rules, so the name is a setting ("label" in stored configurations). */
    @Override
    public String ruleName() {
        return label;
    }

    /** A learned-feedback rule from any composition of primitives, with the defaults of the options. */
    public static LearnedFeedbackSpec of(String label, Alignment alignment) {
        return new LearnedFeedbackSpec(label, alignment, false, defaultFeedback(), 1, MirrorInput.ACTIVITY, 1, 0);
    }

    public static LearnedFeedbackSpec weightMirror() {
        return of("wm", Alignment.of(1e-3, Primitive.DECAY).plus(1e-3, Primitive.AMP));
    }

    public static LearnedFeedbackSpec informationAlignment() {
        return of("ia", Alignment.of(2e-3, Primitive.AMP).plus(1e-3, Primitive.NULL).plus(1e-3, Primitive.DECAY));
    }

    public static LearnedFeedbackSpec symmetricAlignment() {
        return of("sa", Alignment.of(1e-3, Primitive.DECAY).plus(2e-3, Primitive.SELF));
    }

    public static LearnedFeedbackSpec activationAlignment() {
        return of("aa", Alignment.of(1e-3, Primitive.SPARSE).plus(2e-3, Primitive.AMP));
    }

    /** Akrout et al.'s Kolen-Pollack: tied updates; B's decay is W's, from the optimizer they share. */
    public static LearnedFeedbackSpec kolenPollack() {
        return new LearnedFeedbackSpec("kp", Alignment.none(), true, defaultFeedback(), 1, MirrorInput.ACTIVITY, 1, 0);
    }

    /** Kolen-Pollack as Kunin et al.'s code runs it: tied updates plus 1e-3·Decay on B, none of W's weight decay. */
    public static LearnedFeedbackSpec kolenPollackKunin() {
        return new LearnedFeedbackSpec("kp-kunin", Alignment.of(1e-3, Primitive.DECAY), true, defaultFeedback(), 1,
                MirrorInput.ACTIVITY, 1, 0);
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code LearnedFeedbackSpec.weightMirror().toBuilder().alignmentRate(50).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private String label;
        private Alignment alignment;
        private boolean tied;
        private FeedbackInit feedback;
        private double alignmentRate;
        private MirrorInput input;
        private double inputStd;
        private int delayEpochs;

        private Builder(LearnedFeedbackSpec s) {
            label = s.label;
            alignment = s.alignment;
            tied = s.tied;
            feedback = s.feedback;
            alignmentRate = s.alignmentRate;
            input = s.input;
            inputStd = s.inputStd;
            delayEpochs = s.delayEpochs;
        }

        public Builder label(String value) { label = value; return this; }
        public Builder alignment(Alignment value) { alignment = value; return this; }
        public Builder tied(boolean value) { tied = value; return this; }
        public Builder feedback(FeedbackInit value) { feedback = value; return this; }
        public Builder alignmentRate(double value) { alignmentRate = value; return this; }
        public Builder input(MirrorInput value) { input = value; return this; }
        public Builder inputStd(double value) { inputStd = value; return this; }
        public Builder delayEpochs(int value) { delayEpochs = value; return this; }

        public LearnedFeedbackSpec build() {
            return new LearnedFeedbackSpec(label, alignment, tied, feedback, alignmentRate, input, inputStd,
                    delayEpochs);
        }
    }

    private static FeedbackInit defaultFeedback() {
        return new FeedbackInit(Init.heNormal());
    }

    /**
     * 2 for rules with a data-dependent primitive (Amp, Null, Sparse), whose projections gained the layer's bias (as in
     * the reference code; numbers change only on layers with a bias); 1 for those built from Decay and Self alone
     * (symmetric alignment, Kolen-Pollack), whose code did not change.
     */
    @Override
    public int algorithmVersion() {
        return alignment.terms().stream().map(Alignment.Term::primitive)
                .anyMatch(p -> p == Primitive.AMP || p == Primitive.NULL || p == Primitive.SPARSE) ? 2 : 1;
    }

    @Override
    public Optional<RuleTraits> traits() {
        return Optional.of(RuleTraits.backward(RuleTraits.Transport.NONE, tied ? "B takes W's update (tied)"
                : alignment.local() ? "B learned by local terms" : "B's learning reads W (non-local terms)"));
    }

    @Override
    public LearningRule create(Network network, long seed) {
        return new LearnedFeedback(network, this, seed);
    }
}
