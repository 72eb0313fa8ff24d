package org.creditlab.papers.kunin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.creditlab.notebook.Profile;
import org.creditlab.rules.feedback.Primitive;
import org.creditlab.sweep.Search;
import org.junit.jupiter.api.Test;

/**
 * The FULL sensitivity search is planned from the curvatures recorded with its runs: they agree with a fresh
 * measurement, and the plan they give is the one whose trials the repository's records hold.
 */
class KuninStabilityTest {

    @Test
    void theRecordedCurvaturesAgreeWithAFreshMeasurement() {
        Scale full = Scale.of(Profile.FULL);
        assertSame(KuninPresets.FULL_SEARCH_STABILITY, KuninStudy.searchStability(full));
        FeedbackStability measured = KuninStudy.measureSearchStability(full);
        List<FeedbackStability.LayerCurvature> pinned = KuninPresets.FULL_SEARCH_STABILITY.layers();
        assertEquals(pinned.size(), measured.layers().size());
        for (int i = 0; i < pinned.size(); i++) {
            assertEquals(pinned.get(i).layer(), measured.layers().get(i).layer());
            for (Map.Entry<Primitive, Double> k : pinned.get(i).curvature().entrySet()) {
                double now = measured.layers().get(i).curvature().get(k.getKey());
                assertEquals(k.getValue(), now, 1e-4 * Math.max(1, Math.abs(k.getValue())), pinned.get(i).layer() + " "
                        + k.getKey() + ": the search network or its data changed; pinning the new curvatures re-plans the "
                        + "FULL search, whose records would then have to be retrained");
            }
        }
    }

    @Test
    void everyPlannedTrialOfTheFullSearchIsRecorded() {
        Scale full = Scale.of(Profile.FULL);
        Path folder = Path.of("records", KuninPresets.EXPERIMENT + "-search");
        for (Method rule : List.of(Method.WM, Method.IA)) {
            for (Search.Planned t : KuninStudy.sensitivity(rule, full, KuninStudy.searchStability(full)).plan()) {
                String id = t.experiment().runId();
                assertTrue(Files.isRegularFile(folder.resolve(id).resolve("record.json")),
                        rule + ": the planned trial " + id + " has no record in " + folder);
            }
        }
    }
}
