package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The per-sample dense algebra (moved here from the papers' tests when it became package-private). */
class SmallMatricesTest {

    @Test
    void solvesADiagonalSystem() {
        assertArrayEquals(new double[] {1, 0}, SmallMatrices.solve(new double[][] {{2, 0}, {0, 3}}, new double[] {2, 0}),
                1e-12);
    }
}
