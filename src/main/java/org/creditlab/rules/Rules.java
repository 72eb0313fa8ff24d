package org.creditlab.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.rules.dfc.DfcSpec;

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

    /** The registered name of a spec's rule. */
    public static String nameOf(RuleSpec spec) {
        for (Entry e : ENTRIES.values()) {
            if (e.spec().isInstance(spec)) {
                return e.name();
            }
        }
        throw new IllegalArgumentException(spec.getClass().getName() + " is not registered in Rules");
    }
}
