package org.creditlab.rules;

import java.util.List;
import java.util.Map;
import org.creditlab.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a network and one mini-batch (already run forward, its loss computed) into update directions for the
 * parameters. This is the seam every family plugs into:
 *
 * <ul>
 *   <li>backprop and the feedback-pathway rules walk the {@link BackwardPass} with their own {@link Feedback};</li>
 *   <li>PEPITA runs a second, modulated forward pass ({@code network.forwardLike}) and needs no backward pass;</li>
 *   <li>COPI reads the deltas of the backward walk and writes its own W and R updates;</li>
 *   <li>DFC simulates the controlled network from the trace's feedforward state.</li>
 * </ul>
 *
 * <p>A rule is named by the settings it was created from ({@link RuleSpec#ruleName()}), not by itself.
 *
 * <p>A rule is constructed for one network and owns any state of its own (feedback matrices, the projection F,
 * controller weights). Trainable state is listed by {@link #parameters()} (updated by the optimizer group of each
 * parameter); fixed state by {@link #buffers()} (saved in checkpoints).
 */
public interface LearningRule {

    /** Writes this batch's update directions into {@code step.updates()}. */
    void step(StepContext step);

    /** Rule-owned trainable parameters (learned feedback, controller weights). */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** Rule-owned fixed state that a checkpoint must restore (fixed feedback, the projection F). */
    default Map<String, INDArray> buffers() {
        return Map.of();
    }

    /** Called before each epoch's first batch: phases that run over whole epochs (DFC's sleep phase) go here. */
    default void beginEpoch(EpochContext epoch) {}
}
