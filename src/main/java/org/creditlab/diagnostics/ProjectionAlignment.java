package org.creditlab.diagnostics;

import java.util.List;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.HasProjection;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * After each epoch, how the forward weights relate to PEPITA's projection F (Dellaferrera and Kreiman 2022, the
 * alignment figure and the numpy code's {@code --check_cos_norm}; Srinivasan et al. 2024, Fig. 3c):
 *
 * <ul>
 *   <li>{@code angle_F_Wt}: the angle between F and the transposed product of the forward weights, (W_L⋯W_1)ᵀ, for
 *   dense networks. With x + F·e it grows past 90° as PEPITA learns (anti-alignment), since to first order PEPITA is
 *   feedback alignment with feedback −W_1F;</li>
 *   <li>{@code angle_B_Wt/<layer>}: for a product-form F, the angle between each factor B_ℓ and W_ℓᵀ;</li>
 *   <li>{@code norm_W/<layer>}: the Frobenius norm of each forward weight, for every rule.</li>
 * </ul>
 */
public final class ProjectionAlignment implements TrainingListener {

    @Override
    public void endEpoch(TrainingRun run, EpochRecord record) {
        List<WeightLayer> layers = run.network().weightLayers();
        for (WeightLayer w : layers) {
            record.put("norm_W/" + w.name(), Angles.norm(w.weight().value()));
        }
        if (!(run.rule() instanceof HasProjection p)) {
            return;
        }
        INDArray product = forwardProduct(layers);
        if (product != null) {
            record.put("angle_F_Wt", Angles.degrees(p.projectionMatrix(), product));
        }
        p.projectionFactors().forEach((w, b) -> record.put("angle_B_Wt/" + w.name(), Angles.degrees(b, w.weight().value().transpose())));
    }

    /** (W_L⋯W_1)ᵀ = W_1ᵀ⋯W_Lᵀ (d × C), right to left; null unless every weight is a matrix. */
    static INDArray forwardProduct(List<WeightLayer> layers) {
        if (layers.stream().anyMatch(w -> w.weight().value().rank() != 2)) {
            return null;
        }
        INDArray product = layers.get(layers.size() - 1).weight().value().transpose();
        for (int i = layers.size() - 2; i >= 0; i--) {
            product = layers.get(i).weight().value().transpose().mmul(product);
        }
        return product;
    }
}
