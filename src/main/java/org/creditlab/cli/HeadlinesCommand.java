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
    static final ReadmeBlock BLOCK = new ReadmeBlock("headline table",
            "<!-- headlines: generated from records/ by 'java -jar target/creditlab.jar headlines --write README.md'; do not "
                    + "edit by hand -->", "<!-- end of headlines -->", "java -jar target/creditlab.jar headlines --write");

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
        String option = write != null ? "--write " : "--check ";
        try {
            return BLOCK.writeOrCheck(file, table, check != null, spec.commandLine().getOut());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + e.getMessage());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), option + ReadmeBlock.unreadable(file, e));
        }
    }
}
