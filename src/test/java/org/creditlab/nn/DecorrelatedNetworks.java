package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Fixtures of the COPI tests: small decorrelated networks in double precision, and a relative-error assertion. */
public final class DecorrelatedNetworks {
    private DecorrelatedNetworks() {}

    /** The paper's network with sizes {@code sizes}, in float64, whose R matrices are moved away from the identity. */
    public static Network network(long seed, int... sizes) {
        Network net = DecorrelatedMlpSpec.of(sizes).toBuilder().precision(Precision.FLOAT64).build().build(seed);
        Rng rng = Rng.of(seed).child("r");
        for (Layer l : net.layers()) {
            if (l instanceof Decorrelation d) {
                d.weight().value().addi(rng.child(d.name()).normal(DataType.DOUBLE, 0, 0.3, d.units(), d.units()));
            }
        }
        return net;
    }

    /** ‖expected − actual‖ ≤ tolerance·‖expected‖, with equal shapes. */
    public static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + " shape");
        double scale = Math.max(1e-12, expected.norm2Number().doubleValue());
        double err = expected.sub(actual).norm2Number().doubleValue() / scale;
        assertTrue(err < tolerance, () -> String.format("%s: relative error %.3g", what, err));
    }
}
