package org.creditlab.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.BackwardPass;
import org.creditlab.rules.HasFeedback;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * After each epoch, on a fixed batch of training examples, records how a rule's weight updates and feedback relate to
 * backprop, per weight layer:
 *
 * <ul>
 *   <li>{@code angle_bp/<layer>}: the angle between the rule's update of W and the true gradient on the same batch
 *   (and {@code angle_bp/network} over all forward weights together);</li>
 *   <li>{@code angle_BWt/<layer>}: the angle between the feedback matrix B and the weights' transport Wᵀ, for rules
 *   whose feedback matrices ({@code HasFeedback}) stand where Wᵀ would and have its shape;</li>
 *   <li>{@code norm_BW/<layer>}: ‖B‖/‖W‖.</li>
 * </ul>
 *
 * The measurement leaves training untouched: running statistics are restored and the rule's step writes into a
 * separate buffer, with its own random stream.
 */
public final class UpdateAlignment implements TrainingListener {
    private final int examples;

    /** Measures on the first {@code examples} training examples (the same ones every epoch). */
    public UpdateAlignment(int examples) {
        this.examples = examples;
    }

    public UpdateAlignment() {
        this(256);
    }

    @Override
    public void endEpoch(TrainingRun run, EpochRecord record) {
        Probe probe = Probe.take(run, examples, record);
        Network net = probe.network();
        Updates bp = new Updates();
        BackwardPass.backprop(net, probe.trace(), probe.loss().gradient(), probe.target(), bp);
        Updates rule = probe.rule();

        List<Parameter> compared = new ArrayList<>();
        for (WeightLayer w : net.weightLayers()) {
            if (rule.has(w.weight()) && bp.has(w.weight())) {
                record.put("angle_bp/" + w.name(), Angles.degrees(rule.get(w.weight()), bp.get(w.weight())));
                compared.add(w.weight());
            }
        }
        if (!compared.isEmpty()) {
            record.put("angle_bp/network", Angles.degrees(rule, bp, compared));
        }
        if (run.rule() instanceof HasFeedback f) {
            f.feedbackMatrices().forEach((w, b) -> {
                INDArray wt = w.transportMatrix();
                if (Arrays.equals(b.shape(), wt.shape())) {
                    record.put("angle_BWt/" + w.name(), Angles.degrees(b, wt));
                    record.put("norm_BW/" + w.name(), Angles.normRatio(b, wt));
                }
            });
        }
    }
}
