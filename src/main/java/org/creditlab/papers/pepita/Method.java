package org.creditlab.papers.pepita;

import org.creditlab.data.DatasetName;
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
        @Override public RuleSpec spec(DatasetName dataset) { return PepitaPresets.pepita(dataset); }
    };

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** The name in tables and legends. */
    public String label() {
        return label;
    }

    /** The rule's settings for the paper's comparison (PEPITA's: the ICML code's defaults, dropout masked once). */
    public abstract RuleSpec spec();

    /**
     * The rule's settings on {@code dataset}'s preset: PEPITA's follow the code that preset reproduces
     * ({@link PepitaPresets#pepita}); the baselines' do not depend on it.
     */
    public RuleSpec spec(DatasetName dataset) {
        return spec();
    }
}
