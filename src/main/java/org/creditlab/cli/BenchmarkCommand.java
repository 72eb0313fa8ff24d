package org.creditlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.creditlab.benchmark.Architecture;
import org.creditlab.data.DatasetName;
import org.creditlab.benchmark.BenchmarkFigures;
import org.creditlab.benchmark.BenchmarkFindings;
import org.creditlab.benchmark.BenchmarkResult;
import org.creditlab.benchmark.BenchmarkScale;
import org.creditlab.benchmark.BenchmarkStudy;
import org.creditlab.benchmark.BenchmarkTable;
import org.creditlab.benchmark.CostSitting;
import org.creditlab.benchmark.Entrant;
import org.creditlab.benchmark.EpochCosts;
import org.creditlab.experiment.Runner;
import org.creditlab.notebook.Profile;
import org.creditlab.notebook.Tables;
import org.creditlab.train.ConsoleProgress;
import org.creditlab.util.ProjectPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code benchmark run | table | time}: every registered rule on the same network, data, epochs, seeds and search budget
 * ({@code org.creditlab.benchmark}). {@code run} trains what is neither stored nor recorded; {@code table} builds the
 * same table from the stored runs and records alone, training nothing; {@code time} times the chosen settings against
 * backprop's in one sitting, for the table's time column.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "The cross-rule benchmark: 'run' trains what is missing and prints the table; 'table' prints it from "
                + "stored runs and records only; 'time' times the chosen settings against backprop's in one sitting.",
        subcommands = {BenchmarkCommand.RunBenchmark.class, BenchmarkCommand.TableOnly.class, BenchmarkCommand.TimeSettings.class})
final class BenchmarkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: run, table or time");
    }

    /** The options both subcommands share. */
    static final class Scope {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;
        @Option(names = "--profile", paramLabel = "QUICK|FULL", description = "the benchmark's scale (default: CREDITLAB_PROFILE, else QUICK)")
        String profile;
        @Option(names = "--network", paramLabel = "mlp|cnn", description = "the task: the MLP (default) or the small CNN, "
                + "which only the rules with a convolutional form run")
        String network;
        @Option(names = "--dataset", paramLabel = "NAME", description = "fashion-mnist (default), mnist or cifar-10: the "
                + "others where their files are present (data/<name>/, or --data-dir)")
        String dataset;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "a folder holding the dataset's files")
        Path dataDir;
        @Option(names = "--rules", split = ",", paramLabel = "RULE", description = "only these registered rules (default: all of them)")
        List<String> rules;
        @Option(names = "--trials", paramLabel = "N", description = "search trials per rule (default: the profile's)")
        Integer trials;
        @Option(names = "--seeds", paramLabel = "N", description = "seeds of each chosen setting (default: the profile's)")
        Integer seeds;
        @Option(names = "--markdown", description = "print the table as Markdown (for the README)")
        boolean markdown;

        BenchmarkScale scale() {
            Flags flags = new Flags(spec);
            Profile p;
            try {
                p = profile == null ? Profile.current() : Profile.valueOf(profile.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("--profile " + profile + ": give QUICK or FULL");
            }
            flags.require(trials == null || trials > 0, "--trials", "give a positive number of search trials per rule");
            flags.require(seeds == null || seeds > 0, "--seeds", "give a positive number of seeds");
            Architecture a;
            try {
                a = network == null ? Architecture.MLP : Architecture.of(network);
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("--network " + network + ": give mlp or cnn");
            }
            DatasetName d;
            try {
                d = dataset == null ? DatasetName.FASHION_MNIST : DatasetName.parse(dataset);
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("--dataset " + dataset + ": give one of " + datasets());
            }
            flags.require(BenchmarkScale.DATASETS.contains(d), "--dataset", "the benchmark's networks classify 10 classes: give one of "
                    + datasets());
            BenchmarkScale s = BenchmarkScale.of(p, a, d);
            return s.toBuilder().trials(trials == null ? s.trials() : trials).seeds(seeds == null ? s.seeds() : seeds)
                    .dataPath(dataDir == null ? null : dataDir.toAbsolutePath().normalize().toString()).build();
        }

        private static String datasets() {
            return String.join(", ", BenchmarkScale.DATASETS.stream().map(DatasetName::directory).toList());
        }

        List<Entrant> entrants() {
            if (rules == null) {
                return Entrant.registered();
            }
            new Flags(spec).once("--rules", "the rules");
            try {
                return Entrant.named(rules);
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("--rules " + String.join(",", rules) + ": " + x.getMessage(), x);
            }
        }

        int print(BenchmarkResult result) {
            PrintWriter out = spec.commandLine().getOut();
            List<BenchmarkTable.Row> rows = BenchmarkTable.rows(result);
            if (markdown) {
                out.print(markdown(result));
            } else {
                out.println(Tables.text(BenchmarkTable.table("Benchmark (" + result.scale().describe() + ")", rows)));
                out.println(Tables.text(BenchmarkFigures.besideBioTorch(rows, result.scale().dataset())));
                out.println(Tables.text(BenchmarkFindings.table(result.scale(), rows)));
                out.println(BenchmarkTable.trainingCost(result).describe());
                String edge = BenchmarkTable.atSearchEdge(result);
                if (!edge.isEmpty()) {
                    out.println(edge);
                }
            }
            out.flush();
            return 0;
        }

        /** Runs (or, with a load-only runner, reads) the benchmark at this scope and prints it. */
        Integer runWith(Runner runner) {
            return print(BenchmarkStudy.run(scale(), runner, entrants(), System.err::println));
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Search, train and evaluate every rule (runs stored or recorded already are loaded), then print the table.")
    static final class RunBenchmark implements Callable<Integer> {
        @Mixin
        Scope scope;

        @Override
        public Integer call() {
            return scope.runWith(Runner.standard());
        }
    }

    /** The README's FULL table of the MLP, between its markers. */
    static final ReadmeBlock BLOCK = new ReadmeBlock("benchmark table",
            "<!-- benchmark: generated from records/ by 'java -jar target/creditlab.jar benchmark table --profile FULL --write "
                    + "README.md'; do not edit by hand -->", "<!-- end of benchmark -->",
            "java -jar target/creditlab.jar benchmark table --profile FULL --write");

    /** The README's FULL table of the small CNN, between its own markers. */
    static final ReadmeBlock CNN_BLOCK = new ReadmeBlock("CNN benchmark table",
            "<!-- benchmark-cnn: generated from records/ by 'java -jar target/creditlab.jar benchmark table --profile FULL "
                    + "--network cnn --write README.md'; do not edit by hand -->", "<!-- end of benchmark-cnn -->",
            "java -jar target/creditlab.jar benchmark table --profile FULL --network cnn --write");

    /** The README block of {@code architecture}'s FULL table on Fashion-MNIST. */
    static ReadmeBlock block(Architecture architecture) {
        return architecture == Architecture.CNN ? CNN_BLOCK : BLOCK;
    }

    @Command(name = "table", mixinStandardHelpOptions = true,
            description = "Print the table from stored runs and records only; runs neither stored nor recorded show as not run. "
                    + "--write FILE puts it, as Markdown, between its markers in FILE (the README's); --check FILE exits 1 if it differs.")
    static final class TableOnly implements Callable<Integer> {
        @Mixin
        Scope scope;
        @Option(names = "--write", paramLabel = "FILE", description = "replace the table between the markers in FILE")
        Path write;
        @Option(names = "--check", paramLabel = "FILE", description = "exit 1 if FILE's table differs from the stored runs'")
        Path check;

        @Override
        public Integer call() {
            Runner loadOnly = Runner.standard().loadOnly(true).quiet();
            if (write == null && check == null) {
                return scope.runWith(loadOnly);
            }
            CommandLine cl = scope.spec.commandLine();
            if (write != null && check != null) {
                throw new ParameterException(cl, "--write and --check: give one of the two");
            }
            Path file = write != null ? write : check;
            String option = write != null ? "--write " : "--check ";
            BenchmarkScale s = scope.scale();
            if (!s.equals(BenchmarkScale.of(Profile.FULL, s.architecture())) || scope.rules != null) {
                throw new ParameterException(cl, option + file + ": the README's blocks hold the FULL benchmark of the MLP "
                        + "and of the CNN with their own trials and seeds, every rule, on Fashion-MNIST; give --profile FULL "
                        + "(and --network cnn for the CNN's) without --dataset, --trials, --seeds or --rules");
            }
            String table = markdown(BenchmarkStudy.run(s, loadOnly, Entrant.builtIn(), message -> { }));
            try {
                return block(s.architecture()).writeOrCheck(file, table, check != null, cl.getOut());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, option + e.getMessage());
            } catch (IOException e) {
                throw new ParameterException(cl, option + ReadmeBlock.unreadable(file, e));
            }
        }
    }

    @Command(name = "time", mixinStandardHelpOptions = true,
            description = "Time each rule's chosen setting against backprop's, side by side in this process (one thread: set "
                    + "OMP_NUM_THREADS=1 and stop other work), and print the ratios; --record keeps them for the table's time column.")
    static final class TimeSettings implements Callable<Integer> {
        @Mixin
        Scope scope;
        @Option(names = "--images", paramLabel = "N", description = "training images per timed epoch (default: 12800, or the "
                + "scale's training set if smaller)")
        Integer images;
        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "times each rule is timed, each beside "
                + "its own backprop runs; the ratio is the median (default: ${DEFAULT-VALUE})")
        int rounds;
        @Option(names = "--record", description = "write the sitting to records/timing/<experiment>.json (every rule, atomically), "
                + "where 'benchmark table' reads it")
        boolean record;

        @Override
        public Integer call() {
            CommandLine cl = scope.spec.commandLine();
            BenchmarkScale s = scope.scale();
            Flags flags = new Flags(scope.spec);
            flags.require(rounds >= 1, "--rounds", "give at least 1 round");
            // a scale's trainExamples of 0 means the whole training split, whose size the loader checks
            int most = s.trainExamples() == 0 ? Integer.MAX_VALUE : s.trainExamples();
            int n = images == null ? Math.min(12_800, most) : images;
            flags.require(n >= 2 * s.batchSize() && n <= most, "--images", "give at least " + 2 * s.batchSize() + " (two batches)"
                    + (s.trainExamples() == 0 ? "" : " and at most the scale's " + s.trainExamples() + " training images"));
            if (record && scope.rules != null) {
                throw new ParameterException(cl, "--record with --rules: a kept sitting times every rule, so that their ratios "
                        + "share the sitting; leave out --rules");
            }
            if (record && ProjectPaths.records() == null) {
                throw new ParameterException(cl, "--record: the records folder is turned off (CREDITLAB_RECORDS=none); "
                        + "unset it, or leave out --record");
            }
            Path file = record ? EpochCosts.file(ProjectPaths.records(), s) : null;
            Runner runner = Runner.standard().noStore().progress(ConsoleProgress.epochsOnly());
            EpochCosts costs = CostSitting.measure(BenchmarkStudy.stored(s, scope.entrants()), n, rounds, runner, System.err::println);
            PrintWriter out = cl.getOut();
            out.println(Tables.text(BenchmarkFigures.costs(costs)));
            if (file != null) {
                costs.write(file);
                out.println("kept in " + file + ": commit it, then 'benchmark table --profile FULL --write README.md'");
            }
            out.flush();
            return 0;
        }
    }

    /** The table as the README shows it: its scale, then the Markdown rows. */
    static String markdown(BenchmarkResult result) {
        BenchmarkScale scale = result.scale();
        String edge = BenchmarkTable.atSearchEdge(result);
        return "Scale: " + scale.describe() + ".\n\n" + BenchmarkFigures.markdown(BenchmarkTable.rows(result), scale.dataset())
                + "\n" + BenchmarkTable.trainingCost(result).describe() + (edge.isEmpty() ? "" : " " + edge) + "\n";
    }
}
