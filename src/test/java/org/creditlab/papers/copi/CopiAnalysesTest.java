package org.creditlab.papers.copi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DataSplits;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.diagnostics.Analyses;
import org.creditlab.diagnostics.CopiAnalyses;
import org.creditlab.diagnostics.FloatRows;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RecordedRuns;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.nn.Network;
import org.creditlab.results.RecordTier;
import org.creditlab.results.RunStore;
import org.creditlab.rules.copi.Compression;
import org.creditlab.rules.copi.ReceptiveFields;
import org.creditlab.sweep.SeedRuns;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPI's analyses of Figure 3, kept when training ends, are what the figures computed from the trained network before
 * (the same images, units and readouts, on the run's data), and the figures draw them from a record, without weights.
 */
class CopiAnalysesTest {
    @TempDir
    static Path tmp;
    private static CopiPresets.Setup setup;
    private static Experiment copi;
    private static RunResult trained;
    private static RunResult recorded;
    private static DataSplits data;

    @BeforeAll
    static void trainRecordAndLoad() {
        setup = new CopiPresets.Setup(DatasetName.FASHION_MNIST, DataSpec.of(DatasetName.FASHION_MNIST).toBuilder()
                .trainLimit(1000).testLimit(200).download(false).build(), new int[] {784, 24, 24, 10}, 5, 4, new long[] {1});
        copi = CopiPresets.experiment(Method.COPI_BP, setup);
        trained = Runner.standard().quiet().store(new RunStore(tmp.resolve("results"))).run(copi);
        assertFalse(trained.diverged(), trained.message());
        RecordedRuns.export(trained.folder(), new RecordTier(tmp.resolve("records")));
        recorded = Runner.standard().quiet().store(new RunStore(tmp.resolve("fresh"), new RecordTier(tmp.resolve("records"))))
                .run(copi);
        assertTrue(recorded.recorded());
        data = Datasets.load(setup.data());
    }

    private static float[][] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).toFloatMatrix();
    }

    @Test
    void onlyCopiBpKeepsTheFigureAnalyses() {
        assertEquals(CopiPresets.ANALYSES, copi.analyses());
        for (Method m : Method.values()) {
            assertEquals(m == Method.COPI_BP, !CopiPresets.experiment(m, setup).analyses().isEmpty(), m.label());
        }
    }

    @Test
    void theDecorrelatedInputIsWhatTheTrainedNetworkGives() {
        Network net = trained.network();
        INDArray x = data.train().features().get(NDArrayIndex.interval(0, CopiAnalyses.INPUT_IMAGES), NDArrayIndex.all());
        float[][] old = floats(ReceptiveFields.decorrelatedInput(net, x.castTo(net.dataType())));
        assertArrayEquals(old, floats(recorded.analysis(Analyses.COPI_DECORRELATED_INPUT, FloatRows.class).toArray()));
    }

    @Test
    void theReceptiveFieldsAreTheFirstOnesTheTrainedNetworkGives() {
        INDArray rf = ReceptiveFields.of(trained.network(), data.train(), 2, ReceptiveFields.VARIANCE_FLOOR);
        float[][] old = floats(rf.get(NDArrayIndex.interval(0, CopiAnalyses.RECEPTIVE_FIELDS), NDArrayIndex.all()));
        FloatRows kept = recorded.analysis(Analyses.COPI_RECEPTIVE_FIELDS, FloatRows.class);
        assertEquals(CopiAnalyses.RECEPTIVE_FIELDS, kept.rows());
        assertArrayEquals(old, floats(kept.toArray()));
    }

    @Test
    void theCompressionCurvesAreTheTrainedNetworksBitForBit() {
        Network net = trained.network();
        DataSplits d = data.as(net.dataType());
        SeedRuns fromRecord = new SeedRuns("COPI (BP)", List.of(recorded));
        for (Compression.Readout readout : Compression.Readout.values()) {
            List<Compression.Level> old = Compression.curve(net, d.train(), d.test(), readout);
            assertEquals(List.of(old), CopiStudy.compression(fromRecord, readout), readout.name());
            assertEquals(List.of(old), CopiStudy.compression(new SeedRuns("COPI (BP)", List.of(trained)), readout));
        }
    }

    @Test
    void theFiguresAreDrawnFromARecordWhichKeepsNoWeights() throws IOException {
        assertThrows(IllegalStateException.class, recorded::network);
        assertEquals(1000, CopiFigures.decorrelationVsZca(recorded, data.train()).image(1000, 330).getWidth());
        assertEquals(400, CopiFigures.receptiveFields(recorded, data.train(), 4).image(400, 420).getWidth());
        long bytes;
        try (var s = Files.walk(recorded.folder())) {
            bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes < 120_000, "a record of kilobytes, not megabytes: " + bytes);
    }
}
