package org.creditlab.benchmark;

import java.util.Map;
import java.util.Optional;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;

/**
 * One rule's part of the benchmark: its search, the trial chosen on validation accuracy, and the chosen setting's runs
 * over every seed. A rule that cannot run on the benchmark's network has a {@code refusal} and nothing else; a rule
 * whose every trial diverged (or is not run yet) has no choice and no final runs.
 */
public record RuleResult(Entrant entrant, String refusal, SearchResult search, SearchResult.TrialResult chosen,
                         SeedRuns finals) {

    static RuleResult refused(Entrant e, String why) {
        return new RuleResult(e, why, null, null, null);
    }

    public String name() {
        return entrant.name();
    }

    /** The chosen trial's values (learning rate and the rule's metaparameters), or empty. */
    public Map<String, Object> chosenValues() {
        return chosen == null ? Map.of() : chosen.values();
    }

    public Optional<SeedRuns> runs() {
        return Optional.ofNullable(finals);
    }
}
