package org.creditlab.papers.dfc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.creditlab.data.DataSpec;
import org.creditlab.data.Dataset;
import org.creditlab.data.Datasets;
import org.creditlab.data.StudentTeacher;
import org.creditlab.diagnostics.Analyses;
import org.creditlab.diagnostics.ControllerTrace;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.RecordedRuns;
import org.creditlab.experiment.RunResult;
import org.creditlab.experiment.Runner;
import org.creditlab.notebook.Profile;
import org.creditlab.results.RecordTier;
import org.creditlab.results.RunStore;
import org.creditlab.rules.dfc.ControlledRule;
import org.creditlab.rules.dfc.DfcSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fig. 1D's controller trace is an analysis of the trained run: what the figure once simulated from the trained rule,
 * kept with the run and read back the same from a record, which has no weights; without its run the figure and the
 * findings say so. Adding the analysis moved only Fig. 1D's run id: Table 1's recorded runs keep theirs.
 */
class ControllerTraceAnalysisTest {
    @TempDir
    static Path tmp;
    private static Experiment fig1d;
    private static RunResult trained;
    private static RunResult recorded;

    /** Fig. 1D's QUICK run on a small toy task, with one pre-training epoch of one sleep batch. */
    @BeforeAll
    static void trainRecordAndLoad() {
        Experiment quick = DfcStudy.figure1DExperiment(Profile.QUICK);
        DfcSpec spec = ((DfcSpec) quick.rule()).toBuilder().pretrainEpochs(1).sleepBatches(1).build();
        fig1d = quick.toBuilder().rule(spec).data(DataSpec.of(StudentTeacher.reference(15, 1, 200, 0, 50, 42))).build();
        trained = Runner.standard().quiet().store(new RunStore(tmp.resolve("results"))).run(fig1d);
        assertFalse(trained.diverged(), trained.message());
        RecordedRuns.export(trained.folder(), new RecordTier(tmp.resolve("records")));
        recorded = Runner.standard().quiet().store(new RunStore(tmp.resolve("fresh"), new RecordTier(tmp.resolve("records"))))
                .run(fig1d);
        assertTrue(recorded.recorded());
    }

    @Test
    void theFiguresRunKeepsTheTrace() {
        assertEquals(List.of(Analyses.DFC_CONTROLLER_TRACE), DfcStudy.figure1DExperiment(Profile.FULL).analyses());
        assertEquals(List.of(Analyses.DFC_CONTROLLER_TRACE), DfcStudy.figure1DExperiment(Profile.QUICK).analyses());
    }

    @Test
    void theTraceIsWhatTheTrainedRuleGives() {
        ControlledRule rule = (ControlledRule) trained.rule();
        Dataset first = Datasets.load(fig1d.data()).train().select(IntStream.range(0, DfcPresets.BATCH).toArray());
        ControllerTrace old = ControllerTrace.simulate(rule, rule.controller(), first.inputs(), first.targets(), 0);
        ControllerTrace kept = recorded.analysis(Analyses.DFC_CONTROLLER_TRACE, ControllerTrace.class);
        assertEquals(rule.controller().steps(), kept.steps());
        assertEquals(rule.controller().dt(), kept.dt());
        assertArrayEquals(old.output().values(), kept.output().values());
        assertArrayEquals(old.control().values(), kept.control().values());
        assertArrayEquals(old.target(), kept.target());
        assertArrayEquals(kept.control().values(), trained.analysis(Analyses.DFC_CONTROLLER_TRACE, ControllerTrace.class)
                .control().values());
    }

    @Test
    void theFigureIsDrawnFromARecordOfKilobytes() throws IOException {
        assertThrows(IllegalStateException.class, recorded::rule);
        ControllerTrace kept = recorded.analysis(Analyses.DFC_CONTROLLER_TRACE, ControllerTrace.class);
        assertEquals(760, DfcFigures.output(kept).image(760, 380).getWidth());
        long bytes;
        try (Stream<Path> s = Files.walk(recorded.folder())) {
            bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes < 60_000, "a record of kilobytes: " + bytes);
    }

    @Test
    void withoutItsRunTheFigureSaysNotRun() {
        RunResult missing = Runner.standard().quiet().loadOnly(true).store(new RunStore(tmp.resolve("empty"))).run(fig1d);
        assertTrue(missing.missing());
        assertEquals(760, DfcFigures.output(null).image(760, 380).getWidth());
        assertEquals(760, DfcFigures.control(null).image(760, 320).getWidth());
    }

    /** Every recorded Table 1 run is still a run of the study: its folder's run id is one the study asks for. */
    @Test
    void table1KeepsItsRecordedRunIds() throws IOException {
        Set<String> asked = new HashSet<>();
        for (Method m : DfcStudy.table1Methods(Profile.FULL)) {
            Experiment e = DfcStudy.table1Runner().prepare(DfcStudy.table1Experiment(Profile.FULL, "fmnist", m));
            assertTrue(e.analyses().isEmpty(), m.label());
            for (long seed : DfcStudy.seeds(Profile.FULL)) {
                asked.add(e.withSeed(seed).runId());
            }
        }
        Path records = Path.of("records", "dfc-table1-fmnist");
        List<String> ids;
        try (Stream<Path> s = Files.list(records)) {
            ids = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertFalse(ids.isEmpty(), "no records under " + records.toAbsolutePath());
        for (String id : ids) {
            assertTrue(asked.contains(id), id + " is no longer a run of Table 1");
        }
    }
}
