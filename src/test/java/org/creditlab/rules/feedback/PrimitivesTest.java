package org.creditlab.rules.feedback;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.nn.Dense;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Each primitive's gradient against central finite differences of its value, in double precision. */
class PrimitivesTest {

    @ParameterizedTest
    @EnumSource(Primitive.class)
    void gradientMatchesFiniteDifferences(Primitive p) {
        Dense w = new Dense("w", Fixtures.normal(1, 3, 5), null);
        INDArray b = Fixtures.normal(2, 5, 3);
        Primitive.Activity a = Primitive.Activity.of(w, Fixtures.normal(3, 7, 5));
        INDArray g = p.gradient(w, b, a);
        double h = 1e-6;
        for (long i = 0; i < b.length(); i++) {
            double orig = b.getDouble(i);
            b.putScalar(i, orig + h);
            double plus = p.value(w, b, a);
            b.putScalar(i, orig - h);
            double minus = p.value(w, b, a);
            b.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * h);
            double err = Math.abs(numeric - g.getDouble(i)) / Math.max(1e-6, Math.abs(numeric) + Math.abs(g.getDouble(i)));
            long index = i;
            assertTrue(err < 1e-6, () -> p + "[" + index + "]: gradient " + g.getDouble(index) + " vs finite difference " + numeric);
        }
    }

    @ParameterizedTest
    @EnumSource(Primitive.class)
    void compositionsSumTheirTerms(Primitive p) {
        Dense w = new Dense("w", Fixtures.normal(4, 3, 5), null);
        INDArray b = Fixtures.normal(5, 5, 3);
        Primitive.Activity a = Primitive.Activity.of(w, Fixtures.normal(6, 7, 5));
        Alignment two = Alignment.of(0.3, p).plus(0.2, Primitive.DECAY);
        Fixtures.assertClose(p.gradient(w, b, a).mul(0.3).add(b.mul(0.4)), two.gradient(w, b, a), 1e-12, "composition");
    }
}
