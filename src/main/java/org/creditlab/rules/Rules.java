package org.creditlab.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.dfc.DfcSpec;
import org.creditlab.rules.feedback.DirectFeedbackAlignmentSpec;
import org.creditlab.rules.feedback.DirectRandomTargetProjectionSpec;
import org.creditlab.rules.feedback.FeedbackAlignmentSpec;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.creditlab.rules.feedback.SignSymmetry;
import org.creditlab.rules.feedback.SignSymmetrySpec;
import org.creditlab.rules.copi.CopiSpec;
import org.creditlab.rules.copi.DecorrelatedBackpropSpec;
import org.creditlab.rules.pepita.PepitaSpec;

/**
 * The catalogue of learning rules by name: what the command line's {@code --rule} and a configuration's
 * {@code "rule"} field accept. Adding a rule is one line here, next to its spec record.
 */
public final class Rules {

    /** A rule's name, its settings record, the settings used when none are given, and a one-line description. */
    public record Entry(String name, Class<? extends RuleSpec> spec, Supplier<RuleSpec> defaults, String description) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add("bp", BackpropSpec.class, BackpropSpec::new, "backpropagation: the exact gradient");
        add("fa", FeedbackAlignmentSpec.class, FeedbackAlignmentSpec::new, "feedback alignment: fixed random feedback B instead of Wᵀ (Lillicrap et al. 2016)");
        add("dfa", DirectFeedbackAlignmentSpec.class, DirectFeedbackAlignmentSpec::new, "direct feedback alignment: the output error projected to each layer (Nøkland 2016)");
        add("drtp", DirectRandomTargetProjectionSpec.class, DirectRandomTargetProjectionSpec::new, "direct random target projection: the target projected to each layer (Frenkel et al. 2021)");
        add("sign-symmetry", SignSymmetrySpec.class, () -> new SignSymmetrySpec(SignSymmetry.Variant.USF), "sign-concordant feedback (Liao et al. 2016); see usf, brsf, frsf");
        add("usf", SignSymmetrySpec.class, () -> new SignSymmetrySpec(SignSymmetry.Variant.USF), "sign symmetry, uniform magnitudes");
        add("brsf", SignSymmetrySpec.class, () -> new SignSymmetrySpec(SignSymmetry.Variant.BRSF), "sign symmetry, magnitudes redrawn every batch");
        add("frsf", SignSymmetrySpec.class, () -> new SignSymmetrySpec(SignSymmetry.Variant.FRSF), "sign symmetry, fixed random magnitudes");
        add("learned", LearnedFeedbackSpec.class, LearnedFeedbackSpec::symmetricAlignment, "feedback learned from any composition of Kunin et al.'s primitives");
        add("wm", LearnedFeedbackSpec.class, LearnedFeedbackSpec::weightMirror, "weight mirror: Decay + Amp (Akrout et al. 2019; Kunin et al. 2020)");
        add("ia", LearnedFeedbackSpec.class, LearnedFeedbackSpec::informationAlignment, "information alignment: Amp + Null + Decay (Kunin et al. 2020)");
        add("sa", LearnedFeedbackSpec.class, LearnedFeedbackSpec::symmetricAlignment, "symmetric alignment: Decay + Self (Kunin et al. 2020)");
        add("aa", LearnedFeedbackSpec.class, LearnedFeedbackSpec::activationAlignment, "activation alignment: Sparse + Amp (Kunin et al. 2020)");
        add("kp", LearnedFeedbackSpec.class, LearnedFeedbackSpec::kolenPollack, "Kolen-Pollack: B takes W's transposed update and W's weight decay (Kolen and Pollack 1994; Akrout et al. 2019)");
        add("kp-kunin", LearnedFeedbackSpec.class, LearnedFeedbackSpec::kolenPollackKunin, "Kolen-Pollack as Kunin et al.'s code: tied updates plus 1e-3·Decay on B (give B an optimizer without weight decay)");
        add("copi", CopiSpec.class, CopiSpec::new, "COPI: decorrelated inputs, weights inferred from perturbed activity (Ahmad et al. 2023)");
        add("bp-decor", DecorrelatedBackpropSpec.class, DecorrelatedBackpropSpec::new, "COPI's baseline: gradient step on COPI's perturbations, with learned decorrelation");
        add("pepita", PepitaSpec.class, PepitaSpec::new, "PEPITA: a second forward pass on the input modulated by the projected error (Dellaferrera and Kreiman 2022)");
        add("dfc", DfcSpec.class, DfcSpec::new, "deep feedback control: a PI controller nudges every layer through feedback Q (DFC, DFC-SS, DFC-SSA)");
    }

    private Rules() {}

    private static void add(String name, Class<? extends RuleSpec> spec, Supplier<RuleSpec> defaults, String description) {
        ENTRIES.put(name, new Entry(name, spec, defaults, description));
    }

    public static Map<String, Entry> all() {
        return Collections.unmodifiableMap(ENTRIES);
    }

    /** The entry for {@code name}; the error lists the known names. */
    public static Entry entry(String name) {
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown rule '" + name + "'; known rules: " + String.join(", ", ENTRIES.keySet()));
        }
        return e;
    }

    /** The rule's settings with their documented defaults. */
    public static RuleSpec defaults(String name) {
        return entry(name).defaults().get();
    }

    /**
     * The JSON type name of each settings class: the name it was first registered under (so register a class's
     * generic name before the presets that share it).
     */
    public static Map<Class<? extends RuleSpec>, String> typeNames() {
        Map<Class<? extends RuleSpec>, String> m = new LinkedHashMap<>();
        ENTRIES.values().forEach(e -> m.putIfAbsent(e.spec(), e.name()));
        return m;
    }

    /** The registered name of a spec's class (its first registration). */
    public static String nameOf(RuleSpec spec) {
        for (Entry e : ENTRIES.values()) {
            if (e.spec().isInstance(spec)) {
                return e.name();
            }
        }
        throw new IllegalArgumentException(spec.getClass().getName() + " is not registered in Rules");
    }
}
