package org.creditlab.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import java.util.Optional;
import org.creditlab.nn.Network;

/**
 * A learning rule's settings: an immutable record, serialisable (its name is the JSON property "rule"), from which
 * the rule is built for a given network. Each rule's record documents its defaults; {@link Rules} lists them by
 * name, and a rule of one's own is usable everywhere (JSON, {@code Experiment}, the store) once registered there.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "rule")
@JsonTypeIdResolver(RuleTypes.class)
public interface RuleSpec {

    /** A new rule for {@code network}; any random state it owns (fixed feedback, the projection F) is drawn from {@code seed}. */
    LearningRule create(Network network, long seed);

    /**
     * The rule's name in tables and run ids: its name in {@link Rules}, unless the spec names itself (one settings
     * record can serve several named rules, e.g. the learned-feedback rules "wm", "ia", "sa", "aa", "kp").
     */
    default String ruleName() {
        return Rules.nameOf(this);
    }

    /**
     * The version of the rule's algorithm, stored with every run. Bump it (override this in the spec) in the same
     * commit as any change to the rule's code that changes its numbers, so that runs stored before are reported as
     * stale instead of being shown as the new code's. Not part of the configuration, so run ids do not move.
     */
    @JsonIgnore
    default int algorithmVersion() {
        return 1;
    }

    /**
     * What the rule needs besides the forward pass (weight transport, a backward sweep, a second forward pass), as the
     * rule declares it; empty for a rule that declares nothing, which tables show as "not declared". Not part of the
     * configuration.
     */
    @JsonIgnore
    default Optional<RuleTraits> traits() {
        return Optional.empty();
    }
}
