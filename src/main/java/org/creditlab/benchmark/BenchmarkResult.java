package org.creditlab.benchmark;

import java.util.List;
import java.util.Optional;

/**
 * The benchmark's runs: its scale, one {@link RuleResult} per rule, in registry order, and the sitting that timed their
 * chosen settings against backprop's, if one is kept ({@link EpochCosts}).
 */
public record BenchmarkResult(BenchmarkScale scale, List<RuleResult> rules, Optional<EpochCosts> costs) {

    public BenchmarkResult {
        rules = List.copyOf(rules);
        costs = costs == null ? Optional.empty() : costs;
    }

    /** Runs without a timing sitting. */
    public BenchmarkResult(BenchmarkScale scale, List<RuleResult> rules) {
        this(scale, rules, Optional.empty());
    }

    /** The same runs with {@code sitting}'s timing. */
    public BenchmarkResult withCosts(EpochCosts sitting) {
        return new BenchmarkResult(scale, rules, Optional.of(sitting));
    }

    /** The result of the rule called {@code name}. */
    public Optional<RuleResult> rule(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
