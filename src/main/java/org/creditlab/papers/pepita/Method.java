package org.creditlab.papers.pepita;

import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.feedback.DirectFeedbackAlignmentSpec;
import org.creditlab.rules.feedback.DirectRandomTargetProjectionSpec;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.rules.feedback.FeedbackInit;
import org.creditlab.rules.pepita.PepitaSpec;

/**
 * The learning rules of the PEPITA paper's comparison, on the same network, dropout and optimizer. Feedback matrices
 * are drawn as in the authors' numpy code: He-uniform, U(±√(6/n_in)), for FA and DFA (and for DRTP, which the code
 * lacks).
 */
public enum Method {
    BP("BP") {
        @Override public RuleSpec spec() { return new BackpropSpec(); }
    },
    FA("FA") {
        @Override public RuleSpec spec() { return new FeedbackAlignmentSpec(FeedbackInit.heUniform()); }
    },
    DFA("DFA") {
        @Override public RuleSpec spec() { return new DirectFeedbackAlignmentSpec(FeedbackInit.heUniform()); }
    },
    DRTP("DRTP") {
        @Override public RuleSpec spec() { return new DirectRandomTargetProjectionSpec(FeedbackInit.heUniform()); }
    },
    PEPITA("PEPITA") {
        @Override public RuleSpec spec() { return new PepitaSpec(); }
    };

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** The name in tables and legends. */
    public String label() {
        return label;
    }

    /** The rule's settings for the paper's comparison. */
    public abstract RuleSpec spec();
}
