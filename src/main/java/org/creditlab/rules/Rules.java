package org.creditlab.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.creditlab.util.Services;

/**
 * The open catalogue of learning rules by name: what the command line's {@code --rule}, a configuration's
 * {@code "rule"} field and {@link RuleSpec#ruleName()} resolve against. It holds no rule of its own, so the seam
 * depends on no rule family:
 *
 * <ul>
 *   <li>the built-in rules come from the {@link RuleProvider} services on the class path (the project's own is
 *       {@code org.creditlab.rules.catalogue.BuiltInRules}), loaded on first use;</li>
 *   <li>anyone adds a rule with {@link #register}, e.g. in a notebook cell:
 *       {@code Rules.register("fa-norm", NormFaSpec.class, NormFaSpec::new, "FA with B rescaled to ‖W‖")}; a
 *       jar of rules can list a {@link RuleProvider} in {@code META-INF/services} instead.</li>
 * </ul>
 *
 * <p>JSON reads and writes look rule types up here each time ({@link RuleTypes}), so a rule registered after start-up
 * stores, resumes and loads like a built-in one.
 */
public final class Rules {

    /**
     * A rule's name, its settings record, the settings used when none are given, and a one-line description.
     *
     * @param name the name in {@code --rule}, in JSON ({@code "rule": name}) and, unless the spec overrides
     *             {@link RuleSpec#ruleName()}, in run ids: letters, digits, '.', '_' and '-'
     */
    public record Entry(String name, Class<? extends RuleSpec> spec, Supplier<? extends RuleSpec> defaults, String description) {
        public Entry {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("a rule's name is part of run ids and folder names: use letters, digits, '.', '_'"
                        + " and '-', starting with a letter or digit, e.g. 'fa-norm'; got " + (name == null ? "null" : "'" + name + "'"));
            }
            if (spec == null || defaults == null) {
                throw new IllegalArgumentException("rule '" + name + "' needs its settings class and a supplier of its defaults");
            }
            description = description == null ? "" : description;
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static boolean providersLoaded;
    private static volatile long generation;

    private Rules() {}

    /**
     * Adds a rule under {@code name}. {@code defaults} must give an instance of {@code spec} (it is called once here
     * to check). Registering a name again is allowed for a class of the same simple name, the case of a notebook cell
     * that redefines its rule and is run again; the new class replaces the old one. Any other reuse of a name is
     * refused.
     *
     * @return the entry added
     */
    public static <S extends RuleSpec> Entry register(String name, Class<S> spec, Supplier<? extends S> defaults, String description) {
        return register(new Entry(name, spec, defaults, description));
    }

    /** Adds {@code entry}; see {@link #register(String, Class, Supplier, String)}. */
    public static synchronized Entry register(Entry entry) {
        loadProviders();
        add(entry);
        return entry;
    }

    /** Every registered rule by name, built-in ones first, in registration order. */
    public static synchronized Map<String, Entry> all() {
        loadProviders();
        return Collections.unmodifiableMap(new LinkedHashMap<>(ENTRIES));
    }

    /** How a rule of one's own becomes known, for the messages that find it missing. */
    public static final String OWN_RULES = "a rule of your own needs Rules.register in the JVM that uses it, e.g. a notebook "
            + "cell; on the command line, list it in a RuleProvider (a file META-INF/services/org.creditlab.rules.RuleProvider "
            + "on the class path) and run java -cp 'target/creditlab.jar:target/lib/*:<your classes>' "
            + "org.creditlab.cli.CreditLab ..., since -jar ignores -cp";

    /** The entry for {@code name}; the error lists the known names. */
    public static synchronized Entry entry(String name) {
        loadProviders();
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown rule '" + name + "'; known rules: " + String.join(", ", ENTRIES.keySet())
                    + " (" + OWN_RULES + ")");
        }
        return e;
    }

    /** The rule's settings with their documented defaults. */
    public static RuleSpec defaults(String name) {
        return entry(name).defaults().get();
    }

    /** The JSON type name of {@code type}: the first name it was registered under. */
    public static synchronized String typeName(Class<?> type) {
        loadProviders();
        for (Entry e : ENTRIES.values()) {
            if (e.spec() == type) {
                return e.name();
            }
        }
        throw notRegistered(type);
    }

    /** The registered name of a spec's class (its first registration). */
    public static synchronized String nameOf(RuleSpec spec) {
        loadProviders();
        for (Entry e : ENTRIES.values()) {
            if (e.spec().isInstance(spec)) {
                return e.name();
            }
        }
        throw notRegistered(spec.getClass());
    }

    /**
     * Removes the rule called {@code name} from this process's registry (a test's deliberately broken rule, or a
     * notebook's experiment that should not join the benchmark); true if it was registered.
     */
    public static synchronized boolean unregister(String name) {
        loadProviders();
        if (ENTRIES.remove(name) == null) {
            return false;
        }
        generation++;
        return true;
    }

    /**
     * A number that changes whenever a registration replaces a rule's class, so that caches of JSON readers keyed
     * by rule name can be dropped ({@code results.Json} does).
     */
    public static long generation() {
        return generation;
    }

    private static IllegalArgumentException notRegistered(Class<?> type) {
        String s = type.getSimpleName();
        return new IllegalArgumentException(type.getName() + " is not a registered rule; register it first, e.g. Rules.register(\"my-rule\", "
                + s + ".class, " + s + "::new, \"what it does\")");
    }

    private static void add(Entry entry) {
        RuleSpec d = entry.defaults().get();
        if (!entry.spec().isInstance(d)) {
            throw new IllegalArgumentException("rule '" + entry.name() + "': its defaults are a "
                    + (d == null ? "null" : d.getClass().getName()) + ", not a " + entry.spec().getName());
        }
        Entry old = ENTRIES.get(entry.name());
        if (old != null) {
            if (!old.spec().getSimpleName().equals(entry.spec().getSimpleName())) {
                throw new IllegalArgumentException("rule '" + entry.name() + "' is registered already, for " + old.spec().getName()
                        + "; choose another name for " + entry.spec().getName());
            }
            if (old.spec() != entry.spec()) {
                generation++;
                // a notebook cell run again after an edit: the run ids hash the settings, not the code
                System.err.println("rule '" + entry.name() + "' is registered again, with a new class: its runs already stored "
                        + "load as they are unless its code is fingerprinted (a compiled class outside a notebook) or its "
                        + "algorithmVersion() changes; while changing the rule, train with Runner.standard().noStore()");
            }
        }
        ENTRIES.put(entry.name(), entry);
    }

    /** The providers' rules, once; a provider's own failure names it. */
    private static void loadProviders() {
        if (providersLoaded) {
            return;
        }
        providersLoaded = true;
        for (RuleProvider p : Services.load(RuleProvider.class)) {
            p.rules().forEach(Rules::add);
        }
    }
}
