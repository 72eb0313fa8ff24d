package org.creditlab.rules;

import java.util.Map;
import org.creditlab.nn.WeightLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A rule that modulates its input with a projection F of the output error (PEPITA and its variants). Diagnostics read
 * F to measure its alignment with the forward weights.
 */
public interface HasProjection {

    /** F ∈ R^{d×C} as one matrix (a product-form F multiplied out), live: do not modify. */
    INDArray projectionMatrix();

    /** +1 if the modulated input is x + F·e, −1 if it is x − F·e. */
    int modulationSign();

    /** The factors B_ℓ of a product-form F, by forward layer (B_ℓ has the shape of W_ℓᵀ); empty for a fixed F. */
    Map<WeightLayer, INDArray> projectionFactors();
}
