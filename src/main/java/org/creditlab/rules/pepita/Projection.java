package org.creditlab.rules.pepita;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.WeightLayer;
import org.creditlab.util.Level3;
import org.creditlab.util.Rng;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PEPITA's projection F ∈ R^{d×C} of the output error onto the input, either one fixed matrix (a buffer) or the
 * product B₁B₂⋯B_L of per-layer factors B_ℓ ∈ R^{n_{ℓ−1}×n_ℓ} (parameters of group "feedback", so that weight
 * mirroring can train them). F is kept up to date in a persistent array; after the factors change call
 * {@link #refresh()}.
 */
final class Projection {
    private final INDArray matrix;
    private final List<Parameter> factors;
    private final double targetStd;

    private Projection(INDArray matrix, List<Parameter> factors, double targetStd) {
        this.matrix = matrix;
        this.factors = factors;
        this.targetStd = targetStd;
    }

    /** Draws F for {@code network} from {@code rng}: d inputs, C outputs, scale s. */
    static Projection draw(Network network, PepitaSpec spec, Rng rng) {
        List<WeightLayer> layers = network.weightLayers();
        DataType type = network.dataType();
        long d = Arrays.stream(network.inputShape()).reduce(1, (a, b) -> a * b);
        long c = Arrays.stream(network.outputShape()).reduce(1, (a, b) -> a * b);
        double s = spec.projectionScale();
        if (spec.projection() == PepitaSpec.ProjectionKind.UNIFORM) {
            double bound = s * Math.sqrt(6.0 / d);
            INDArray f = Workspaces.outside(() -> rng.child("F").uniform(type, -bound, bound, d, c));
            return new Projection(f, List.of(), s * Math.sqrt(2.0 / d));
        }
        // The ICLR code's "normal" form: each factor N(0, σ²) so that the product has std s·√(2/d).
        double hiddenProduct = 1;
        for (int i = 0; i + 1 < layers.size(); i++) {
            hiddenProduct *= layers.get(i).weight().shape()[0];
        }
        double sigma = Math.pow(s * Math.sqrt(2.0 / d) / Math.sqrt(hiddenProduct), 1.0 / layers.size());
        List<Parameter> factors = new ArrayList<>();
        for (WeightLayer w : layers) {
            long[] shape = w.feedbackShape();
            if (shape.length != 2) {
                throw new IllegalArgumentException("PEPITA's product-form F needs dense layers; '" + w.name() + "' is not");
            }
            INDArray b = Workspaces.outside(() -> rng.child("B", factors.size()).normal(type, 0, sigma, shape));
            factors.add(new Parameter("projection.B." + w.name(), b, Parameter.FEEDBACK));
        }
        Projection p = new Projection(Workspaces.outside(() -> Nd4j.createUninitialized(type, d, c)), List.copyOf(factors),
                s * Math.sqrt(2.0 / d));
        p.refresh();
        return p;
    }

    /** F (d × C), live: do not modify. */
    INDArray matrix() {
        return matrix;
    }

    /** Fᵀ (C × d, contiguous, a new array): the C columns of F as examples, for a layer's response to them. */
    INDArray transposed() {
        return matrix.transpose().dup('c');
    }

    /** The factors B_ℓ in forward order (empty for a fixed F). */
    List<Parameter> factors() {
        return factors;
    }

    /** x + alpha·signal·Fᵀ as a new array of x's shape (signal N × C; x N × d, or N × image shape). */
    INDArray modulate(INDArray x, INDArray signal, double alpha) {
        if (x.rank() == 2) {
            return Level3.gemm(signal, matrix, x.dup('c'), false, true, alpha, 1.0);
        }
        INDArray shift = Nd4j.gemm(signal, matrix, false, true).muli(alpha);
        return x.add(shift.reshape(x.shape()));
    }

    /** Recomputes F = B₁⋯B_L, right to left (each product is n_{ℓ−1} × n_ℓ × C). */
    void refresh() {
        if (factors.isEmpty()) {
            return;
        }
        INDArray product = factors.get(factors.size() - 1).value();
        for (int i = factors.size() - 2; i >= 0; i--) {
            product = factors.get(i).value().mmul(product);
        }
        matrix.assign(product);
    }

    /** Recomputes F from its factors and rescales them all by one common factor so that std(F) is s·√(2/d) (the ICLR code's normalize_B). */
    void rescale() {
        if (factors.isEmpty()) {
            return;
        }
        refresh();
        double std = matrix.stdNumber().doubleValue();
        if (!(std > 0)) {
            return;
        }
        double factor = Math.pow(targetStd / std, 1.0 / factors.size());
        factors.forEach(b -> b.value().muli(factor));
        refresh();
    }

    /** State for checkpoints: F (also in product form, so that a restored run has the F of its restored factors). */
    Map<String, INDArray> buffers() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("projection.F", matrix);
        return m;
    }
}
