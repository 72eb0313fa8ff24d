package org.creditlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.creditlab.diagnostics.Analyses;
import org.creditlab.diagnostics.FloatRows;
import org.creditlab.nn.Parameter;
import org.creditlab.results.Json;
import org.creditlab.results.RecordFolder;
import org.creditlab.results.RecordManifest;
import org.creditlab.results.RecordTier;
import org.creditlab.results.RunFolder;
import org.creditlab.results.RunStore;
import org.creditlab.results.StoreException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Analyses of the trained network kept with a run: made when training ends, read back bit for bit from the trained
 * run, from results/ and from a record; a damaged analysis file is refused, naming it; experiments that name none
 * keep their run ids and records.
 */
class AnalysesTest {
    /** A process-local analysis: a few numbers and the first weight matrix, as float32 rows. */
    static final String NAME = "test-first-weights";

    /** What the test analysis keeps. */
    public record FirstWeights(double sum, double[] firstRow, FloatRows weights) {}

    @TempDir
    static Path tmp;
    private static RunResult trained;
    private static Path record;

    static Experiment withAnalysis() {
        return RecordedRunsTest.tiny().toBuilder().name("analysed").addAnalyses(NAME).build();
    }

    @BeforeAll
    static void trainAndRecord() {
        Analyses.register(NAME, () -> run -> {
            var w = run.network().parameters().get(0).value();
            return new FirstWeights(w.sumNumber().doubleValue(), w.getRow(0).toDoubleVector(), FloatRows.of(w));
        });
        trained = StoreFixtures.runner(tmp.resolve("results")).run(withAnalysis());
        RecordedRuns.export(trained.folder(), new RecordTier(tmp.resolve("records")));
        record = tmp.resolve("records").resolve("analysed").resolve(withAnalysis().runId());
    }

    private static void assertSameAnalysis(RunResult expected, RunResult actual) {
        assertEquals(expected.analyses().get(NAME), actual.analyses().get(NAME), "the kept JSON");
        FirstWeights a = expected.analysis(NAME, FirstWeights.class);
        FirstWeights b = actual.analysis(NAME, FirstWeights.class);
        assertEquals(Double.doubleToRawLongBits(a.sum()), Double.doubleToRawLongBits(b.sum()));
        assertArrayEquals(a.firstRow(), b.firstRow());
        assertArrayEquals(a.weights().values(), b.weights().values());
    }

    @Test
    void theAnalysisIsTheTrainedNetworksBitForBit() {
        Parameter w = trained.network().parameters().get(0);
        FirstWeights a = trained.analysis(NAME, FirstWeights.class);
        assertEquals(w.value().sumNumber().doubleValue(), a.sum());
        assertArrayEquals(w.value().getRow(0).toDoubleVector(), a.firstRow());
        assertArrayEquals(w.value().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatMatrix(),
                a.weights().toArray().toFloatMatrix());
        assertTrue(Files.isRegularFile(trained.folder().resolve(RunFolder.analysisFile(NAME))));
    }

    @Test
    void loadedFromResultsTheAnalysisIsTheSame() {
        RunResult loaded = StoreFixtures.runner(tmp.resolve("results")).run(withAnalysis());
        assertTrue(loaded.loaded() && !loaded.recorded());
        assertSameAnalysis(trained, loaded);
    }

    @Test
    void loadedFromARecordTheAnalysisIsTheSame() throws IOException {
        RunResult r = Runner.standard().quiet().store(new RunStore(Files.createTempDirectory(tmp, "fresh"),
                new RecordTier(tmp.resolve("records")))).run(withAnalysis());
        assertTrue(r.recorded());
        assertSameAnalysis(trained, r);
        assertSameAnalysis(trained, RecordedRuns.read(withAnalysis(), new RecordTier(tmp.resolve("records"))).orElseThrow());
        RecordManifest m = Json.read(Files.readString(record.resolve(RecordFolder.MANIFEST)), RecordManifest.class);
        assertTrue(m.files().containsKey(RunFolder.analysisFile(NAME)), m.files().keySet().toString());
        assertTrue(Files.size(record.resolve(RunFolder.analysisFile(NAME))) < 100_000, "kilobytes, not megabytes");
    }

    @Test
    void aTamperedAnalysisInARecordIsRefusedNamingTheFile() throws IOException {
        Path records = Files.createTempDirectory(tmp, "records");
        StoreFixtures.copyFolder(tmp.resolve("records"), records);
        Path copy = records.resolve("analysed").resolve(withAnalysis().runId());
        Path f = copy.resolve(RunFolder.analysisFile(NAME));
        Files.writeString(f, Files.readString(f).replaceFirst("\"sum\" : -?[0-9]", "\"sum\" : 7"));
        StoreException e = assertThrows(StoreException.class, () -> new RecordFolder(copy).open(null, -1));
        assertTrue(e.getMessage().contains(RunFolder.analysisFile(NAME)), e.getMessage());
        assertThrows(StoreException.class, () -> RecordedRuns.read(withAnalysis(), new RecordTier(records)));
        assertFalse(RecordedRuns.inspect(copy).verifies());
    }

    @Test
    void aRecordWhoseStatusPinsAnAnalysisItDoesNotKeepIsRefused() throws IOException {
        Path records = Files.createTempDirectory(tmp, "records");
        StoreFixtures.copyFolder(tmp.resolve("records"), records);
        Path copy = records.resolve("analysed").resolve(withAnalysis().runId());
        Files.delete(copy.resolve(RunFolder.analysisFile(NAME)));
        StoreException e = assertThrows(StoreException.class, () -> new RecordFolder(copy).open(null, -1));
        assertTrue(e.getMessage().contains(RunFolder.analysisFile(NAME)), e.getMessage());
    }

    @Test
    void aDamagedAnalysisInResultsIsMadeAgain() throws IOException {
        Path results = Files.createTempDirectory(tmp, "results");
        StoreFixtures.copyFolder(tmp.resolve("results"), results);
        Path f = results.resolve("analysed").resolve(withAnalysis().runId()).resolve(RunFolder.analysisFile(NAME));
        Files.writeString(f, "{}");
        List<String> notes = new ArrayList<>();
        RunResult again = StoreFixtures.runner(results, notes).run(withAnalysis());
        assertTrue(String.join("\n", notes).contains(RunFolder.analysisFile(NAME)), notes.toString());
        assertSameAnalysis(trained, again);
        StoreFixtures.assertSameMetrics(trained.metrics(), again.metrics());
    }

    @Test
    void askingForAnAnalysisTheRunDoesNotKeepSaysWhatToDo() {
        IllegalStateException notNamed = assertThrows(IllegalStateException.class,
                () -> trained.analysis("copi-compression", Object.class));
        assertTrue(notNamed.getMessage().contains("analysed/" + withAnalysis().runId())
                && notNamed.getMessage().contains("addAnalyses"), notNamed.getMessage());
        RunResult older = new RunResult(withAnalysis(), null, null, trained.metrics(), trained.folder(), true, false, "");
        IllegalStateException notKept = assertThrows(IllegalStateException.class, () -> older.analysis(NAME, FirstWeights.class));
        assertTrue(notKept.getMessage().contains(withAnalysis().runId()) && notKept.getMessage().contains("train the run again"),
                notKept.getMessage());
    }

    @Test
    void experimentsWithoutAnalysesKeepTheirJsonAndRunId() {
        Experiment plain = RecordedRunsTest.tiny();
        assertFalse(plain.toJson().contains("analyses"), plain.toJson());
        assertEquals(plain.runId(), Experiment.fromJson(plain.toJson()).runId());
        assertNotEquals(plain.runId(), plain.toBuilder().addAnalyses(NAME).build().runId());
        assertEquals(withAnalysis(), Experiment.fromJson(withAnalysis().toJson()).withName("analysed"));
    }
}
