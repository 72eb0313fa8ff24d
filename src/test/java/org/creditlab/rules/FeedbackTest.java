package org.creditlab.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Only backprop's transport tells a layer that the input gradient through its own weights follows: a convolution on
 * oneDNN then computes it with the weight gradient, and otherwise leaves it out.
 */
class FeedbackTest {

    @Test
    void onlyTheExactTransportCrossesThroughTheLayersOwnWeights() {
        assertTrue(Feedback.exact().throughOwnWeights());
        Feedback random = (layer, record, gradOutput, signals) -> layer.backwardThrough(layer.transportMatrix().neg(),
                gradOutput);
        assertFalse(random.throughOwnWeights(), "a feedback must declare itself to be the transport");
    }
}
