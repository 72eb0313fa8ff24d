package org.creditlab.rules.catalogue;

import java.util.List;
import org.creditlab.rules.RuleProvider;
import org.creditlab.rules.Rules.Entry;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.copi.CopiSpec;
import org.creditlab.rules.copi.DecorrelatedBackpropSpec;
import org.creditlab.rules.dfc.DfcSpec;
import org.creditlab.rules.feedback.DirectFeedbackAlignmentSpec;
import org.creditlab.rules.feedback.DirectRandomTargetProjectionSpec;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.rules.feedback.SignSymmetry;
import org.creditlab.rules.feedback.SignSymmetrySpec;
import org.creditlab.rules.pepita.PepitaSpec;

/**
 * The project's rules, registered in {@link org.creditlab.rules.Rules} through
 * {@code META-INF/services/org.creditlab.rules.RuleProvider}. The order matters for JSON: a settings class's type name
 * is the first name it is listed under ("sign-symmetry", "learned"), and stored runs hold those names.
 */
public final class BuiltInRules implements RuleProvider {

    @Override
    public List<Entry> rules() {
        return List.of(
                new Entry("bp", BackpropSpec.class, BackpropSpec::new, "backpropagation: the exact gradient"),
                new Entry("fa", FeedbackAlignmentSpec.class, FeedbackAlignmentSpec::new, "feedback alignment: fixed random feedback B instead of Wᵀ (Lillicrap et al. 2016)"),
                new Entry("dfa", DirectFeedbackAlignmentSpec.class, DirectFeedbackAlignmentSpec::new, "direct feedback alignment: the output error projected to each layer (Nøkland 2016)"),
                new Entry("drtp", DirectRandomTargetProjectionSpec.class, DirectRandomTargetProjectionSpec::new, "direct random target projection: the target projected to each layer (Frenkel et al. 2021)"),
                new Entry("sign-symmetry", SignSymmetrySpec.class, () -> new SignSymmetrySpec(SignSymmetry.Variant.USF), "sign-concordant feedback (Liao et al. 2016); see usf, brsf, frsf"),
                new Entry("usf", SignSymmetrySpec.class, () -> new SignSymmetrySpec(SignSymmetry.Variant.USF), "sign symmetry, uniform magnitudes"),
                new Entry("brsf", SignSymmetrySpec.class, () -> new SignSymmetrySpec(SignSymmetry.Variant.BRSF), "sign symmetry, magnitudes redrawn every batch"),
                new Entry("frsf", SignSymmetrySpec.class, () -> new SignSymmetrySpec(SignSymmetry.Variant.FRSF), "sign symmetry, fixed random magnitudes"),
                new Entry("learned", LearnedFeedbackSpec.class, LearnedFeedbackSpec::symmetricAlignment, "feedback learned from any composition of Kunin et al.'s primitives"),
                new Entry("wm", LearnedFeedbackSpec.class, LearnedFeedbackSpec::weightMirror, "weight mirror: Decay + Amp (Akrout et al. 2019; Kunin et al. 2020)"),
                new Entry("ia", LearnedFeedbackSpec.class, LearnedFeedbackSpec::informationAlignment, "information alignment: Amp + Null + Decay (Kunin et al. 2020)"),
                new Entry("sa", LearnedFeedbackSpec.class, LearnedFeedbackSpec::symmetricAlignment, "symmetric alignment: Decay + Self (Kunin et al. 2020)"),
                new Entry("aa", LearnedFeedbackSpec.class, LearnedFeedbackSpec::activationAlignment, "activation alignment: Sparse + Amp (Kunin et al. 2020)"),
                new Entry("kp", LearnedFeedbackSpec.class, LearnedFeedbackSpec::kolenPollack, "Kolen-Pollack: B takes W's transposed update and W's weight decay (Kolen and Pollack 1994; Akrout et al. 2019)"),
                new Entry("kp-kunin", LearnedFeedbackSpec.class, LearnedFeedbackSpec::kolenPollackKunin, "Kolen-Pollack as Kunin et al.'s code: tied updates plus 1e-3·Decay on B (give B an optimizer without weight decay)"),
                new Entry("copi", CopiSpec.class, CopiSpec::new, "COPI: decorrelated inputs, weights inferred from perturbed activity (Ahmad et al. 2023)"),
                new Entry("bp-decor", DecorrelatedBackpropSpec.class, DecorrelatedBackpropSpec::new, "COPI's baseline: gradient step on COPI's perturbations, with learned decorrelation"),
                new Entry("pepita", PepitaSpec.class, PepitaSpec::new, "PEPITA: a second forward pass on the input modulated by the projected error (Dellaferrera and Kreiman 2022)"),
                new Entry("dfc", DfcSpec.class, DfcSpec::new, "deep feedback control: a PI controller nudges every layer through feedback Q (DFC, DFC-SS, DFC-SSA)"));
    }
}
