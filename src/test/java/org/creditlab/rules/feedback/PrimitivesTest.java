package org.creditlab.rules.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.nn.Dense;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each primitive's gradient against central finite differences of its value, in double precision, and the exact
 * forms (with the layer's bias) against a hand computation.
 */
class PrimitivesTest {

    private static INDArray matrix(double[][] m) {
        return Nd4j.createFromArray(m);
    }

    /**
     * A 2→2 dense layer with a bias, two examples, every number worked by hand. The reference code adds the bias b to
     * the forward projection f = Wx + b and to the backward projection p = Bᵀx + b:
     * <pre>
     *   W = [[1, 0], [2, −1]], b = (0.5, −1), B = [[0.5, 1], [−1, 2]], x₁ = (1, 2), x₂ = (−1, 0)
     *   f₁ = (1, 0) + b = (1.5, −1)      f₂ = (−1, −2) + b = (−0.5, −3)
     *   p₁ = (−1.5, 5) + b = (−1, 4)     p₂ = (−0.5, −1) + b = (0, −2)
     *   B f₁ = (−0.25, −3.5)             B f₂ = (−3.25, −5.5)
     * </pre>
     */
    @Test
    void theBiasEntersBothProjectionsAsInTheReferenceCode() {
        Dense w = new Dense("w", matrix(new double[][] {{1, 0}, {2, -1}}), Nd4j.createFromArray(0.5, -1.0));
        INDArray b = matrix(new double[][] {{0.5, 1}, {-1, 2}});
        Primitive.Activity a = Primitive.Activity.of(w, matrix(new double[][] {{1, 2}, {-1, 0}}));
        Fixtures.assertClose(matrix(new double[][] {{1.5, -1}, {-0.5, -3}}), a.response(), 1e-15, "forward projection f = Wx + b");

        // Amp = −½(f₁·p₁ + f₂·p₂) = −½(−5.5 + 6); ∇ = −½(x₁f₁ᵀ + x₂f₂ᵀ): p's bias is constant in B
        assertEquals(-0.25, Primitive.AMP.value(w, b, a), 1e-15);
        Fixtures.assertClose(matrix(new double[][] {{-1, -1}, {-1.5, 1}}), Primitive.AMP.gradient(w, b, a), 1e-15, "∇Amp");
        // Sparse = ½(‖p₁‖² + ‖p₂‖²) = ½(17 + 4); ∇ = (2/2)(x₁p₁ᵀ + x₂p₂ᵀ)
        assertEquals(10.5, Primitive.SPARSE.value(w, b, a), 1e-15);
        Fixtures.assertClose(matrix(new double[][] {{-1, 6}, {-2, 8}}), Primitive.SPARSE.gradient(w, b, a), 1e-15, "∇Sparse");
        // Null = ½(‖Bf₁‖² + ‖Bf₂‖²) = ½(12.3125 + 40.8125); ∇ = (2/2)(Bf₁ f₁ᵀ + Bf₂ f₂ᵀ)
        assertEquals(26.5625, Primitive.NULL.value(w, b, a), 1e-15);
        Fixtures.assertClose(matrix(new double[][] {{1.25, 10}, {-2.5, 20}}), Primitive.NULL.gradient(w, b, a), 1e-15, "∇Null");
        // Decay and Self do not see the data: ΣB² = 6.25, −⟨W, Bᵀ⟩ = −(0.5 + 0 + 2 − 2)
        assertEquals(6.25, Primitive.DECAY.value(w, b, a), 1e-15);
        assertEquals(-0.5, Primitive.SELF.value(w, b, a), 1e-15);
    }

    @Test
    void rulesWhoseProjectionsGainedTheBiasAreVersionTwo() {
        assertEquals(2, LearnedFeedbackSpec.weightMirror().algorithmVersion());
        assertEquals(2, LearnedFeedbackSpec.informationAlignment().algorithmVersion());
        assertEquals(2, LearnedFeedbackSpec.activationAlignment().algorithmVersion());
        assertEquals(1, LearnedFeedbackSpec.symmetricAlignment().algorithmVersion(), "Decay and Self do not see the bias");
    }

    @Test
    void sparseAndSelfAreTheNonLocalPrimitives() {
        assertTrue(LearnedFeedbackSpec.weightMirror().alignment().local(), "weight mirror");
        assertTrue(LearnedFeedbackSpec.informationAlignment().alignment().local(), "information alignment");
        assertFalse(LearnedFeedbackSpec.symmetricAlignment().alignment().local(), "symmetric alignment (Self)");
        assertFalse(LearnedFeedbackSpec.activationAlignment().alignment().local(), "activation alignment (Sparse + Amp)");
        assertFalse(Primitive.SPARSE.local());
    }

    @ParameterizedTest
    @EnumSource(Primitive.class)
    void gradientMatchesFiniteDifferences(Primitive p) {
        Dense w = new Dense("w", Fixtures.normal(1, 3, 5), Fixtures.normal(7, 3));
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
