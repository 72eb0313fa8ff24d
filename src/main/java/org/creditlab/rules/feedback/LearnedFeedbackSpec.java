package org.creditlab.rules.feedback;

import org.creditlab.nn.Init;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;

/**
 * Settings of a learned-feedback rule (Kunin et al. 2020). The presets use the coefficients of the reference code's
 * {@code params.py}:
 *
 * <ul>
 *   <li>weight mirror "wm": 1e-3·Decay + 1e-3·Amp (fixed point B = (β/2α)ΣWᵀ);</li>
 *   <li>information alignment "ia": 2e-3·Amp + 1e-3·Null + 1e-3·Decay (B = (α/2)ΣWᵀ(βWΣWᵀ + γI)⁻¹);</li>
 *   <li>symmetric alignment "sa": 1e-3·Decay + 2e-3·Self (B = Wᵀ);</li>
 *   <li>activation alignment "aa": 1e-3·Sparse + 2e-3·Amp (B = Wᵀ on the span of the data);</li>
 *   <li>Kolen-Pollack "kp": 1e-3·Decay plus tied updates.</li>
 * </ul>
 *
 * @param label         the rule's name in tables ("wm", "ia", ... or your own)
 * @param alignment     the regulariser B descends
 * @param tied          add W's transposed gradient to B's (Kolen-Pollack's tied updates)
 * @param feedback      how B is initialised (default N(0, 1/fan_in), TF's variance scaling as in the reference code)
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

    public static LearnedFeedbackSpec kolenPollack() {
        return new LearnedFeedbackSpec("kp", Alignment.of(1e-3, Primitive.DECAY), true, defaultFeedback(), 1,
                MirrorInput.ACTIVITY, 1, 0);
    }

    public LearnedFeedbackSpec withLabel(String l) { return new LearnedFeedbackSpec(l, alignment, tied, feedback, alignmentRate, input, inputStd, delayEpochs); }
    public LearnedFeedbackSpec withAlignment(Alignment a) { return new LearnedFeedbackSpec(label, a, tied, feedback, alignmentRate, input, inputStd, delayEpochs); }
    public LearnedFeedbackSpec withAlignmentRate(double r) { return new LearnedFeedbackSpec(label, alignment, tied, feedback, r, input, inputStd, delayEpochs); }
    public LearnedFeedbackSpec withInput(MirrorInput i, double std) { return new LearnedFeedbackSpec(label, alignment, tied, feedback, alignmentRate, i, std, delayEpochs); }
    public LearnedFeedbackSpec withDelayEpochs(int d) { return new LearnedFeedbackSpec(label, alignment, tied, feedback, alignmentRate, input, inputStd, d); }
    public LearnedFeedbackSpec withFeedback(FeedbackInit f) { return new LearnedFeedbackSpec(label, alignment, tied, f, alignmentRate, input, inputStd, delayEpochs); }

    private static FeedbackInit defaultFeedback() {
        return new FeedbackInit(new Init(Init.Kind.HE_NORMAL, Math.sqrt(0.5)));
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
    public LearningRule create(Network network, long seed) {
        return new LearnedFeedback(network, this, seed);
    }
}
