package org.creditlab.rules.feedback;

import static org.creditlab.rules.TinyCnn.close;
import static org.creditlab.rules.TinyCnn.conv2;
import static org.creditlab.rules.TinyCnn.dense;
import static org.creditlab.rules.TinyCnn.projected;
import static org.creditlab.rules.TinyCnn.through;
import static org.creditlab.rules.TinyCnn.transposedWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.Conv2d;
import org.creditlab.nn.ConvReference;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Pool2d;
import org.creditlab.nn.Precision;
import org.creditlab.nn.Updates;
import org.creditlab.nn.WeightLayer;
import org.creditlab.nn.Window;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.TinyCnn;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The feedback-pathway rules in convolutional form, on {@link TinyCnn} in double precision: each rule's update
 * against a step computed with loops from the definitions (its feedback written as a loop transposed convolution or
 * projection), FA with B = W against backprop, and the alignment regularisers' B-gradients on a convolution against
 * finite differences of the regularisers written with loops.
 */
class ConvFeedbackRulesTest {
    private static final double TOL = 1e-10;
    private final Network net = TinyCnn.build(1);
    private final INDArray x = TinyCnn.input(2, 4);
    private final INDArray t = TinyCnn.oneHot(0, 2, 1, 2);

    private Updates step(LearningRule rule) {
        return Fixtures.step(rule, net, x, t, 0, 0);
    }

    @Test
    void backpropMatchesTheLoopReference() {
        // validates the reference itself: with the weights' own transport it is backprop
        TinyCnn.reference(net, x, t, through(dense(net).transportMatrix()), transposedWith(conv2(net).weight().value()))
                .assertMatches(net, step(new BackpropSpec().create(net, 0)), TOL);
    }

    @Test
    void feedbackAlignmentWithBEqualToWReproducesBackpropExactly() {
        // the tiny CNN, and one with BatchNorm, a residual block with a strided projection, average pooling and a hidden dense layer
        Network rich = new CnnSpec(List.of(2L, 8L, 8L), List.of(new CnnSpec.Conv(3, 3, 1, 1, true, true),
                new CnnSpec.ResidualStage(4, 1, 2), new CnnSpec.Pool(Pool2d.Kind.AVERAGE, 2, 2, 0), new CnnSpec.Hidden(5)),
                3, Nonlinearity.relu(), true, Init.heNormal(), Init.uniform(0.5), Loss.SOFTMAX_CROSS_ENTROPY,
                Precision.FLOAT64).build(3);
        INDArray richX = Rng.of(4).normal(DataType.DOUBLE, 0, 1, 5, 2, 8, 8);
        INDArray richT = Nd4j.eye(3).castTo(DataType.DOUBLE).getRows(0, 1, 2, 1, 0);
        Fixtures.assertFeedbackAlignmentWithTransportIsBackprop(net, x, t);
        Fixtures.assertFeedbackAlignmentWithTransportIsBackprop(rich, richX, richT);
    }

    @Test
    void feedbackAlignmentTransposesItsKernelShapedB() {
        FeedbackAlignment fa = (FeedbackAlignment) new FeedbackAlignmentSpec().create(net, 3);
        INDArray b = fa.feedbackMatrices().get(conv2(net));
        assertEquals(2, fa.feedbackMatrices().size(), "conv2 and the dense layer; conv1 needs none");
        assertArrayEquals(conv2(net).weight().shape(), b.shape());
        TinyCnn.reference(net, x, t, through(fa.feedbackMatrices().get(dense(net))), transposedWith(b))
                .assertMatches(net, step(fa), TOL);
    }

    @ParameterizedTest
    @EnumSource(SignSymmetry.Variant.class)
    void signSymmetryTransposesSignsOfTheKernel(SignSymmetry.Variant variant) {
        SignSymmetry rule = (SignSymmetry) new SignSymmetrySpec(variant).create(net, 5);
        Conv2d conv = conv2(net);
        INDArray b = rule.feedback(conv, Rng.of(0).child("rule"));
        INDArray bDense = rule.feedback(dense(net), Rng.of(0).child("rule"));
        double[] w = conv.weight().value().dup().data().asDouble();
        double[] bs = b.dup().data().asDouble();
        for (int i = 0; i < w.length; i++) {
            assertEquals(Math.signum(w[i]), Math.signum(bs[i]), "sign of B at " + i + " (elementwise, no transpose: B has the kernel's layout)");
            if (variant == SignSymmetry.Variant.USF) {
                // BioTorch's scale √(2/(fan_in + fan_out)) with fans in·k² and out·k²
                assertEquals(Math.sqrt(2.0 / ((2 + 3) * 9)), Math.abs(bs[i]), 1e-15);
            }
        }
        INDArray other = rule.feedback(conv, Rng.of(1).child("rule"));
        if (variant == SignSymmetry.Variant.BRSF) {
            assertNotEquals(b, other, "brSF redraws its magnitudes");
        } else {
            assertEquals(b, other);
        }
        TinyCnn.reference(net, x, t, through(bDense), transposedWith(b)).assertMatches(net, step(rule), TOL);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void kolenPollackTiedUpdateIsTheFilterGradient(boolean kunin) {
        LearnedFeedbackSpec spec = kunin ? LearnedFeedbackSpec.kolenPollackKunin() : LearnedFeedbackSpec.kolenPollack();
        LearnedFeedback kp = (LearnedFeedback) spec.create(net, 6);
        INDArray b = kp.feedbackMatrices().get(conv2(net)).dup();
        INDArray bDense = kp.feedbackMatrices().get(dense(net)).dup();
        Updates u = step(kp);
        TinyCnn.Reference ref = TinyCnn.reference(net, x, t, through(bDense), transposedWith(b));
        ref.assertMatches(net, u, TOL);
        // ΔB = 2α·B + ∂L/∂W for the kernel (same layout), 2α·B + (∂L/∂W)ᵀ for the dense layer; α = 1e-3 in the
        // reference code's setting, 0 in Akrout et al.'s (B's decay is then the optimizer's, as W's)
        double twoAlpha = kunin ? 2e-3 : 0;
        close(b.mul(twoAlpha).add(ConvReference.toNd(ref.dW2())), u.get(feedbackOf(kp, conv2(net))), TOL, "ΔB conv2");
        close(bDense.mul(twoAlpha).add(Nd4j.createFromArray(ref.dWd()).transpose()), u.get(feedbackOf(kp, dense(net))), TOL, "ΔB dense");
    }

    static Stream<LearnedFeedbackSpec> alignments() {
        return Stream.of(LearnedFeedbackSpec.weightMirror(), LearnedFeedbackSpec.informationAlignment(),
                LearnedFeedbackSpec.symmetricAlignment(), LearnedFeedbackSpec.activationAlignment(),
                LearnedFeedbackSpec.symmetricAlignment().toBuilder().alignmentRate(3).label("sa3").build());
    }

    @ParameterizedTest
    @MethodSource("alignments")
    void learnedFeedbackOnAConvolutionDescendsItsRegulariser(LearnedFeedbackSpec spec) {
        LearnedFeedback rule = (LearnedFeedback) spec.create(net, 7);
        Conv2d conv = conv2(net);
        INDArray b = rule.feedbackMatrices().get(conv).dup();
        Updates u = step(rule);
        TinyCnn.Reference ref = TinyCnn.reference(net, x, t, through(rule.feedbackMatrices().get(dense(net))), transposedWith(b));
        ref.assertMatches(net, u, TOL);
        // conv2's activity is h1; the regulariser written with loops, differentiated numerically
        double[][][][] w = ConvReference.toArray(conv.weight().value());
        double[] bias = conv.bias().value().toDoubleVector();
        INDArray numeric = numericGradient(b, bb -> spec.alignmentRate() * spec.alignment().terms().stream()
                .mapToDouble(term -> term.coefficient() * LoopRegulariser.value(term.primitive(), ref.h1(), w, bias, bb, 1, 0)).sum());
        close(numeric, u.get(feedbackOf(rule, conv)), 1e-7, spec.label() + ": ΔB of conv2");
    }

    @ParameterizedTest
    @EnumSource(Primitive.class)
    void primitivesOnAConvolutionMatchTheirLoopDefinitions(Primitive p) {
        Rng rng = Rng.of(p.ordinal() + 20);
        Conv2d conv = new Conv2d("conv", new long[] {2, 5, 5}, new Window(3, 2, 1), rng.child("w").normal(DataType.DOUBLE, 0, 1, 3, 2, 3, 3),
                rng.child("bias").normal(DataType.DOUBLE, 0, 1, 3));
        INDArray b = rng.child("b").normal(DataType.DOUBLE, 0, 1, 3, 2, 3, 3);
        INDArray in = rng.child("x").normal(DataType.DOUBLE, 0, 1, 2, 2, 5, 5);
        Primitive.Activity a = Primitive.Activity.of(conv, in);
        double[][][][] xs = ConvReference.toArray(in);
        double[][][][] w = ConvReference.toArray(conv.weight().value());
        double[] bias = conv.bias().value().toDoubleVector();
        double loop = LoopRegulariser.value(p, xs, w, bias, b, 2, 1);
        assertEquals(loop, p.value(conv, b, a), 1e-10 * Math.max(1, Math.abs(loop)), p + ": value");
        INDArray numeric = numericGradient(b, bb -> LoopRegulariser.value(p, xs, w, bias, bb, 2, 1));
        close(numeric, p.gradient(conv, b, a), 1e-7, p + ": gradient");
    }

    @Test
    void directFeedbackProjectsIntoTheConvolutionsShape() {
        DirectFeedback dfa = (DirectFeedback) new DirectFeedbackAlignmentSpec().create(net, 8);
        INDArray p = dfa.projections().get(conv2(net));
        assertArrayEquals(new long[] {72, 3}, p.shape(), "[conv2's input features 2·6·6, classes]");
        TinyCnn.reference(net, x, t, through(dfa.projections().get(dense(net))), projected(p)).assertMatches(net, step(dfa), TOL);

        DirectFeedback drtp = (DirectFeedback) new DirectRandomTargetProjectionSpec().create(net, 8);
        double[][] tn = t.div(t.rows()).toDoubleMatrix();
        TinyCnn.DenseCrossing toDense = through(drtp.projections().get(dense(net)));
        TinyCnn.ConvCrossing toConv = projected(drtp.projections().get(conv2(net)));
        TinyCnn.reference(net, x, t, e -> toDense.apply(tn), (e, d) -> toConv.apply(tn, d)).assertMatches(net, step(drtp), TOL);
    }

    private static Parameter feedbackOf(LearnedFeedback rule, WeightLayer w) {
        return rule.parameters().stream().filter(p -> p.name().equals("feedback." + w.name())).findFirst().orElseThrow();
    }

    /** Central differences of f at b, entry by entry (b is restored). */
    private static INDArray numericGradient(INDArray b, java.util.function.ToDoubleFunction<double[][][][]> f) {
        INDArray g = b.ulike();
        double h = 1e-6;
        for (long i = 0; i < b.length(); i++) {
            double orig = b.getDouble(i);
            b.putScalar(i, orig + h);
            double plus = f.applyAsDouble(ConvReference.toArray(b));
            b.putScalar(i, orig - h);
            double minus = f.applyAsDouble(ConvReference.toArray(b));
            b.putScalar(i, orig);
            g.putScalar(i, (plus - minus) / (2 * h));
        }
        return g;
    }

    /** Kunin et al.'s primitives on a convolution, written with loops from their definitions (f = x ⋆ W + b, p = x ⋆ B + b). */
    static final class LoopRegulariser {
        private LoopRegulariser() {}

        /** The regulariser's value; {@code bias} (or null) is added to both projections, as in the reference code. */
        static double value(Primitive p, double[][][][] x, double[][][][] w, double[] bias, INDArray b, int stride, int pad) {
            return value(p, x, w, bias, ConvReference.toArray(b), stride, pad);
        }

        static double value(Primitive p, double[][][][] x, double[][][][] w, double[] bias, double[][][][] b, int stride, int pad) {
            int n = x.length;
            return switch (p) {
                case DECAY -> dot(b, b);
                case AMP -> -dot(ConvReference.convolve(x, w, bias, stride, pad), ConvReference.convolve(x, b, bias, stride, pad)) / n;
                case NULL -> {
                    double[][][][] recon = ConvReference.transposed(ConvReference.convolve(x, w, bias, stride, pad), b,
                            x[0][0].length, x[0][0][0].length, stride, pad);
                    yield dot(recon, recon) / n;
                }
                case SPARSE -> {
                    double[][][][] proj = ConvReference.convolve(x, b, bias, stride, pad);
                    yield dot(proj, proj) / n;
                }
                case SELF -> -dot(w, b);
            };
        }

        private static double dot(double[][][][] a, double[][][][] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    for (int k = 0; k < a[0][0].length; k++) {
                        for (int l = 0; l < a[0][0][0].length; l++) {
                            s += a[i][j][k][l] * b[i][j][k][l];
                        }
                    }
                }
            }
            return s;
        }
    }
}
