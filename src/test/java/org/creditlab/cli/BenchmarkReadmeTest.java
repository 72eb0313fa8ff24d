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
import org.creditlab.results.RecordTier;
import org.creditlab.results.RunStore;
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
    void theReadmesTablesMatchTheRecords() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme);
        for (Architecture a : Architecture.values()) {
            // the records alone, as record-runs.sh computes the table: runs stored in results/ but not recorded stay out
            Runner recordsOnly = Runner.standard().store(new RunStore(tmp.resolve("no-results"), RecordTier.standard()))
                    .loadOnly(true).quiet();
            String table = BenchmarkCommand.markdown(BenchmarkStudy.run(BenchmarkScale.of(Profile.FULL, a), recordsOnly,
                    Entrant.builtIn(), message -> { }));
            assertTrue(table.contains("| bp |") && table.contains("| pepita |"), table);
            assertEquals(text, BenchmarkCommand.block(a).replace(text, table, readme),
                    "README.md's " + a + " benchmark table differs from the records'; regenerate it with: "
                            + BenchmarkCommand.block(a).command() + " README.md");
        }
    }

    @Test
    void eachNetworkWritesItsOwnBlockAndLeavesTheOther() throws IOException {
        Path file = tmp.resolve("README.md");
        String mlp = BenchmarkCommand.BLOCK.begin() + "\n| the MLP's old table |\n" + BenchmarkCommand.BLOCK.end() + "\n";
        String cnn = BenchmarkCommand.CNN_BLOCK.begin() + "\n| the CNN's old table |\n" + BenchmarkCommand.CNN_BLOCK.end() + "\n";
        Files.writeString(file, "# Title\n\n" + mlp + "\nbetween\n\n" + cnn + "\nafter\n");
        StringWriter out = new StringWriter();
        assertEquals(0, table(out, new StringWriter(), "--profile", "FULL", "--network", "cnn", "--write", file.toString()));
        String written = Files.readString(file);
        assertTrue(written.startsWith("# Title\n\n" + mlp + "\nbetween\n\n" + BenchmarkCommand.CNN_BLOCK.begin()
                + "\nScale: "), written);
        assertTrue(written.contains("CNN conv16-pool-conv32-pool-10") && !written.contains("the CNN's old table")
                && written.endsWith(BenchmarkCommand.CNN_BLOCK.end() + "\n\nafter\n"), written);
        assertTrue(out.toString().startsWith("updated: "), out.toString());
        StringWriter err = new StringWriter();
        assertEquals(2, table(new StringWriter(), err, "--profile", "FULL", "--network", "cnn", "--check",
                tmp.resolve("none.md").toString()));
        Path mlpOnly = tmp.resolve("mlp.md");
        Files.writeString(mlpOnly, mlp);
        err = new StringWriter();
        assertEquals(2, table(new StringWriter(), err, "--profile", "FULL", "--network", "cnn", "--write", mlpOnly.toString()));
        assertTrue(err.toString().contains("no CNN benchmark table block") && err.toString().contains(mlpOnly.toString()),
                err.toString());
        assertEquals(mlp, Files.readString(mlpOnly), "left as it was");
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
                List.of("--profile", "FULL", "--rules", "bp"), List.of("--profile", "FULL", "--network", "cnn", "--trials", "2"))) {
            List<String> args = new ArrayList<>(other);
            args.addAll(List.of("--write", file.toString()));
            StringWriter err = new StringWriter();
            assertEquals(2, table(new StringWriter(), err, args.toArray(String[]::new)), other.toString());
            assertTrue(err.toString().contains("FULL benchmark of the MLP and of the CNN"), err.toString());
        }
        assertEquals(before, Files.readString(file), "left as it was");
        Path plain = tmp.resolve("notes.md");
        Files.writeString(plain, "no table here\n");
        StringWriter err = new StringWriter();
        assertEquals(2, table(new StringWriter(), err, "--profile", "FULL", "--check", plain.toString()));
        assertTrue(err.toString().contains("no benchmark table block") && err.toString().contains(plain.toString()), err.toString());
    }
}
