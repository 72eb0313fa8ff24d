package org.creditlab.benchmark;

import java.util.Map;

/**
 * The benchmark setups of rules of one's own, for the command line, where no notebook cell can call
 * {@link BenchmarkPresets#declare}: a jar (or folder of classes) that lists its rules in a {@code RuleProvider} lists
 * an implementation of this interface in {@code META-INF/services/org.creditlab.benchmark.SetupProvider}, and
 * {@code benchmark run} searches each named rule over its space. A setup declared in the process wins over a provided
 * one, and a provided one over a built-in rule's.
 */
public interface SetupProvider {

    /** Setups by registered rule name (or alias), e.g. {@code Map.of("my-rule", RuleSetup.of(...))}. */
    Map<String, RuleSetup> setups();
}
