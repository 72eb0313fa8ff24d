package org.creditlab.papers.kunin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.rules.feedback.LearnedFeedbackSpec;
import org.junit.jupiter.api.Test;

/** The ResNet depth study's networks, rules and optimizers. */
class ResNetDepthTest {
    private final ResNetDepth quick = new ResNetDepth(DatasetName.FASHION_MNIST, 100, 100, true, 4, List.of(1, 2), 3, 128, 0.1, false, 1);

    @Test
    void depthsAreSixNPlusTwoAndTheInputIsPooled() {
        assertEquals(List.of(8, 14), quick.depths());
        Network net = quick.network(1).build(1);
        assertArrayEquals(new long[] {1, 14, 14}, net.layers().get(0).outputShape(), "2×2 average pooling first");
        assertEquals(10, net.weightLayers().size(), "ResNet-8: 7 convolutions, 2 projection shortcuts, the output layer");
    }

    @Test
    void learnedRulesGetTheirConvolutionalRatesAndOwnOptimizer() {
        var rules = ResNetDepth.rules();
        assertEquals(List.of(Method.BP, Method.IA, Method.SA, Method.AA), List.copyOf(rules.keySet()));
        assertEquals(1.0, ((LearnedFeedbackSpec) rules.get(Method.IA)).alignmentRate());
        assertEquals(500.0, ((LearnedFeedbackSpec) rules.get(Method.SA)).alignmentRate());
        Experiment sa = quick.experiment(rules.get(Method.SA), 1);
        assertTrue(sa.optimizers().containsKey(Parameter.FEEDBACK));
        assertFalse(quick.experiment(rules.get(Method.BP), 1).optimizers().containsKey(Parameter.FEEDBACK));
        assertFalse(sa.data().flatten());
    }
}
