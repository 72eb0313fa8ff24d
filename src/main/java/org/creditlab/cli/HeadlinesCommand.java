package org.creditlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.creditlab.notebook.Headline;
import org.creditlab.papers.copi.CopiFindings;
import org.creditlab.papers.dfc.DfcFindings;
import org.creditlab.papers.kunin.KuninFindings;
import org.creditlab.papers.pepita.PepitaFindings;
import org.creditlab.util.AtomicFiles;
import org.creditlab.util.IoMessages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code headlines}: each paper's headline numbers beside ours at paper scale, computed from the run records alone
 * (nothing trains). The README holds this table between two markers; {@code --write} regenerates it there and
 * {@code --check} fails when it no longer matches the records, as the test suite does.
 */
@Command(name = "headlines", mixinStandardHelpOptions = true,
        description = "Print the papers' headline numbers beside ours, from the run records (nothing trains); "
                + "--write FILE replaces the table between its markers, --check FILE exits 1 if it differs.")
final class HeadlinesCommand implements Callable<Integer> {
    static final String BEGIN = "<!-- headlines: generated from records/ by 'java -jar target/creditlab.jar headlines "
            + "--write README.md'; do not edit by hand -->";
    static final String END = "<!-- end of headlines -->";

    @Spec
    CommandSpec spec;
    @Option(names = "--write", paramLabel = "FILE", description = "replace the table between the markers in FILE")
    Path write;
    @Option(names = "--check", paramLabel = "FILE", description = "exit 1 if FILE's table differs from the records'")
    Path check;

    /** Every paper's headline rows, in the README's order. */
    static List<Headline> all() {
        List<Headline> rows = new ArrayList<>();
        rows.addAll(DfcFindings.headlines());
        rows.addAll(PepitaFindings.headlines());
        rows.addAll(CopiFindings.headlines());
        rows.addAll(KuninFindings.headlines());
        return rows;
    }

    /** {@code text} with the block between the markers replaced by {@code table}. */
    static String replaceBlock(String text, String table, Path file) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " has no headline block: put the lines '" + BEGIN + "' and '"
                    + END + "' where the table belongs");
        }
        return text.substring(0, begin + BEGIN.length()) + "\n" + table + text.substring(end);
    }

    @Override
    public Integer call() {
        if (write != null && check != null) {
            throw new ParameterException(spec.commandLine(), "--write and --check: give one of the two");
        }
        String table = Headline.markdown(all());
        Path file = write != null ? write : check;
        if (file == null) {
            spec.commandLine().getOut().print(table);
            spec.commandLine().getOut().flush();
            return 0;
        }
        String text = read(file);
        String updated;
        try {
            updated = replaceBlock(text, table, file);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), (write != null ? "--write " : "--check ") + e.getMessage());
        }
        if (write != null) {
            AtomicFiles.writeString(file, updated);
            spec.commandLine().getOut().println((updated.equals(text) ? "unchanged: " : "updated: ") + file);
            return 0;
        }
        if (!updated.equals(text)) {
            spec.commandLine().getOut().println(file + ": its headline table differs from the records'; regenerate it "
                    + "with: java -jar target/creditlab.jar headlines --write " + file + "\nThe records give:\n" + table);
            return 1;
        }
        spec.commandLine().getOut().println(file + ": its headline table matches the records");
        return 0;
    }

    private String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + IoMessages.describe(file, e));
        }
    }
}
