package org.creditlab.papers.kunin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.charts.Plot;
import org.creditlab.charts.Scatter;
import org.creditlab.experiment.RunResult;
import org.creditlab.notebook.Profile;
import org.creditlab.sweep.SearchResult;
import org.creditlab.sweep.SeedRuns;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.MetricsTable;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Every figure of the Kunin notebook draws from runs shaped like the studies' (the notebook itself is not run here). */
class KuninFiguresTest {

    /** Two epochs of one run; only rules with a learned or fixed B record the angle between B and Wᵀ. */
    private static RunResult run(double accuracy, boolean hasFeedback) {
        List<EpochRecord> epochs = new ArrayList<>();
        for (int e = 1; e <= 2; e++) {
            EpochRecord r = new EpochRecord().put("epoch", e).put("test_acc", accuracy * e / 2).put("angle_bp/network", 40.0 / e);
            epochs.add(hasFeedback ? r.put("angle_BWt/dense3", 60.0 / e) : r);
        }
        return new RunResult(null, null, null, new MetricsTable("t", epochs), null, false, false, "");
    }

    private static SeedRuns seeds(Method m, double accuracy) {
        return new SeedRuns(m.label(), List.of(run(accuracy, m != Method.BP), run(accuracy - 0.01, m != Method.BP)));
    }

    private static Map<Method, List<SeedRuns>> bySetting(List<Method> rules, int settings) {
        Map<Method, List<SeedRuns>> out = new LinkedHashMap<>();
        for (Method m : rules) {
            List<SeedRuns> runs = new ArrayList<>();
            for (int i = 0; i < settings; i++) {
                runs.add(seeds(m, 0.8 - 0.05 * i));
            }
            out.put(m, runs);
        }
        return out;
    }

    private static void draws(Plot p) {
        BufferedImage image = p.image(320, 200);
        assertEquals(320, image.getWidth());
    }

    @Test
    void everyFigureDrawsFromTheStudiesRuns() {
        Map<Method, SeedRuns> zoo = new LinkedHashMap<>();
        for (Method m : Method.values()) {
            zoo.put(m, seeds(m, 0.85));
        }
        draws(KuninFigures.zooAccuracy(zoo));
        draws(KuninFigures.updateAngles(zoo));
        draws(KuninFigures.feedbackAngles(zoo));

        SearchResult search = new SearchResult(List.of(new SearchResult.TrialResult(0, Map.of(), run(0.8, true)),
                new SearchResult.TrialResult(1, Map.of(), run(0.7, true))));
        draws(KuninFigures.searchTrials(search, search, seeds(Method.BP, 0.86)));

        Scale quick = Scale.of(Profile.QUICK);
        draws(KuninFigures.depth(bySetting(KuninStudy.DEPTH_RULES, quick.depths().size()), quick.depths()));
        draws(KuninFigures.noise(bySetting(KuninStudy.NOISE_RULES, quick.noiseVariances().size()), quick.noiseVariances()));
        Map<Method, List<SeedRuns>> aaDiverges = bySetting(KuninStudy.NOISE_RULES, 2);
        aaDiverges.put(Method.AA, List.of(seeds(Method.AA, 0.8), new SeedRuns("aa", List.of(
                new RunResult(null, null, null, new MetricsTable("t", List.of()), null, false, true, "NaN")))));
        Scatter noisy = KuninFigures.noise(aaDiverges, List.of(0.0, 0.1));
        assertTrue(noisy.legend().contains("aa (diverged at 0.1)"), "a rule that diverged is named, not dropped: " + noisy.legend());
        assertTrue(noisy.legend().contains("sa"), noisy.legend().toString());
        ResNetDepth resnets = ResNetDepth.of(Profile.QUICK);
        draws(KuninFigures.resnetGaps(resnets, bySetting(ResNetDepth.RULES, resnets.depths().size())));
    }

    @Test
    void theZooTableAveragesBsAngleOverTheSeedsThatDidNotDiverge() {
        // weight mirror's seeds diverge in their third epoch, after two finished epochs whose angles are on record
        List<EpochRecord> before = List.of(new EpochRecord().put("epoch", 1).put("test_acc", 0.6).put("angle_BWt/dense3", 80.0),
                new EpochRecord().put("epoch", 2).put("test_acc", 0.5).put("angle_BWt/dense3", 90.0));
        RunResult diverged = new RunResult(null, null, null, new MetricsTable("t", before), null, true, true, "loss NaN in epoch 3");
        Map<Method, SeedRuns> zoo = new LinkedHashMap<>();
        zoo.put(Method.FA, new SeedRuns("fa", List.of(run(0.85, true), diverged)));
        zoo.put(Method.WM, new SeedRuns("wm", List.of(diverged, diverged)));
        Table t = KuninFindings.zoo(zoo);
        DoubleColumn angle = t.doubleColumn("∠(B, Wᵀ) mean over layers °");
        assertEquals(30.0, angle.get(0), 1e-12, "FA: its finished seed's last angle alone");
        assertTrue(angle.isMissing(1), "WM: every seed diverged, so no angle: " + angle.getString(1));
    }
}
