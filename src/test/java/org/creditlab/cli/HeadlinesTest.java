package org.creditlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.creditlab.experiment.RunResult;
import org.creditlab.notebook.Headline;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's headline table is the one the repository's run records give, and the command that keeps it so refuses
 * a file without the table's markers and fails --check on a table that differs.
 */
@ExtendWith(ProjectRecords.class)
class HeadlinesTest {
    @TempDir
    Path tmp;

    @Test
    void theReadmesTableMatchesTheRecords() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme);
        String table = Headline.markdown(HeadlinesCommand.all());
        assertEquals(text, HeadlinesCommand.BLOCK.replace(text, table, readme),
                "README.md's headline table differs from the records'; regenerate it with: "
                        + "java -jar target/creditlab.jar headlines --write README.md");
    }

    private static RunResult run(double testAcc, boolean diverged) {
        List<EpochRecord> rows = new ArrayList<>();
        rows.add(new EpochRecord().put("epoch", 1).put("test_acc", testAcc));
        return new RunResult(null, null, null, new MetricsTable("t", rows), null, true, diverged, "");
    }

    @Test
    void aRowSaysHowManyRunsItAveragesAndWhatIsMissing() {
        Headline none = Headline.of("P", "r", "1", List.of(), 3, 100, "Fashion-MNIST", 2, t -> 100 * t.last().get("test_acc"));
        assertEquals("not yet run at paper scale", none.ours());
        assertEquals("0 of 3 seeds, 100 epochs", none.runs());
        Headline one = Headline.of("P", "r", "1", List.of(run(0.8, false)), 3, 100, "Fashion-MNIST", 2,
                t -> 100 * t.last().get("test_acc"));
        assertEquals("80.00 (Fashion-MNIST, one run)", one.ours());
        Headline three = Headline.of("P", "r", "1", List.of(run(0.8, false), run(0.9, false), run(0.1, true)), 3, 100,
                "Fashion-MNIST", 1, t -> 100 * t.last().get("test_acc"));
        assertEquals("85.0 ± 7.1 (Fashion-MNIST), 1 diverged", three.ours());
        assertEquals("3 of 3 seeds, 100 epochs", three.runs());
        assertTrue(Headline.markdown(List.of(new Headline("a|b", "r", "t", "o", "n"))).contains("| a\\|b | r |"));
    }

    private int headlines(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = CreditLab.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("headlines"));
        all.addAll(List.of(args));
        return cl.execute(all.toArray(String[]::new));
    }

    @Test
    void writeFillsTheBlockAndCheckFailsWhenItDiffers() throws IOException {
        Path file = tmp.resolve("README.md");
        Files.writeString(file, "# Title\n\n" + HeadlinesCommand.BLOCK.begin() + "\n| an old table |\n" + HeadlinesCommand.BLOCK.end() + "\n\nmore\n");
        StringWriter out = new StringWriter();
        assertEquals(1, headlines(out, new StringWriter(), "--check", file.toString()));
        assertTrue(out.toString().contains("differs from the records'") && out.toString().contains("--write " + file), out.toString());
        assertEquals(0, headlines(new StringWriter(), new StringWriter(), "--write", file.toString()));
        String written = Files.readString(file);
        assertTrue(written.startsWith("# Title\n\n" + HeadlinesCommand.BLOCK.begin() + "\n| paper | result |") && written.endsWith(
                HeadlinesCommand.BLOCK.end() + "\n\nmore\n"), written);
        assertEquals(0, headlines(new StringWriter(), new StringWriter(), "--check", file.toString()));
    }

    @Test
    void aFileWithoutTheMarkersIsRefusedNamingIt() throws IOException {
        Path file = tmp.resolve("notes.md");
        Files.writeString(file, "no table here\n");
        StringWriter err = new StringWriter();
        assertEquals(2, headlines(new StringWriter(), err, "--write", file.toString()));
        assertTrue(err.toString().contains(file.toString()) && err.toString().contains("no headline table block"), err.toString());
        assertEquals("no table here\n", Files.readString(file), "left as it was");
        err = new StringWriter();
        assertEquals(2, headlines(new StringWriter(), err, "--check", tmp.resolve("absent.md").toString()));
        assertTrue(err.toString().contains("absent.md"), err.toString());
    }
}
