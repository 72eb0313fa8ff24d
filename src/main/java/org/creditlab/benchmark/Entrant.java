package org.creditlab.benchmark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.creditlab.results.Json;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.Rules;

/**
 * One row of the benchmark: a registered rule with its defaults and setup. Registered names whose defaults are the
 * same configuration (e.g. "sign-symmetry" and "usf", "learned" and "sa") train the same runs, so they are one entrant,
 * named by the configuration's own name, with the other names as aliases.
 *
 * @param name    the rule's name in run ids and tables ({@link RuleSpec#ruleName()} of its defaults)
 * @param aliases every registered name whose defaults these are
 */
public record Entrant(String name, List<String> aliases, RuleSpec spec, RuleSetup setup) {

    public Entrant {
        aliases = List.copyOf(aliases);
    }

    /** Every registered rule ({@link Rules#all()}), built-in ones first, in registration order, aliases merged. */
    public static List<Entrant> registered() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        Map<String, RuleSpec> specs = new LinkedHashMap<>();
        Rules.all().forEach((name, entry) -> {
            RuleSpec spec = entry.defaults().get();
            String key = spec.ruleName() + " " + Json.write(spec);
            specs.putIfAbsent(key, spec);
            names.computeIfAbsent(key, k -> new ArrayList<>()).add(name);
        });
        List<Entrant> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        specs.forEach((key, spec) -> {
            // a second name registered for a spec class with other defaults shares its rule name: it is known by its
            // own registered name instead, so that rows, batch keys and findings stay one per entrant
            String name = taken.contains(spec.ruleName()) ? names.get(key).get(0) : spec.ruleName();
            taken.add(name);
            out.add(of(name, spec, names.get(key)));
        });
        return out;
    }

    /**
     * The registered rules that ship with CreditLab (their specs in its packages), without any a notebook or test has
     * registered in this process: the README's table is theirs.
     */
    public static List<Entrant> builtIn() {
        return registered().stream().filter(e -> e.spec().getClass().getName().startsWith("org.creditlab.")).toList();
    }

    /** The registered rules named in {@code wanted} (a name or an alias each), in registry order. */
    public static List<Entrant> named(List<String> wanted) {
        List<Entrant> all = registered();
        List<Entrant> out = new ArrayList<>();
        for (String w : wanted) {
            Entrant e = all.stream().filter(x -> x.name().equals(w) || x.aliases().contains(w)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no registered rule '" + w + "' to benchmark; registered: "
                            + String.join(", ", Rules.all().keySet()) + " (" + Rules.OWN_RULES + ")"));
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Entrant of(String name, RuleSpec spec, List<String> aliases) {
        RuleSetup setup = BenchmarkPresets.setup(name, aliases);
        return new Entrant(name, aliases, spec, setup);
    }
}
