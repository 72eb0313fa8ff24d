package org.creditlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.results.Json;
import org.creditlab.results.RecordFolder;
import org.creditlab.results.RecordManifest;
import org.creditlab.results.RecordTier;
import org.creditlab.results.RunFolder;
import org.creditlab.results.RunStore;
import org.creditlab.results.StoreException;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingOptions;
import org.creditlab.train.TrainingRun;
import org.creditlab.util.Sha256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Run records: a finished run exported without its checkpoint loads in place of training, with the same metrics and
 * no weights; a record that does not verify is never used, and the run trains in results/ instead; nothing but the
 * export writes the records tier.
 */
class RecordedRunsTest {
    private static final String EXPERIMENT = "recorded";

    @TempDir
    static Path tmp;
    private static RunResult trained;
    private static Path pristine;

    static Experiment tiny() {
        return Experiment.of(EXPERIMENT, DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(300).testLimit(100)
                        .download(false).build(), MlpSpec.of(784, 8, 10), new BackpropSpec(), OptimizerSpec.sgd(0.05),
                TrainingOptions.of(2, 50), 5);
    }

    @BeforeAll
    static void trainAndExportOneRun() {
        trained = StoreFixtures.runner(tmp.resolve("results")).run(tiny());
        String line = RecordedRuns.export(trained.folder(), new RecordTier(tmp.resolve("records")));
        assertTrue(line.startsWith("recorded "), line);
        pristine = tmp.resolve("records").resolve(EXPERIMENT).resolve(tiny().runId());
    }

    /** A runner on a fresh results folder over {@code records}, counting the epochs it trains. */
    private static Runner runner(Path records, AtomicInteger epochs, List<String> notes) throws IOException {
        Path results = Files.createTempDirectory(tmp, "fresh");
        return Runner.standard().quiet().store(new RunStore(results, new RecordTier(records))).notices(notes::add)
                .listen(new TrainingListener() {
                    @Override
                    public void endEpoch(TrainingRun run, EpochRecord r) {
                        epochs.incrementAndGet();
                    }
                });
    }

    /** A copy of the pristine record's tier, to damage. */
    private static Path copyOfRecords() throws IOException {
        Path records = Files.createTempDirectory(tmp, "records");
        StoreFixtures.copyFolder(tmp.resolve("records"), records);
        return records;
    }

    /** Every file of a folder with its bytes: what "never written" compares. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(p).toString(), Sha256.hex(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    @Test
    void aRecordKeepsConfigurationMetricsAndStatusButNoCheckpoint() throws IOException {
        assertEquals(List.of("config.json", "metrics.csv", "record.json", "status.json"), StoreFixtures.files(pristine));
        assertEquals(Files.readString(trained.folder().resolve(RunFolder.METRICS)), Files.readString(pristine.resolve(RunFolder.METRICS)));
        assertEquals(Files.readString(trained.folder().resolve(RunFolder.STATUS)), Files.readString(pristine.resolve(RunFolder.STATUS)));
        assertTrue(contents(pristine).size() == 4 && Files.size(pristine.resolve(RunFolder.METRICS)) < 4096);
        assertTrue(RecordedRuns.inspect(pristine).verifies(), RecordedRuns.inspect(pristine).problems().toString());
        assertTrue(RecordedRuns.export(trained.folder(), new RecordTier(tmp.resolve("records"))).startsWith("unchanged"));
    }

    @Test
    void aRecordedRunLoadsWithoutTrainingAndWithoutWritingTheRecord() throws IOException {
        Map<String, String> before = contents(tmp.resolve("records"));
        AtomicInteger epochs = new AtomicInteger();
        List<String> notes = new ArrayList<>();
        Runner runner = runner(tmp.resolve("records"), epochs, notes);
        RunResult r = runner.run(tiny());
        assertEquals(0, epochs.get(), "nothing was trained");
        assertTrue(r.recorded() && r.loaded() && !r.diverged());
        assertEquals(pristine, r.folder());
        assertEquals(trained.metrics().columns(), r.metrics().columns());
        for (String c : trained.metrics().columns()) {
            assertEquals(java.util.Arrays.toString(trained.metrics().column(c)), java.util.Arrays.toString(r.metrics().column(c)),
                    "the recorded metrics, every column: " + c);
        }
        assertEquals(trained.provenance(), r.provenance());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("loaded from the run record")), r.notes().toString());
        IllegalStateException noWeights = assertThrows(IllegalStateException.class, r::network);
        assertTrue(noWeights.getMessage().contains(pristine.toString()) && noWeights.getMessage().contains("CREDITLAB_RECORDS=none"),
                noWeights.getMessage());
        assertThrows(IllegalStateException.class, r::rule);
        assertFalse(Files.exists(runner.store().folder(EXPERIMENT, tiny().runId())), "results/ is not written");
        assertEquals(before, contents(tmp.resolve("records")), "the records tier is never written");
        assertTrue(RecordedRuns.isRecorded(runner.store(), tiny()));
        assertFalse(RecordedRuns.isRecorded(runner.store(), tiny().withSeed(6)));
        CaseLog.record("record", "finished run exported, asked for in an empty results folder",
                "loaded from the record, no epoch trained, same metrics; network() refused: " + noWeights.getMessage());
    }

    @Test
    void aFinishedRunInResultsWinsOverItsRecord() throws IOException {
        Runner runner = Runner.standard().quiet().store(new RunStore(tmp.resolve("results"), new RecordTier(copyOfRecords())));
        RunResult r = runner.run(tiny());
        assertTrue(r.loaded() && !r.recorded() && r.network() != null, "loaded from results/, with its weights");
    }

    @Test
    void recordedReadsTheRecordsTierAloneAndNeverTrains() throws IOException {
        AtomicInteger epochs = new AtomicInteger();
        Runner runner = runner(tmp.resolve("records"), epochs, new ArrayList<>());
        RunResult r = runner.recorded(tiny()).orElseThrow();
        assertTrue(r.recorded() && !r.stale());
        StoreFixtures.assertSameMetrics(trained.metrics(), r.metrics());
        assertTrue(runner.recorded(tiny().withSeed(6)).isEmpty(), "no record of seed 6");
        assertEquals(0, epochs.get(), "nothing was trained");
        // results/ holds the finished run too; a table of the records still reads the record
        Runner both = Runner.standard().quiet().store(new RunStore(tmp.resolve("results"), new RecordTier(tmp.resolve("records"))));
        assertEquals(pristine, both.recorded(tiny()).orElseThrow().folder());
        assertTrue(Runner.standard().noStore().recorded(tiny()).isEmpty());
    }

    @Test
    void aLoadOnlyRunnerLoadsStoredAndRecordedRunsAndTrainsNothing() throws IOException {
        AtomicInteger epochs = new AtomicInteger();
        Runner runner = runner(tmp.resolve("records"), epochs, new ArrayList<>()).loadOnly(true);
        assertTrue(runner.run(tiny()).recorded(), "the record");
        RunResult absent = runner.run(tiny().withSeed(6));
        assertTrue(absent.missing() && absent.message().contains("CREDITLAB_TRAIN") && absent.message().contains(tiny().withSeed(6).runId()),
                absent.message());
        assertFalse(Files.exists(runner.store().folder(EXPERIMENT, tiny().withSeed(6).runId())), "no folder is left behind");
        assertEquals(0, epochs.get(), "nothing was trained");
        Runner results = Runner.standard().quiet().store(new RunStore(tmp.resolve("results"), null)).loadOnly(true);
        assertTrue(results.run(tiny()).loaded() && !results.run(tiny()).recorded(), "a finished run of results/");
        assertTrue(Runner.standard().noStore().loadOnly(true).run(tiny()).missing());
        assertTrue(Runner.loadOnly("no") && Runner.loadOnly(" NO ") && !Runner.loadOnly("yes") && !Runner.loadOnly(null));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Runner.loadOnly("never"));
        assertTrue(bad.getMessage().startsWith("CREDITLAB_TRAIN=never: say 'yes'"), bad.getMessage());
    }

    @Test
    void recordedRefusesARecordThatDoesNotVerifyNamingIt() throws IOException {
        Path records = copyOfRecords();
        Path record = records.resolve(EXPERIMENT).resolve(tiny().runId());
        editLastLine(record.resolve(RunFolder.METRICS));
        Runner runner = Runner.standard().quiet().store(new RunStore(Files.createTempDirectory(tmp, "fresh"), new RecordTier(records)));
        StoreException e = assertThrows(StoreException.class, () -> runner.recorded(tiny()));
        assertTrue(e.getMessage().contains(record.resolve(RunFolder.METRICS).toString()), e.getMessage());
    }

    /** A damage done to a copy of the record, and the file the refusal must name. */
    record Tamper(String name, String file, Damage damage) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Damage {
        /** Damages the record in {@code records}; returns the experiment to ask for. */
        Experiment apply(Path records, Path record) throws IOException;
    }

    static Stream<Arguments> tampers() {
        return Stream.of(
                new Tamper("metrics edited", "metrics.csv", (records, record) -> {
                    editLastLine(record.resolve(RunFolder.METRICS));
                    return tiny();
                }),
                new Tamper("config edited", "config.json", (records, record) -> {
                    Path f = record.resolve(RunFolder.CONFIG);
                    Files.writeString(f, Files.readString(f).replace("\"seed\" : 5", "\"seed\" : 6"));
                    return tiny();
                }),
                new Tamper("status edited", "status.json", (records, record) -> {
                    Path f = record.resolve(RunFolder.STATUS);
                    Files.writeString(f, Files.readString(f).replace("\"state\" : \"complete\"", "\"state\" : \"diverged\""));
                    return tiny();
                }),
                new Tamper("record.json edited", "record.json", (records, record) -> {
                    Path f = record.resolve(RecordFolder.MANIFEST);
                    Files.writeString(f, Files.readString(f).replace("\"exported\" : \"", "\"exported\" : \"1"));
                    return tiny();
                }),
                new Tamper("metrics edited and record.json resealed", "metrics.csv", (records, record) -> {
                    editLastLine(record.resolve(RunFolder.METRICS));
                    reseal(record);
                    return tiny();
                }),
                new Tamper("record of another run under this run id", "record.json", (records, record) -> {
                    Experiment other = tiny().withSeed(6);
                    Files.move(record, record.resolveSibling(other.runId()));
                    return other;
                }),
                new Tamper("record.json missing (export interrupted)", "record.json", (records, record) -> {
                    Files.delete(record.resolve(RecordFolder.MANIFEST));
                    return tiny();
                }),
                new Tamper("checkpoint-less run copied in by hand", "record.json", (records, record) -> {
                    for (String f : List.of(RunFolder.CONFIG, RunFolder.METRICS, RunFolder.STATUS)) {
                        Files.copy(trained.folder().resolve(f), record.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.delete(record.resolve(RecordFolder.MANIFEST));
                    return tiny();
                })).map(Arguments::of);
    }

    private static void editLastLine(Path metrics) throws IOException {
        String text = Files.readString(metrics);
        int cut = text.lastIndexOf(',');
        Files.writeString(metrics, text.substring(0, cut + 1) + "0.123\n");
    }

    /** Rewrites record.json to pin the files as they are now, sealed as an export would seal it. */
    private static void reseal(Path record) throws IOException {
        RecordManifest m = Json.read(Files.readString(record.resolve(RecordFolder.MANIFEST)), RecordManifest.class);
        Map<String, String> files = new TreeMap<>();
        for (String f : m.files().keySet()) {
            files.put(f, Sha256.hex(Files.readString(record.resolve(f))));
        }
        RecordManifest unsealed = new RecordManifest(m.format(), m.runId(), m.experiment(), files, m.exported(), null);
        RecordManifest sealed = new RecordManifest(m.format(), m.runId(), m.experiment(), files, m.exported(),
                Sha256.hex(Json.write(unsealed)));
        Files.writeString(record.resolve(RecordFolder.MANIFEST), Json.write(sealed) + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tampers")
    void aRecordThatDoesNotVerifyIsRefusedAndTheRunTrainsInResults(Tamper t) throws IOException {
        Path records = copyOfRecords();
        Experiment e = t.damage().apply(records, records.resolve(EXPERIMENT).resolve(tiny().runId()));
        Path record = records.resolve(EXPERIMENT).resolve(e.runId());
        Map<String, String> before = contents(records);
        AtomicInteger epochs = new AtomicInteger();
        List<String> notes = new ArrayList<>();
        Runner runner = runner(records, epochs, notes);
        RunResult r = runner.run(e);
        String refusal = notes.stream().filter(n -> n.contains("The record is not used")).findFirst().orElseThrow(
                () -> new AssertionError(t + ": no refusal among " + notes));
        assertTrue(refusal.contains(record.resolve(t.file()).toString()), t + " must name " + t.file() + ": " + refusal);
        assertEquals(2, epochs.get(), "the run trained");
        assertTrue(!r.recorded() && !r.loaded() && r.network() != null);
        assertEquals(runner.store().folder(EXPERIMENT, e.runId()), r.folder(), "in results/");
        assertEquals(before, contents(records), "the records tier is never written, even to repair it");
        if (e.equals(tiny())) {
            StoreFixtures.assertSameMetrics(trained.metrics(), r.metrics());
        }
        StoredRuns.Summary s = RecordedRuns.inspect(record);
        assertFalse(s.verifies(), t + ": runs verify must report it");
        CaseLog.record("record", t.name(), "refused, trained in results/ instead: " + refusal);
    }

    @Test
    void anUnfinishedRunIsNotRecorded() {
        Runner crashing = StoreFixtures.runner(tmp.resolve("unfinished")).listen(new TrainingListener() {
            @Override
            public void endEpoch(TrainingRun run, EpochRecord r) {
                if (r.get("epoch") == 2) {
                    throw new IllegalStateException("simulated crash in epoch 2");
                }
            }
        });
        assertThrows(IllegalStateException.class, () -> crashing.run(tiny()));
        Path folder = tmp.resolve("unfinished").resolve(EXPERIMENT).resolve(tiny().runId());
        Path tier = tmp.resolve("unfinished-records");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> RecordedRuns.export(folder, new RecordTier(tier)));
        assertTrue(refused.getMessage().contains("is not finished") && refused.getMessage().contains(folder.toString()),
                refused.getMessage());
        assertFalse(Files.exists(tier), "nothing is written");
        CaseLog.record("record", "runs record on an interrupted run", "refused: " + refused.getMessage());
    }
}
