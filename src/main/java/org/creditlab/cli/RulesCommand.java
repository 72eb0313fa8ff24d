package org.creditlab.cli;

import java.util.concurrent.Callable;
import org.creditlab.results.Json;
import org.creditlab.rules.Rules;
import picocli.CommandLine.Command;

/** Lists the learning rules with their default settings. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the learning rules and their defaults.")
final class RulesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Rules.all().values().forEach(e -> System.out.printf("%-10s %s%n           defaults: %s%n", e.name(), e.description(),
                Json.write(RuleOptions.defaults(e)).replaceAll("\\s+", " ")));
        return 0;
    }
}
