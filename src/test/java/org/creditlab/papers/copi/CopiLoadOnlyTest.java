package org.creditlab.papers.copi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.data.DataSpec;
import org.creditlab.data.Dataset;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.RunResult;
import org.creditlab.notebook.Profile;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Without COPI (BP)'s run (load-only, no record), the figures that read its analyses say so instead of throwing. */
class CopiLoadOnlyTest {

    @Test
    void figuresOfARunNotRunSaySo() {
        CopiPresets.Setup setup = CopiPresets.analysisSetup(Profile.QUICK);
        RunResult notRun = RunResult.missing(CopiPresets.experiment(Method.COPI_BP, setup), null, "not trained");
        assertEquals("not run", notRun.whyNoResult());
        Dataset train = Datasets.load(DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(100).testLimit(10)
                .download(false).build()).train();
        assertEquals(1000, CopiFigures.decorrelationVsZca(notRun, train).image(1000, 330).getWidth());
        assertEquals(560, CopiFigures.receptiveFields(notRun, train, 4).image(560, 600).getWidth());
        Table t = CopiFigures.compressionTable("compression", List.of(), List.of());
        assertTrue(t.stringColumn("readout from").asList().stream().allMatch("(not run)"::equals), t.printAll());
        assertEquals(900, CopiFigures.compression("compression", List.of(), List.of()).image(900, 420).getWidth());
    }
}
