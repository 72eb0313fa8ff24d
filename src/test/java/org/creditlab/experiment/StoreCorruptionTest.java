package org.creditlab.experiment;

import static org.creditlab.experiment.StoreFixtures.assertSameRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.creditlab.results.StoreException;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corruption matrix: for a finished run and for an interrupted one, each stored file is damaged in each way
 * (deleted, emptied, truncated, bytes flipped, replaced by a folder, and the edits a careless user makes). Each case
 * must either stop with a {@link StoreException} that names the damaged file, or recover, say so, and give exactly
 * the uninterrupted run's numbers and weights. None may be reused silently.
 */
class StoreCorruptionTest {
    private static final String EXPERIMENT = "corrupt";

    @TempDir
    static Path tmp;
    private static RunResult reference;
    private static Path finished;
    private static Path interrupted;

    @BeforeAll
    static void storeAFinishedAndAnInterruptedRun() {
        reference = StoreFixtures.runner(tmp.resolve("finished")).run(TestData.small(EXPERIMENT));
        finished = reference.folder();
        Runner crashing = StoreFixtures.runner(tmp.resolve("interrupted")).listen(new TrainingListener() {
            @Override
            public void endEpoch(TrainingRun run, EpochRecord r) {
                if (r.get("epoch") == 3) {
                    throw new IllegalStateException("simulated crash in epoch 3");
                }
            }
        });
        try {
            crashing.run(TestData.small(EXPERIMENT));
            fail("the simulated crash did not happen");
        } catch (IllegalStateException expected) {
            interrupted = tmp.resolve("interrupted").resolve(EXPERIMENT).resolve(finished.getFileName());
        }
    }

    enum Damage {
        DELETE, EMPTY, TRUNCATE, FLIP_BYTES, FOLDER, ZERO_4000_BYTES, RANDOM_BYTES
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String state : List.of("finished", "interrupted")) {
            for (String file : List.of("config.json", "status.json", "metrics.csv", "checkpoint")) {
                for (Damage d : Damage.values()) {
                    out.add(Arguments.of(state, file, d.name()));
                }
            }
            for (String edit : List.of("metrics: last row removed", "metrics: header only", "metrics: a value edited",
                    "status: state changed", "status: an earlier epoch", "status: epochsDone -1",
                    "config: a value edited", "status: the JSON literal null", "config: the JSON literal null",
                    "leftover temporary files")) {
                out.add(Arguments.of(state, edit, "EDIT"));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} run, {1}, {2}")
    @MethodSource("cases")
    void damageIsReportedOrRepairedNeverReusedSilently(String state, String file, String damage) throws IOException {
        Path root = tmp.resolve("case-" + (state + file + damage).replaceAll("[^A-Za-z0-9]", "_"));
        Path folder = root.resolve(EXPERIMENT).resolve(finished.getFileName());
        StoreFixtures.copyFolder(state.equals("finished") ? finished : interrupted, folder);
        String damagedName = damage.equals("EDIT") ? edit(folder, file) : damage(folder, file, Damage.valueOf(damage));
        List<String> notes = new ArrayList<>();
        RunResult r;
        try {
            r = StoreFixtures.runner(root, notes).run(TestData.small(EXPERIMENT));
        } catch (StoreException e) {
            assertTrue(e.getMessage().contains(damagedName), "the message must name " + damagedName + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("runs reset"), "the message must say what to do: " + e.getMessage());
            assertTrue(Files.exists(folder), "nothing is deleted on an error");
            CaseLog.record("store: " + state + " run", file + ", " + damage, "refused: " + e.getMessage());
            return;
        }
        assertFalse(notes.isEmpty(), "a repair must be reported");
        assertSameRun(reference, r);
        // once repaired, the folder verifies without further notes and loads the same run
        List<String> again = new ArrayList<>();
        RunResult loaded = StoreFixtures.runner(root, again).run(TestData.small(EXPERIMENT));
        assertTrue(loaded.loaded());
        assertEquals(List.of(), again);
        assertSameRun(reference, loaded);
        CaseLog.record("store: " + state + " run", file + ", " + damage, "recovered, bit-identical: " + String.join(" | ", notes));
    }

    @org.junit.jupiter.api.Test
    void aRunStoredBeforeChecksumsIsSetAsideAndTrainedAgain() throws IOException {
        Path root = tmp.resolve("format1");
        Path folder = root.resolve(EXPERIMENT).resolve(finished.getFileName());
        Files.createDirectories(folder);
        Files.copy(finished.resolve("config.json"), folder.resolve("config.json"));
        Files.write(folder.resolve("checkpoint.bin"), new byte[] {0x43, 0x4C, 0x4B, 0x31, 0, 0, 0, 0});
        Files.writeString(folder.resolve("metrics.csv"), "epoch,test_acc\n1.0,0.99\n2.0,0.99\n3.0,0.99\n");
        Files.writeString(folder.resolve("status.json"), "{\"state\":\"complete\",\"epochsDone\":3,\"message\":\"\"}");
        List<String> notes = new ArrayList<>();
        RunResult r = StoreFixtures.runner(root, notes).run(TestData.small(EXPERIMENT));
        assertFalse(r.loaded(), "an unverifiable run is never reused");
        assertSameRun(reference, r);
        assertTrue(notes.stream().anyMatch(n -> n.contains("storage format 1") && n.contains("format1-unverified")), notes.toString());
        assertEquals(List.of("checkpoint.bin", "metrics.csv", "status.json"), StoreFixtures.files(folder.resolve("format1-unverified")));
        CaseLog.record("store: format-1 run", "written before checksums (no epoch, run id or checksum)",
                "set aside and trained again; its files kept unused: " + String.join(" | ", notes));
    }

    /** Damages the file; returns its name for the message check. */
    private static String damage(Path folder, String file, Damage d) throws IOException {
        Path p = file.equals("checkpoint") ? checkpoint(folder) : folder.resolve(file);
        byte[] b = Files.readAllBytes(p);
        switch (d) {
            case DELETE -> Files.delete(p);
            case EMPTY -> Files.write(p, new byte[0]);
            case TRUNCATE -> Files.write(p, java.util.Arrays.copyOf(b, b.length / 2));
            case FLIP_BYTES -> {
                for (int i = b.length / 2; i < Math.min(b.length, b.length / 2 + 3); i++) {
                    b[i] ^= 0x5A;
                }
                Files.write(p, b);
            }
            case FOLDER -> {
                Files.delete(p);
                Files.createDirectories(p.resolve("inside"));
            }
            case ZERO_4000_BYTES -> {
                java.util.Arrays.fill(b, b.length / 4, Math.min(b.length, b.length / 4 + 4000), (byte) 0);
                Files.write(p, b);
            }
            case RANDOM_BYTES -> {
                new Random(3).nextBytes(b);
                Files.write(p, b);
            }
        }
        return p.getFileName().toString();
    }

    private static String edit(Path folder, String what) throws IOException {
        switch (what) {
            case "metrics: last row removed" -> rewrite(folder.resolve("metrics.csv"), s -> s.substring(0, s.stripTrailing().lastIndexOf('\n') + 1));
            case "metrics: header only" -> rewrite(folder.resolve("metrics.csv"), s -> s.substring(0, s.indexOf('\n') + 1));
            case "metrics: a value edited" -> rewrite(folder.resolve("metrics.csv"), s -> s.replaceFirst("\n(\\d+\\.0),(\\d)", "\n$1,9"));
            case "status: state changed" -> rewrite(folder.resolve("status.json"), s -> s.contains("\"running\"")
                    ? s.replace("\"running\"", "\"complete\"") : s.replace("\"complete\"", "\"running\""));
            case "status: an earlier epoch" -> rewrite(folder.resolve("status.json"), s -> s.replaceFirst("\"epochsDone\" : (\\d)", "\"epochsDone\" : 1"));
            case "status: epochsDone -1" -> rewrite(folder.resolve("status.json"), s -> s.replaceFirst("\"epochsDone\" : (\\d)", "\"epochsDone\" : -1"));
            case "status: the JSON literal null" -> rewrite(folder.resolve("status.json"), s -> "null\n");
            case "config: the JSON literal null" -> rewrite(folder.resolve("config.json"), s -> "null\n");
            case "config: a value edited" -> rewrite(folder.resolve("config.json"), s -> s.replace("\"seed\" : 7", "\"seed\" : 8"));
            case "leftover temporary files" -> {
                Files.writeString(folder.resolve(".checkpoint-0009.bin.123.tmp"), "half a checkpoint");
                Files.writeString(folder.resolve(".status.json.456.tmp"), "{");
            }
            default -> throw new IllegalArgumentException(what);
        }
        return what.substring(0, what.indexOf(':') < 0 ? what.length() : what.indexOf(':'));
    }

    private static void rewrite(Path f, java.util.function.UnaryOperator<String> change) throws IOException {
        String before = Files.readString(f, StandardCharsets.UTF_8);
        String after = change.apply(before);
        assertFalse(before.equals(after), "the edit of " + f.getFileName() + " changed nothing");
        Files.writeString(f, after, StandardCharsets.UTF_8);
    }

    private static Path checkpoint(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith("checkpoint-")).findFirst().orElseThrow();
        }
    }
}
