package org.example.userrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.creditlab.benchmark.BenchmarkResult;
import org.creditlab.benchmark.BenchmarkScale;
import org.creditlab.benchmark.BenchmarkStudy;
import org.creditlab.benchmark.BenchmarkTable;
import org.creditlab.benchmark.Entrant;
import org.creditlab.benchmark.RuleSetup;
import org.creditlab.benchmark.SearchSpace;
import org.creditlab.benchmark.SetupProvider;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.CaseLog;
import org.creditlab.experiment.Runner;
import org.creditlab.notebook.Profile;
import org.creditlab.results.RunStore;
import org.creditlab.rules.Rules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Issue 18's promise from a user's package: a rule registered here joins the benchmark with that one call, and its
 * row in the table built from tiny runs has every number the table computes, next to backprop's.
 */
class BenchmarkUserRuleTest {
    /** Two tiny trials and two seeds of a 784-16-10 MLP for one epoch: seconds per run. */
    private static final BenchmarkScale TINY = BenchmarkScale.of(Profile.QUICK).toBuilder().trainExamples(500).validation(200).testExamples(200)
            .hidden(List.of(16)).epochs(1).batchSize(50).trials(2).seeds(2).probe(64).build();

    @TempDir
    Path tmp;

    @BeforeAll
    static void register() {
        NormalizedFeedbackAlignment.register();
    }

    @Test
    void aRegisteredRuleIsAnEntrant() {
        assertTrue(Entrant.registered().stream().anyMatch(e -> e.name().equals("fa-norm")), "registered rules: " + Rules.all().keySet());
        // the README's table is the shipped rules' alone, whatever a test or notebook registers
        assertTrue(Entrant.builtIn().stream().noneMatch(e -> e.name().equals("fa-norm")));
        assertTrue(Entrant.builtIn().stream().anyMatch(e -> e.name().equals("fa")));
    }

    @Test
    void itsRowIsInTheTableBuiltFromTinyRuns() {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        Runner runner = Runner.standard().quiet().store(new RunStore(tmp));
        BenchmarkResult result = BenchmarkStudy.run(TINY, runner, Entrant.named(List.of("bp", "fa-norm")), s -> { });
        List<BenchmarkTable.Row> rows = BenchmarkTable.rows(result);
        BenchmarkTable.Row mine = rows.stream().filter(r -> r.rule().equals("fa-norm")).findFirst().orElseThrow();
        assertEquals("ok", mine.status());
        assertEquals(2, mine.accuracy().n(), "both seeds finished");
        assertTrue(mine.accuracy().mean() > 0.3, mine.accuracyText());
        assertTrue(Double.isFinite(mine.gap()) && Double.isFinite(mine.relativeTime()), mine.toString());
        assertTrue(mine.angleBp() > 0 && mine.angleBp() < 90, "FA-like updates point within 90° of backprop's: " + mine.angleBp());
        assertTrue(Double.isFinite(mine.angleBWt()), "a HasFeedback rule has a B–Wᵀ angle");
        assertTrue(mine.stateMB() > 0 && mine.stepMB() > 0, mine.toString());
        assertTrue(mine.traits().isEmpty(), "the test's rule declares no traits");

        Table table = BenchmarkTable.table("tiny", rows);
        assertEquals(List.of("bp", "fa-norm"), table.stringColumn("rule").asList());
        assertEquals(BenchmarkTable.NOT_DECLARED, table.stringColumn("weight transport").get(1));

        // the same table again from the stored runs alone: nothing trains, the numbers are the same, and a rule never
        // run says so instead of choosing from nothing
        List<BenchmarkTable.Row> again = BenchmarkTable.rows(BenchmarkStudy.run(TINY, runner.loadOnly(true),
                Entrant.named(List.of("bp", "fa-norm", "dfa")), s -> { }));
        assertEquals(mine.accuracy(), again.get(1).accuracy());
        assertEquals(mine.angleBp(), again.get(1).angleBp());
        assertEquals(mine.relativeTime(), again.get(1).relativeTime());
        assertEquals("not run yet: 2 of 2 search trials missing", again.get(2).status());
    }

    /** The command line's way to give the rule a search space of its own: a provider listed in META-INF/services. */
    public static final class Setups implements SetupProvider {
        static final SearchSpace LOWER_RATES = SearchSpace.learningRate(1e-4, 1e-2);

        @Override
        public Map<String, RuleSetup> setups() {
            return Map.of(NormalizedFeedbackAlignment.NAME, RuleSetup.of(LOWER_RATES));
        }
    }

    /** A provider's mistake: a setup for a rule that no one registered. */
    public static final class MisspeltSetups implements SetupProvider {
        @Override
        public Map<String, RuleSetup> setups() {
            return Map.of("fa-nrom", RuleSetup.standard());
        }
    }

    @Test
    void aSetupProviderOnTheClassPathGivesTheRuleItsSearchSpace() throws IOException {
        String standard = Entrant.named(List.of("fa-norm")).get(0).setup().describeSpace();
        assertEquals(RuleSetup.standard().describeSpace(), standard);
        String provided = withServices(Setups.class, () -> Entrant.named(List.of("fa-norm")).get(0).setup().describeSpace());
        assertEquals(Setups.LOWER_RATES.describe(), provided);
        assertEquals(standard, Entrant.named(List.of("fa-norm")).get(0).setup().describeSpace(), "the provider left with its class loader");

        String m = withServices(MisspeltSetups.class, () -> assertThrows(IllegalArgumentException.class,
                () -> Entrant.named(List.of("fa-norm"))).getMessage());
        assertTrue(m.contains("SetupProvider " + MisspeltSetups.class.getName()) && m.contains("rule 'fa-nrom', which is not registered"), m);
    }

    @Test
    void aServiceFileThatNamesAMissingClassIsToldWithItsCure() throws IOException {
        String m = withServices("org.lab.NotCompiled", () -> assertThrows(IllegalStateException.class,
                () -> Entrant.named(List.of("fa-norm"))).getMessage());
        assertTrue(m.contains("META-INF/services/" + SetupProvider.class.getName()) && m.contains("org.lab.NotCompiled")
                && m.contains("compiled onto the same class path"), m);
        CaseLog.record("rule of your own", "a META-INF/services file names a class that is not on the class path", "refused: " + m);
    }

    /** {@code body}'s result with {@code provider} listed in META-INF/services on the thread's context class loader. */
    private <T> T withServices(Class<? extends SetupProvider> provider, java.util.function.Supplier<T> body) throws IOException {
        return withServices(provider.getName(), body);
    }

    private <T> T withServices(String providerLine, java.util.function.Supplier<T> body) throws IOException {
        Path root = Files.createTempDirectory(tmp, "services");
        Path list = root.resolve("META-INF/services/" + SetupProvider.class.getName());
        Files.createDirectories(list.getParent());
        Files.writeString(list, providerLine + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, before)) {
            thread.setContextClassLoader(loader);
            return body.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
