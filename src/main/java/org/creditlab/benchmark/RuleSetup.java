package org.creditlab.benchmark;

/**
 * What the benchmark needs to know about a rule besides its registered defaults: the network form it runs on and its
 * search space. Built-in rules have theirs in {@link BenchmarkPresets}; any other rule gets {@link #standard()} unless
 * its author declares one ({@link BenchmarkPresets#declare}).
 */
public record RuleSetup(NetworkForm network, SearchSpace space, SearchSpace cnnSpace) {

    /**
     * @param space    the search space (on the MLP, and on the CNN unless {@code cnnSpace} says otherwise)
     * @param cnnSpace the search space on the CNN where the rule needs another (a learning-rate range of its own),
     *                 or null
     */
    public RuleSetup {
        if (network == null || space == null) {
            throw new IllegalArgumentException("a rule's benchmark setup needs a network form and a search space");
        }
    }

    public RuleSetup(NetworkForm network, SearchSpace space) {
        this(network, space, null);
    }

    /** The search space on {@code architecture}. */
    public SearchSpace space(Architecture architecture) {
        return architecture == Architecture.CNN && cnnSpace != null ? cnnSpace : space;
    }

    /** This setup with {@code cnnSpace} searched on the CNN. */
    public RuleSetup onTheCnn(SearchSpace cnnSpace) {
        return new RuleSetup(network, space, cnnSpace);
    }

    /** The search space as a table shows it, naming the CNN's where it differs. */
    public String describeSpace() {
        return cnnSpace == null ? space.describe() : space.describe() + "; on the CNN: " + cnnSpace.describe();
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
