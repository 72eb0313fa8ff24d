package org.creditlab.benchmark;

import java.util.List;
import java.util.Optional;

/** The benchmark's runs: its scale and one {@link RuleResult} per rule, in registry order. */
public record BenchmarkResult(BenchmarkScale scale, List<RuleResult> rules) {

    public BenchmarkResult {
        rules = List.copyOf(rules);
    }

    /** The result of the rule called {@code name}. */
    public Optional<RuleResult> rule(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
