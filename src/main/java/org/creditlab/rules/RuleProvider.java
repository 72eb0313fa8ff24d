package org.creditlab.rules;

import java.util.List;

/**
 * A source of rules for {@link Rules}, found with {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/org.creditlab.rules.RuleProvider} of a jar on the class path, and its rules are registered
 * on the catalogue's first use, in the order given. The project's built-in rules come this way
 * ({@code org.creditlab.rules.catalogue.BuiltInRules}). In a notebook, {@link Rules#register} is simpler.
 */
public interface RuleProvider {

    /** The rules to register; a settings class's JSON type name is the first name it is listed under. */
    List<Rules.Entry> rules();
}
