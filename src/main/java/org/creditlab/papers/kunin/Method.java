package org.creditlab.papers.kunin;

import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.Rules;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.rules.feedback.FeedbackInit;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;

/**
 * The rule zoo: every rule of the feedback-pathway family that the studies compare, with the studies' settings. Every
 * B (FA's and the learned ones) is drawn like W ({@link KuninPresets#WEIGHT_INIT}); the learned rules that train B
 * from a regulariser get the alignment rate {@link KuninPresets#ALIGNMENT_RATE}.
 */
public enum Method {
    BP("bp"),
    FA("fa") {
        @Override public RuleSpec spec() { return new FeedbackAlignmentSpec(new FeedbackInit(KuninPresets.WEIGHT_INIT)); }
    },
    DFA("dfa"),
    DRTP("drtp"),
    USF("usf"),
    BRSF("brsf"),
    FRSF("frsf"),
    // learned B's default initialiser is WEIGHT_INIT (KuninPresetsTest checks it)
    KP("kp") {
        @Override public RuleSpec spec() { return LearnedFeedbackSpec.kolenPollack(); }
    },
    KP_KUNIN("kp-kunin") {
        @Override public RuleSpec spec() { return LearnedFeedbackSpec.kolenPollackKunin(); }
    },
    WM("wm") {
        @Override public RuleSpec spec() { return atStudyRate(LearnedFeedbackSpec.weightMirror()); }
    },
    IA("ia") {
        @Override public RuleSpec spec() { return atStudyRate(LearnedFeedbackSpec.informationAlignment()); }
    },
    SA("sa") {
        @Override public RuleSpec spec() { return atStudyRate(LearnedFeedbackSpec.symmetricAlignment()); }
    },
    AA("aa") {
        @Override public RuleSpec spec() { return atStudyRate(LearnedFeedbackSpec.activationAlignment()); }
    };

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** The rule's name in {@code Rules}, run labels, tables and legends, e.g. "kp-kunin". */
    public String label() {
        return label;
    }

    /** The rule's settings in the MLP studies: the registered defaults unless the constant says otherwise. */
    public RuleSpec spec() {
        return Rules.defaults(label);
    }

    private static LearnedFeedbackSpec atStudyRate(LearnedFeedbackSpec s) {
        return s.toBuilder().alignmentRate(KuninPresets.ALIGNMENT_RATE).build();
    }
}
