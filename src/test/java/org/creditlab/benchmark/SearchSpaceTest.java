package org.creditlab.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.benchmark.SearchSpace.Dimension;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.Parameter;
import org.creditlab.notebook.Profile;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.feedback.Alignment;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.rules.feedback.Primitive;
import org.creditlab.rules.pepita.PepitaSpec;
import org.creditlab.sweep.Search;
import org.junit.jupiter.api.Test;

/** Search spaces: what a trial sets, equal draws across rules, and refusals that name the setting. */
class SearchSpaceTest {
    private static final BenchmarkScale TINY = BenchmarkScale.of(Profile.QUICK).toBuilder().trainExamples(100).validation(50).testExamples(50).hidden(List.of(8))
            .epochs(1).batchSize(10).trials(3).seeds(1).probe(10).build();

    private static Entrant entrant(String name) {
        return Entrant.named(List.of(name)).get(0);
    }

    @Test
    void rulesWithTheSameRangeTryTheSameLearningRates() {
        List<Search.Planned> bp = BenchmarkStudy.search(entrant("bp"), TINY).plan();
        List<Search.Planned> fa = BenchmarkStudy.search(entrant("fa"), TINY).plan();
        assertEquals(3, bp.size());
        for (int i = 0; i < bp.size(); i++) {
            assertEquals(bp.get(i).values().get("lr"), fa.get(i).values().get("lr"));
            assertEquals(bp.get(i).experiment().optimizer().learningRate(), ((Number) bp.get(i).values().get("lr")).doubleValue());
        }
        assertNotEquals(bp.get(0).values().get("lr"), bp.get(1).values().get("lr"));
    }

    /** PEPITA diverged at every rate of the shared range on the CNN: there it searches its own, lower one. */
    @Test
    void pepitaSearchesLowerRatesOnTheCnnThanOnTheMlp() {
        BenchmarkScale cnn = BenchmarkScale.of(Profile.QUICK, Architecture.CNN).toBuilder().trials(8).build();
        BenchmarkScale mlp = BenchmarkScale.of(Profile.QUICK).toBuilder().trials(8).build();
        List<Search.Planned> onCnn = BenchmarkStudy.search(entrant("pepita"), cnn).plan();
        List<Search.Planned> onMlp = BenchmarkStudy.search(entrant("pepita"), mlp).plan();
        List<Search.Planned> bpOnCnn = BenchmarkStudy.search(entrant("bp"), cnn).plan();
        for (int i = 0; i < onCnn.size(); i++) {
            double rate = onCnn.get(i).experiment().optimizer().learningRate();
            assertTrue(rate >= 1e-5 && rate <= 3e-3, "PEPITA's CNN range: " + rate);
            double shared = onMlp.get(i).experiment().optimizer().learningRate();
            assertTrue(shared >= 1e-3 && shared <= 0.3, "the shared range on the MLP: " + shared);
            // the same quantile of a range two decades lower: the same number of trials, spread alike
            assertEquals(shared / 100, rate, 1e-12 * shared);
            assertEquals(bpOnCnn.get(i).values().get("lr"), onMlp.get(i).values().get("lr"), "other rules keep the shared range on the CNN");
        }
        assertTrue(entrant("pepita").setup().describeSpace().contains("; on the CNN: "), entrant("pepita").setup().describeSpace());
    }

    @Test
    void aTrialSetsTheRulesSettingAndGroupRates() {
        Search.Planned p = BenchmarkStudy.search(entrant("pepita"), TINY).plan().get(0);
        double scale = ((Number) p.values().get("projectionScale")).doubleValue();
        assertEquals(scale, ((PepitaSpec) p.experiment().rule()).projectionScale());
        assertTrue(scale >= 0.01 && scale <= 0.2, "in the declared range: " + scale);

        Experiment wm = BenchmarkStudy.search(entrant("wm"), TINY).plan().get(0).experiment();
        Search.Planned w = BenchmarkStudy.search(entrant("wm"), TINY).plan().get(0);
        assertEquals(((Number) w.values().get("lr_feedback")).doubleValue(), wm.optimizers().get(Parameter.FEEDBACK).learningRate());
        assertEquals(0.9, wm.optimizers().get(Parameter.FEEDBACK).momentum(), "B's optimizer is the forward one with its own rate");
    }

    @Test
    void weightMirrorAndInformationAlignmentDrawTheirAmpCoefficient() {
        for (String rule : List.of("wm", "ia")) {
            for (Search.Planned p : BenchmarkStudy.search(entrant(rule), TINY).plan()) {
                double amp = ((Number) p.values().get("amp")).doubleValue();
                assertTrue(amp >= 1e-6 && amp <= 1e-2, rule + ": in the declared range: " + amp);
                LearnedFeedbackSpec spec = (LearnedFeedbackSpec) p.experiment().rule();
                LearnedFeedbackSpec registered = (LearnedFeedbackSpec) entrant(rule).spec();
                for (int i = 0; i < spec.alignment().terms().size(); i++) {
                    Alignment.Term t = spec.alignment().terms().get(i);
                    // the Amp term takes the draw; the others keep the rule's published coefficients
                    assertEquals(t.primitive() == Primitive.AMP ? amp : registered.alignment().terms().get(i).coefficient(),
                            t.coefficient(), rule + " " + t.primitive());
                }
            }
        }
    }

    @Test
    void aListElementIsNamedByItsIndex() {
        RuleSpec wm = LearnedFeedbackSpec.weightMirror();
        int amp = BenchmarkPresets.termIndex(LearnedFeedbackSpec.weightMirror(), Primitive.AMP);
        LearnedFeedbackSpec set = (LearnedFeedbackSpec) SearchSpace.withSetting(wm, "alignment.terms." + amp + ".coefficient", 0.25);
        assertEquals(0.25, set.alignment().terms().get(amp).coefficient());
        assertEquals(Primitive.AMP, set.alignment().terms().get(amp).primitive());
        for (String bad : List.of("alignment.terms.7.coefficient", "alignment.terms.first.coefficient")) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> SearchSpace.withSetting(wm, bad, 1));
            assertTrue(x.getMessage().contains("'" + bad + "'") && x.getMessage().contains("the rule has no"), x.getMessage());
        }
    }

    @Test
    void aSettingThatIsNotANumberOfTheRuleIsRefusedByName() {
        RuleSpec pepita = new PepitaSpec();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> SearchSpace.withSetting(pepita, "nonsense", 1));
        assertTrue(x.getMessage().contains("'nonsense'") && x.getMessage().contains("pepita"), x.getMessage());
        x = assertThrows(IllegalArgumentException.class, () -> SearchSpace.withSetting(pepita, "projectionScale.inner", 1));
        assertTrue(x.getMessage().contains("not a group of settings"), x.getMessage());
    }

    @Test
    void aWholeNumberSettingIsRefusedRatherThanTruncated() {
        RuleSpec copi = new org.creditlab.rules.copi.CopiSpec();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.withSetting(copi, "decorrelationOnlyEpochs", 3.7));
        assertTrue(x.getMessage().contains("'decorrelationOnlyEpochs', a whole number"), x.getMessage());
    }

    @Test
    void atMostTwoMetaparametersBesidesTheLearningRate() {
        SearchSpace two = SearchSpace.learningRate(1e-3, 1).and(Dimension.setting("a", 1, 2)).and(Dimension.setting("b", 1, 2));
        assertThrows(IllegalArgumentException.class, () -> two.and(Dimension.setting("c", 1, 2)));
        assertThrows(IllegalArgumentException.class, () -> SearchSpace.learningRate(0, 1));
    }

    @Test
    void namesWithTheSameDefaultsAreOneEntrant() {
        List<Entrant> all = Entrant.registered();
        Entrant usf = all.stream().filter(e -> e.name().equals("usf")).findFirst().orElseThrow();
        assertEquals(List.of("sign-symmetry", "usf"), usf.aliases());
        Entrant sa = all.stream().filter(e -> e.name().equals("sa")).findFirst().orElseThrow();
        assertEquals(List.of("learned", "sa"), sa.aliases());
        assertEquals(1, all.stream().filter(e -> e.name().equals("usf")).count());
        Entrant dfc = Entrant.named(List.of("dfc")).get(0);
        assertEquals(NetworkForm.FLOAT64, dfc.setup().network(), "found by its registered name, though it runs as " + dfc.name());
    }

    @Test
    void everyTrialOfEveryRuleCrossesTheProcessBoundaryAsJson() {
        // workers and SLURM tasks receive the experiment's JSON: it must come back equal, naming only built-in diagnostics
        for (Entrant e : Entrant.registered()) {
            for (Search.Planned p : BenchmarkStudy.search(e, TINY).plan()) {
                Experiment x = p.experiment();
                assertEquals(x, Experiment.fromJson(x.toJson()), e.name());
                assertTrue(x.diagnostics().stream().allMatch(Diagnostics::isBuiltIn), x.diagnostics().toString());
            }
        }
    }
}
