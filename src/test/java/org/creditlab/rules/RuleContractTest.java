package org.creditlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.RuleContract;
import org.creditlab.experiment.RuleContract.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered rule meets {@link RuleContract}, built-in or registered later (by a notebook, a test, a provider),
 * with its defaults: settings that survive JSON, two epochs through {@code Runner}, a bit-identical resume from a
 * checkpoint and a load, and a small ResNet trained or refused with an IllegalArgumentException. The contract's own
 * failures are tested on broken rules in {@code org.example.userrule.RuleContractFailuresTest}.
 */
class RuleContractTest {

    static Stream<String> rules() {
        return Rules.all().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("rules")
    void meetsTheContract(String name) {
        RuleContract.Report report = RuleContract.check(name).orThrow();
        if (Datasets.isPresent(DatasetName.FASHION_MNIST)) { // where the data is, nothing but the CNN may be skipped
            assertEquals(Outcome.PASSED, report.outcome("trains"), report.format());
            assertEquals(Outcome.PASSED, report.outcome("resumes"), report.format());
        }
        assertEquals(Outcome.PASSED, report.outcome("settings"), report.format());
        assertTrue(report.format().startsWith("rule '" + name + "': meets the contract"), report.format());
    }

    /**
     * Under CREDITLAB_TRAIN=no a notebook's runner loads only; the contract trains in a folder of its own all the same
     * (the quickstart checks its own rule at every profile), so that its "trains" clause does not fail with "0 recorded".
     */
    @Test
    void checksARuleWhereTheEnvironmentSaysLoadOnly() throws Exception {
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ContractChild.class.getName(), "fa").redirectErrorStream(true);
        child.environment().put("CREDITLAB_TRAIN", "no");
        Process p = child.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("rule 'fa': meets the contract") && out.contains("PASSED  trains:"), out);
    }
}
