package org.creditlab.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.MlpSpec;
import org.creditlab.notebook.Profile;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.junit.jupiter.api.Test;

/** What the benchmark changes in a rule's registered defaults before its search. */
class BenchmarkPresetsTest {

    private static Experiment base(String rule, BenchmarkScale s) {
        return BenchmarkPresets.base(Entrant.named(List.of(rule)).get(0), s);
    }

    @Test
    void feedbackLearnedFromARegulariserIsDrawnLikeTheWeights() {
        for (BenchmarkScale s : List.of(BenchmarkScale.of(Profile.QUICK), BenchmarkScale.of(Profile.FULL))) {
            for (String rule : List.of("wm", "ia", "sa", "aa")) {
                Experiment e = base(rule, s);
                LearnedFeedbackSpec spec = (LearnedFeedbackSpec) e.rule();
                assertEquals(((MlpSpec) e.network()).weightInit(), spec.feedback().init(), rule);
                LearnedFeedbackSpec registered = (LearnedFeedbackSpec) Entrant.named(List.of(rule)).get(0).spec();
                assertEquals(registered.toBuilder().feedback(spec.feedback()).build(), spec, rule + ": nothing else changes");
            }
            // Kolen-Pollack's B follows W through its tied updates, FA's is fixed: both keep their registered draw
            for (String rule : List.of("kp", "kp-kunin", "fa")) {
                Experiment e = base(rule, s);
                assertEquals(Entrant.named(List.of(rule)).get(0).spec(), e.rule(), rule);
            }
            assertEquals(FeedbackAlignmentSpec.class, base("fa", s).rule().getClass());
        }
    }
}
