package org.creditlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code benchmark}'s bad flags are refused before anything runs, with a message naming the flag as typed. */
class BenchmarkCommandTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CreditLab.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    private void assertRefused(String args, String... fragments) {
        assertEquals(2, run(args.split(" ")), args + " -> " + err);
        for (String f : fragments) {
            assertTrue(err.toString().contains(f), args + ": expected '" + f + "' in: " + err);
        }
    }

    @Test
    void badFlagsNameTheFlag() {
        assertRefused("benchmark run --trials 0", "--trials 0", "positive number of search trials");
        assertRefused("benchmark table --seeds -1", "--seeds -1", "positive number of seeds");
        assertRefused("benchmark table --profile HUGE", "--profile HUGE", "QUICK or FULL");
        assertRefused("benchmark table --network resnet", "--network resnet", "give mlp or cnn");
        assertRefused("benchmark table --rules bp,nosuch", "--rules bp,nosuch", "no registered rule 'nosuch'", "registered: bp");
        assertRefused("benchmark", "a subcommand is required: run, table or time");
        assertRefused("benchmark time --rounds 0", "--rounds 0", "at least 1 round");
        assertRefused("benchmark time --profile QUICK --images 5", "--images 5", "two batches", "2000 training images");
        assertRefused("benchmark time --record --rules bp,fa", "--record with --rules", "every rule");
    }

    @Test
    void recordingATimingWithTheRecordsTurnedOffIsRefused() {
        String configured = System.getProperty(org.creditlab.util.ProjectPaths.RECORDS_PROPERTY);
        System.setProperty(org.creditlab.util.ProjectPaths.RECORDS_PROPERTY, "none");
        try {
            assertRefused("benchmark time --profile QUICK --record", "--record", "records folder is turned off",
                    "leave out --record");
        } finally {
            if (configured == null) {
                System.clearProperty(org.creditlab.util.ProjectPaths.RECORDS_PROPERTY);
            } else {
                System.setProperty(org.creditlab.util.ProjectPaths.RECORDS_PROPERTY, configured);
            }
        }
    }
}
