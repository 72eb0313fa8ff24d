package org.creditlab.benchmark;

/**
 * What the benchmark needs to know about a rule besides its registered defaults: the network form it runs on and its
 * search space. Built-in rules have theirs in {@link BenchmarkPresets}; any other rule gets {@link #standard()} unless
 * its author declares one ({@link BenchmarkPresets#declare}).
 */
public record RuleSetup(NetworkForm network, SearchSpace space) {

    public RuleSetup {
        if (network == null || space == null) {
            throw new IllegalArgumentException("a rule's benchmark setup needs a network form and a search space");
        }
    }

    /** The plain network and {@link BenchmarkPresets#LEARNING_RATES} alone. */
    public static RuleSetup standard() {
        return new RuleSetup(NetworkForm.PLAIN, BenchmarkPresets.LEARNING_RATES);
    }

    /** The plain network with {@code space}. */
    public static RuleSetup of(SearchSpace space) {
        return new RuleSetup(NetworkForm.PLAIN, space);
    }
}
