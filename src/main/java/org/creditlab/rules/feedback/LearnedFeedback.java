package org.creditlab.rules.feedback;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.HasFeedback;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Learned feedback (Kunin et al. 2020, "Two Routes to Scalable Credit Assignment without Weight Symmetry", ICML,
 * arXiv 2003.01513): the error crosses each weight layer through a feedback matrix B that is itself trained, on the
 * same mini-batch, by gradient descent on a layer-wise regulariser built from primitives,
 * ΔB = −η_B·rate·∇_B Σ cᵢ Primitiveᵢ(x, Wx, B). Weight mirror, information alignment, symmetric alignment and
 * activation alignment are compositions ({@link LearnedFeedbackSpec}); Kolen-Pollack adds W's transposed gradient
 * ("tied" updates): with B on W's optimizer, B and Wᵀ take the same steps, weight decay included, so only their
 * difference changes, and it decays.
 *
 * <p>B are parameters of group "feedback": the experiment may give them their own optimizer, learning rate and
 * update noise. During the first {@code delayEpochs} epochs only B learns.
 */
public final class LearnedFeedback implements LearningRule, HasFeedback {
    private final LearnedFeedbackSpec spec;
    private final Map<WeightLayer, Parameter> feedback = new LinkedHashMap<>();

    LearnedFeedback(Network network, LearnedFeedbackSpec spec, long seed) {
        this.spec = spec;
        FeedbackMatrices.draw(network, Rng.of(seed).child(spec.label()), WeightLayer::feedbackShape, spec.feedback())
                .forEach((w, b) -> feedback.put(w, new Parameter("feedback." + w.name(), b, Parameter.FEEDBACK)));
    }

    @Override
    public void step(StepContext s) {
        boolean task = s.epoch() >= spec.delayEpochs();
        Updates u = s.updates();
        BackwardPass.Deltas deltas = task || spec.tied()
                ? BackwardPass.throughMatrices(s, w -> feedback.get(w).value(), task ? u : null)
                : null;
        Rng noise = s.rng().child("mirror-input");
        for (Map.Entry<WeightLayer, Parameter> e : feedback.entrySet()) {
            WeightLayer w = e.getKey();
            INDArray b = e.getValue().value();
            INDArray activity = s.trace().recordOf(w).input();
            INDArray x = spec.input().sample(activity, spec.inputStd(), noise.child(w.name()));
            INDArray direction = spec.alignment().gradient(w, b, Primitive.Activity.of(w, x)).muli(spec.alignmentRate());
            if (spec.tied() && task) {
                // tied update: B receives the transpose of W's gradient (δ at the layer's output, x at its input)
                direction.addi(w.feedbackGradient(activity, deltas.atOutput(w)));
            }
            u.of(e.getValue()).assign(direction);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return new ArrayList<>(feedback.values());
    }

    @Override
    public Map<WeightLayer, INDArray> feedbackMatrices() {
        Map<WeightLayer, INDArray> m = new LinkedHashMap<>();
        feedback.forEach((w, p) -> m.put(w, p.value()));
        return Collections.unmodifiableMap(m);
    }
}
