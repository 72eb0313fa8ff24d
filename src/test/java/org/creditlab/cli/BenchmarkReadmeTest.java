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
import org.creditlab.benchmark.Architecture;
import org.creditlab.benchmark.BenchmarkScale;
import org.creditlab.benchmark.BenchmarkStudy;
import org.creditlab.benchmark.Entrant;
import org.creditlab.experiment.Runner;
import org.creditlab.notebook.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's benchmark table is the one the repository's records give (the FULL MLP benchmark, nothing trained),
 * and the command that keeps it so refuses any other scale.
 */
@ExtendWith(ProjectRecords.class)
class BenchmarkReadmeTest {
    @TempDir
    Path tmp;

    @Test
    void theReadmesTableMatchesTheRecords() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme);
        String table = BenchmarkCommand.markdown(BenchmarkStudy.run(BenchmarkScale.of(Profile.FULL, Architecture.MLP),
                Runner.standard().loadOnly(true).quiet(), Entrant.builtIn(), message -> { }));
        assertTrue(table.contains("| bp |") && table.contains("| pepita |"), table);
        assertEquals(text, BenchmarkCommand.BLOCK.replace(text, table, readme),
                "README.md's benchmark table differs from the records'; regenerate it with: "
                        + "java -jar target/creditlab.jar benchmark table --profile FULL --write README.md");
    }

    private static int table(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = CreditLab.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("benchmark", "table"));
        all.addAll(List.of(args));
        return cl.execute(all.toArray(String[]::new));
    }

    @Test
    void onlyTheFullMlpTableIsWrittenAndAFileWithoutTheMarkersIsRefused() throws IOException {
        Path file = tmp.resolve("README.md");
        String before = "# Title\n\n" + BenchmarkCommand.BLOCK.begin() + "\n| an old table |\n" + BenchmarkCommand.BLOCK.end() + "\n";
        Files.writeString(file, before);
        for (List<String> other : List.of(List.of("--profile", "QUICK"), List.of("--profile", "FULL", "--seeds", "1"),
                List.of("--profile", "FULL", "--rules", "bp"), List.of("--profile", "FULL", "--network", "cnn"))) {
            List<String> args = new ArrayList<>(other);
            args.addAll(List.of("--write", file.toString()));
            StringWriter err = new StringWriter();
            assertEquals(2, table(new StringWriter(), err, args.toArray(String[]::new)), other.toString());
            assertTrue(err.toString().contains("FULL benchmark of the MLP"), err.toString());
        }
        assertEquals(before, Files.readString(file), "left as it was");
        Path plain = tmp.resolve("notes.md");
        Files.writeString(plain, "no table here\n");
        StringWriter err = new StringWriter();
        assertEquals(2, table(new StringWriter(), err, "--profile", "FULL", "--check", plain.toString()));
        assertTrue(err.toString().contains("no benchmark table block") && err.toString().contains(plain.toString()), err.toString());
    }
}
