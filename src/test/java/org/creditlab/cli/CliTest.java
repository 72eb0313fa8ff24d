package org.creditlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad flags give a usage message and a non-zero exit; good ones parse. */
class CliTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CreditLab.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void unknownFlagGivesUsageAndExitCode2() {
        assertEquals(2, run("train", "--epochz", "3"));
        assertTrue(err.toString().contains("'--epochz'") && err.toString().contains("Usage:"), err.toString());
    }

    @Test
    void badNumberGivesUsageAndExitCode2() {
        assertEquals(2, run("train", "--epochs", "three"));
        assertTrue(err.toString().contains("--epochs"), err.toString());
    }

    @Test
    void unknownRuleIsNamedWithTheKnownOnes() {
        assertEquals(2, run("train", "--rule", "magic", "--print-config"));
        assertTrue(err.toString().contains("unknown rule 'magic'") && err.toString().contains("bp"), err.toString());
    }

    @Test
    void invalidValuesAreRejectedWithTheReason() {
        assertEquals(2, run("train", "--dropout", "1.5", "--print-config"));
        assertTrue(err.toString().contains("dropout"), err.toString());
        assertEquals(2, run("train", "--dataset", "imagenet", "--print-config"));
        assertTrue(err.toString().contains("unknown dataset"), err.toString());
    }

    @Test
    void missingCommandIsAnError() {
        assertEquals(2, run());
    }

    @Test
    void goodFlagsParse() {
        assertEquals(0, run("train", "--rule", "bp", "--hidden", "128,64", "--epochs", "2", "--lr-steps", "1", "--print-config"));
    }
}
