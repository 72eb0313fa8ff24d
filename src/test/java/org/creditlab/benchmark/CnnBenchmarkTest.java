package org.creditlab.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.Runner;
import org.creditlab.notebook.Profile;
import org.creditlab.results.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CNN task from tiny runs: the rules with a convolutional form train, the others are named with their reason. */
class CnnBenchmarkTest {
    private static final BenchmarkScale TINY = BenchmarkScale.of(Profile.QUICK, Architecture.CNN).toBuilder().trainExamples(300)
            .validation(100).testExamples(100).epochs(1).batchSize(50).trials(1).seeds(1).probe(32).build();

    @TempDir
    Path tmp;

    @Test
    void convolutionalRulesTrainAndTheOthersSayWhyNot() throws Exception {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        Runner runner = Runner.standard().quiet().store(new RunStore(tmp));
        BenchmarkResult result = BenchmarkStudy.run(TINY, runner, Entrant.named(List.of("bp", "fa", "copi", "dfc")), s -> { });
        Map<String, BenchmarkTable.Row> rows = BenchmarkTable.rows(result).stream()
                .collect(Collectors.toMap(BenchmarkTable.Row::rule, Function.identity()));

        for (String rule : List.of("bp", "fa")) {
            BenchmarkTable.Row r = rows.get(rule);
            assertEquals(BenchmarkTable.OK, r.status(), rule);
            assertEquals(1, r.accuracy().n(), rule);
            assertTrue(Double.isFinite(r.angleBp()), rule + " has an angle to backprop's update: " + r);
        }
        assertTrue(rows.get("fa").angleBp() > 0, "FA's conv updates differ from backprop's");
        assertTrue(rows.get("copi").status().contains("no convolutional form"), rows.get("copi").status());
        assertTrue(rows.get("dfc-ssa").status().contains("Conv2d"), rows.get("dfc-ssa").status());
        // the runs sit in the CNN's own folder, apart from the MLP's
        assertTrue(Files.isDirectory(tmp.resolve(BenchmarkPresets.experimentName(TINY))), "runs under " + tmp);
        assertEquals("benchmark-cnn-1ep", BenchmarkPresets.experimentName(TINY));
    }
}
