package org.creditlab.cli;

import java.io.PrintWriter;
import org.creditlab.data.DatasetException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar target/creditlab.jar <command> [options]}. */
@Command(name = "creditlab", mixinStandardHelpOptions = true, version = "CreditLab 0.1.0",
        description = "Credit assignment without backpropagation: train and compare learning rules.",
        subcommands = {TrainCommand.class, RunCommand.class, SweepCommand.class, RunsCommand.class, RulesCommand.class, BenchCommand.class, DfcBenchCommand.class, HeadlinesCommand.class, BenchmarkCommand.class, KernelCommand.class, DataCommand.class, CommandLine.HelpCommand.class})
public final class CreditLab implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests call it without exiting). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CreditLab());
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println(line.getColorScheme().errorText("error: " + ex.getMessage()));
            return ex instanceof IllegalArgumentException && !(ex instanceof DatasetException) ? 2 : 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine line = ex.getCommandLine();
            PrintWriter err = line.getErr();
            err.println(line.getColorScheme().errorText("error: " + ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            line.usage(err, line.getColorScheme());
            return 2;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: train, run, sweep, runs, rules, bench, bench-dfc, headlines, benchmark, data or kernel");
    }
}
