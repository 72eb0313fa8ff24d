package org.creditlab.papers.kunin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Trace;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.feedback.Alignment;
import org.creditlab.rules.feedback.Primitive;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * When gradient descent on an alignment regulariser is stable, for a network as it is (at initialisation, in the
 * sensitivity study). B's update is ΔB = −η_B·rate·∇_B R with R = Σ cᵢ·Primitiveᵢ; every primitive is affine in B, so
 * the update is a linear map of B plus a constant, and plain SGD on it converges only if
 *
 * <pre>
 *   η_B · rate · κ &lt; 2,     κ = λ_max(∇²_B R) = Σ cᵢ·κᵢ   (per layer; the network's κ is the largest over layers)
 * </pre>
 *
 * with the curvature κᵢ of each primitive: Decay 2; Null 2·λ_max(W Σ Wᵀ), Σ = E[x xᵀ] (uncentred) of the layer's input;
 * Sparse 2·λ_max(Σ); Amp and Self 0 (they do not depend on B). The sum of the maxima is exact, not a bound: Decay is
 * the identity, Null multiplies B by W Σ Wᵀ on the right and Sparse by Σ on the left, and the largest eigenvalue of
 * I⊗A + B⊗I is λ_max(A) + λ_max(B). Each κᵢ is measured by power iteration on the primitive's own gradient
 * ({@link Primitive#gradient}), on a batch of the layer's real input in training mode, so it is the curvature of the
 * update the rule applies, whatever the layer (dense or convolutional) and whatever the bias.
 *
 * <p>This is a statement about the start of training with W fixed: W grows and turns as it trains (under BatchNorm
 * its norm grows), and mini-batches fluctuate around Σ, so a search bounded here by {@code η_B·rate·κ ≤ 1}, half the
 * limit, can still have trials that diverge later; the study reports them.
 *
 * @param layers each weight layer's curvature per primitive
 */
public record FeedbackStability(List<LayerCurvature> layers) {

    /** The curvature κᵢ of each primitive on one weight layer (Amp and Self: 0). */
    public record LayerCurvature(String layer, Map<Primitive, Double> curvature) {
        public LayerCurvature {
            curvature = Collections.unmodifiableMap(new EnumMap<>(curvature));
        }

        /** κ = Σ cᵢ·κᵢ, the largest eigenvalue of the Hessian of {@code a} with respect to this layer's B. */
        public double stiffness(Alignment a) {
            return a.terms().stream().mapToDouble(t -> t.coefficient() * curvature.getOrDefault(t.primitive(), 0.0)).sum();
        }

        /** λ_max(W Σ Wᵀ) of this layer: half of Null's curvature. */
        public double responseEigenvalue() {
            return curvature.get(Primitive.NULL) / 2;
        }
    }

    public FeedbackStability {
        layers = List.copyOf(layers);
    }

    private static final int MAX_ITERATIONS = 300;
    private static final double TOLERANCE = 1e-5;

    /**
     * Measures every weight layer of {@code network} on the batch {@code x}, run forward in training mode (BatchNorm on
     * the batch's statistics, as during training).
     */
    public static FeedbackStability measure(Network network, INDArray x, Rng rng) {
        Trace trace = network.forward(x, Mode.TRAIN, rng.child("forward"));
        List<LayerCurvature> out = new ArrayList<>();
        for (WeightLayer w : network.weightLayers()) {
            Primitive.Activity a = Primitive.Activity.of(w, trace.recordOf(w).input());
            Map<Primitive, Double> k = new EnumMap<>(Primitive.class);
            for (Primitive p : Primitive.values()) {
                k.put(p, largestEigenvalue(p, w, a, rng.child("power", p.ordinal()).child(w.name())));
            }
            out.add(new LayerCurvature(w.name(), k));
        }
        return new FeedbackStability(out);
    }

    /** The network's κ for {@code a}: the largest over layers. */
    public double stiffness(Alignment a) {
        return layers.stream().mapToDouble(l -> l.stiffness(a)).max().orElse(0);
    }

    /** η_B·rate·κ: B's update is stable at the start of training if this is below 2. */
    public double stepNumber(Alignment a, double alignmentRate, double feedbackLearningRate) {
        return feedbackLearningRate * alignmentRate * stiffness(a);
    }

    /** The feedback learning rate at which the step number is {@code stepNumber} (infinite if R has no curvature). */
    public double learningRateAt(double stepNumber, Alignment a, double alignmentRate) {
        double k = stiffness(a);
        return k > 0 ? stepNumber / (alignmentRate * k) : Double.POSITIVE_INFINITY;
    }

    /** λ_max(W Σ Wᵀ) of the layer called {@code name}. */
    public double responseEigenvalue(String name) {
        return layers.stream().filter(l -> l.layer().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no weight layer " + name)).responseEigenvalue();
    }

    /** One line per layer: λ_max(W Σ Wᵀ) and λ_max(Σ) of its input, the curvatures that Null and Sparse scale. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (LayerCurvature l : layers) {
            sb.append(String.format(Locale.ROOT, "%s: λ_max(W Σ Wᵀ) = %.1f, λ_max(Σ) = %.1f%n", l.layer(), l.responseEigenvalue(),
                    l.curvature().get(Primitive.SPARSE) / 2));
        }
        return sb.toString().stripTrailing();
    }

    /**
     * The largest eigenvalue of B ↦ ∇_B P(B) − ∇_B P(0), which is linear and symmetric positive semi-definite for every
     * primitive (the Hessian of a convex quadratic, or zero): power iteration from a random B.
     */
    static double largestEigenvalue(Primitive p, WeightLayer w, Primitive.Activity a, Rng rng) {
        DataType type = a.input().dataType();
        INDArray offset = p.gradient(w, Nd4j.zeros(type, w.feedbackShape()), a);
        INDArray v = rng.normal(type, 0, 1, w.feedbackShape());
        v.divi(v.norm2Number());
        double lambda = 0;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            INDArray hv = p.gradient(w, v, a).subi(offset);
            double norm = hv.norm2Number().doubleValue();
            if (norm == 0 || !Double.isFinite(norm)) {
                return norm == 0 ? 0 : Double.NaN;
            }
            double previous = lambda;
            lambda = norm;
            v = hv.divi(norm);
            if (Math.abs(lambda - previous) <= TOLERANCE * lambda) {
                break;
            }
        }
        return lambda;
    }
}
