package org.creditlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Precision;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Schedule;
import org.creditlab.results.RunStore;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reproducibility, storage, resumption and divergence of whole runs. */
class RunnerTest {
    @TempDir
    Path tmp;

    private Runner runner(String folder) {
        return Runner.standard().quiet().store(new RunStore(tmp.resolve(folder)));
    }

    /** Every column but the wall-clock time. */
    private static void assertSameMetrics(MetricsTable a, MetricsTable b) {
        assertEquals(a.epochs(), b.epochs());
        for (String c : a.columns()) {
            if (!c.equals("seconds")) {
                assertEquals(java.util.Arrays.toString(a.column(c)), java.util.Arrays.toString(b.column(c)), c);
            }
        }
    }

    private static void assertSameWeights(RunResult a, RunResult b) {
        List<Parameter> pa = a.network().parameters();
        List<Parameter> pb = b.network().parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertEquals(pa.get(i).value(), pb.get(i).value(), pa.get(i).name());
        }
        assertEquals(a.network().buffers(), b.network().buffers());
    }

    @Test
    void sameSeedGivesEqualTables() {
        RunResult a = runner("a").run(TestData.small("repro"));
        RunResult b = runner("b").run(TestData.small("repro"));
        assertSameMetrics(a.metrics(), b.metrics());
        assertSameWeights(a, b);
        RunResult c = runner("c").run(TestData.small("repro").withSeed(8));
        assertFalse(java.util.Arrays.equals(a.metrics().column("test_loss"), c.metrics().column("test_loss")));
    }

    @Test
    void storedRunIsLoadedInsteadOfRetrained() throws Exception {
        Experiment e = TestData.small("stored");
        RunResult first = runner("r").run(e);
        assertFalse(first.loaded());
        Path folder = first.folder();
        assertTrue(Files.isRegularFile(folder.resolve("metrics.csv")));
        assertTrue(Files.isRegularFile(folder.resolve("checkpoint-0003.bin")));
        assertEquals(e, Experiment.fromJson(Files.readString(folder.resolve("config.json"))));
        RunResult again = runner("r").run(e);
        assertTrue(again.loaded());
        assertSameMetrics(first.metrics(), again.metrics());
        assertSameWeights(first, again);
        // a changed configuration is a different run
        RunResult other = runner("r").run(e.toBuilder().optimizer(OptimizerSpec.adam(2e-3)).build());
        assertFalse(other.loaded());
    }

    @Test
    void interruptedRunResumesToTheSameResult() {
        assertResumesBitForBit(TestData.small("resume"));
    }

    /** Crashes {@code e} in epoch 2, resumes it, and compares with an uninterrupted run; returns the resumed run. */
    private RunResult assertResumesBitForBit(Experiment e) {
        RunResult uninterrupted = runner("whole").run(e);
        Runner crashing = runner("split").listen(new TrainingListener() {
            @Override
            public void endEpoch(TrainingRun run, EpochRecord r) {
                // listeners run before the store, so epoch 1 is stored and epoch 2 is not
                if (r.get("epoch") == 2) {
                    throw new IllegalStateException("simulated crash in epoch 2");
                }
            }
        });
        assertThrows(IllegalStateException.class, () -> crashing.run(e));
        RunResult resumed = runner("split").run(e);
        assertFalse(resumed.loaded());
        assertSameMetrics(uninterrupted.metrics(), resumed.metrics());
        assertSameWeights(uninterrupted, resumed);
        return uninterrupted;
    }

    /** Generated data is a {@link org.creditlab.data.DataSpec} like any other: stored, resumed and loaded. */
    @Test
    void aStudentTeacherRunIsStoredResumedAndLoaded() throws Exception {
        org.creditlab.data.DataSpec data = org.creditlab.data.DataSpec.of(
                org.creditlab.data.StudentTeacher.of(6, 3, List.of(16, 16), 120, 0, 40, 5));
        Experiment e = Experiment.of("student-teacher", data, MlpSpec.of(6, 8, 3).toBuilder().loss(Loss.MEAN_SQUARED_ERROR)
                        .precision(Precision.FLOAT64).build(), new BackpropSpec(), OptimizerSpec.adam(1e-2),
                TrainingOptions.of(3, 32), 3);
        RunResult uninterrupted = assertResumesBitForBit(e);
        assertEquals(e, Experiment.fromJson(Files.readString(uninterrupted.folder().resolve("config.json"))));
        RunResult loaded = runner("split").run(e);
        assertTrue(loaded.loaded());
        assertSameMetrics(uninterrupted.metrics(), loaded.metrics());
    }

    @Test
    void theWarmupAdvancesWithEveryStep() {
        // 1,000 examples in batches of 250: four steps an epoch; the lr column is the rate of each epoch's last step
        Experiment e = TestData.small("warmup").toBuilder().optimizer(OptimizerSpec.sgd(0.1).toBuilder().schedule(Schedule.constant().toBuilder().warmupEpochs(2).build()).build())
                .training(TrainingOptions.of(3, 250)).build();
        double[] lr = Runner.standard().noStore().quiet().run(e).metrics().column("lr");
        assertEquals(0.1 * 0.75 / 2, lr[0], 1e-12);
        assertEquals(0.1 * 1.75 / 2, lr[1], 1e-12);
        assertEquals(0.1, lr[2], 1e-12);
    }

    @Test
    void divergenceStopsWithAClearMessageAndKeepsCompletedEpochs() {
        // squared error with a huge learning rate grows the weights geometrically until they overflow
        Experiment e = TestData.small("diverge").toBuilder().optimizer(OptimizerSpec.sgd(50).toBuilder().momentum(0.9).build())
                .network(org.creditlab.nn.MlpSpec.of(784, 32, 10).toBuilder().loss(org.creditlab.nn.Loss.MEAN_SQUARED_ERROR).build()).build();
        RunResult r = runner("d").run(e);
        assertTrue(r.diverged());
        assertTrue(r.message().contains("diverged") && r.message().contains("learning rate"), r.message());
        RunResult again = runner("d").run(e);
        assertTrue(again.loaded() && again.diverged());
        assertEquals(r.metrics().epochs(), again.metrics().epochs());
        assertThrows(IllegalStateException.class, again::orThrow);
    }
}
