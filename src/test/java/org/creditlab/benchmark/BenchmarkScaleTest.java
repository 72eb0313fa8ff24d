package org.creditlab.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.creditlab.notebook.Profile;
import org.junit.jupiter.api.Test;

class BenchmarkScaleTest {

    @Test
    void theChosenSettingRunsOnSeedsTheSearchDidNotUse() {
        for (Profile p : Profile.values()) {
            BenchmarkScale s = BenchmarkScale.of(p);
            long[] seeds = s.seedList();
            assertArrayEquals(new long[0], Arrays.stream(seeds).filter(x -> x == BenchmarkPresets.TRIAL_SEED).toArray(),
                    p + ": the search's seed is not reused");
            assertArrayEquals(Arrays.stream(seeds).distinct().toArray(), seeds, p + ": distinct seeds");
            assertEquals(s.seeds(), seeds.length, p.toString());
        }
    }
}
