package org.creditlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.results.RunStore;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class SweepTest {
    @TempDir
    Path tmp;

    private Experiment base() {
        return Experiment.of("sweep", DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(500).testLimit(200).download(false).build(),
                MlpSpec.of(784, 16, 10), new BackpropSpec(), OptimizerSpec.sgd(0.05), TrainingOptions.of(1, 50), 1);
    }

    private Runner runner() {
        return Runner.standard().quiet().store(new RunStore(tmp));
    }

    @Test
    void summaryIsMeanAndSampleStdAndCountsDivergedRuns() {
        Summary s = Summary.of(new double[] {0.8, 0.9, Double.NaN});
        assertEquals(0.85, s.mean(), 1e-12);
        assertEquals(Math.sqrt(0.005), s.std(), 1e-12);
        assertEquals(2, s.n());
        assertEquals(1, s.diverged());
        assertEquals("85.00 ± 7.07 (1 diverged)", s.format(true));
        // a mean short of 100% never reads as 100.00: 1 to 4 images wrong in 60,000
        assertEquals("99.996 ± 0.003", Summary.of(new double[] {59_997 / 60_000.0, 59_999 / 60_000.0, 59_996 / 60_000.0}).format(true));
        assertEquals("100.00 ± 0.00", Summary.of(new double[] {1, 1}).format(true));
        assertEquals("99.99 ± 0.01", Summary.of(new double[] {0.9998, 0.99995}).format(true));
        // the claims tables' single values follow the same rule
        assertEquals("99.998", org.creditlab.notebook.Claims.percent(59_999 / 60_000.0));
        assertEquals("83.18", org.creditlab.notebook.Claims.percent(0.8318));
        assertEquals("100.00", org.creditlab.notebook.Claims.percent(1.0));
    }

    @Test
    void seedsRunOncePerSeed() {
        SeedRuns r = SeedRuns.of("bp", base(), runner(), 1, 2, 3);
        assertEquals(3, r.runs().size());
        assertEquals(3, r.summary("test_acc").n());
        assertTrue(r.last("test_acc")[0] != r.last("test_acc")[1]);
    }

    @Test
    void gridCoversEveryCombinationAndStoresEachTrial() {
        Search grid = Search.grid(Map.of("lr", List.of(0.01, 0.1), "hidden", List.of(8, 16)),
                t -> base().toBuilder().optimizer(OptimizerSpec.sgd(t.number("lr")))
                        .network(MlpSpec.of(784, ((Number) t.value("hidden")).intValue(), 10)).build());
        assertEquals(4, grid.size());
        SearchResult r = grid.run(runner());
        Table t = r.table("grid", "test_acc");
        assertEquals(4, t.rowCount());
        assertEquals(List.of("trial", "lr", "hidden", "test_acc", "status"), t.columnNames());
        assertTrue(r.best("test_acc", true).isPresent());
        SearchResult again = grid.run(runner());
        assertTrue(again.trials().stream().allMatch(x -> x.run().loaded()));
    }

    @Test
    void randomSearchIsReproducible() {
        Search a = Search.random(3, 42, t -> base().toBuilder().optimizer(OptimizerSpec.sgd(t.logUniform("lr", 1e-3, 1e-1))).build());
        SearchResult r1 = a.run(runner());
        SearchResult r2 = a.run(runner());
        for (int i = 0; i < 3; i++) {
            assertEquals(r1.trials().get(i).values(), r2.trials().get(i).values());
            double lr = (Double) r1.trials().get(i).values().get("lr");
            assertTrue(lr >= 1e-3 && lr <= 1e-1, "lr " + lr);
        }
        assertTrue(!r1.trials().get(0).values().equals(r1.trials().get(1).values()));
    }
}
