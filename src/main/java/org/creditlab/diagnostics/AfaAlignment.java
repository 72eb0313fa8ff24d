package org.creditlab.diagnostics;

import org.creditlab.nn.Dense;
import org.creditlab.nn.Updates;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.HasProjection;
import org.creditlab.train.EpochRecord;
import org.creditlab.train.TrainingListener;
import org.creditlab.train.TrainingRun;

/**
 * After each epoch, on a fixed batch, the angle {@code angle_afa/<first layer>} between PEPITA's first-layer update
 * and the adaptive-feedback-alignment update with feedback −W₁F (the ICLR 2024 follow-up's claim that PEPITA is
 * well approximated by AFA; {@link AdaptiveFeedback}). Near 0° while F·e stays small against the input. Meant for the
 * modulated update mode; rules without a projection are skipped.
 */
public final class AfaAlignment implements TrainingListener {
    private final int examples;

    /** Measures on the first {@code examples} training examples. */
    public AfaAlignment(int examples) {
        this.examples = examples;
    }

    public AfaAlignment() {
        this(256);
    }

    @Override
    public void endEpoch(TrainingRun run, EpochRecord record) {
        // AFA's feedback −W₁F is defined for a dense first layer (PEPITA's MLPs); convolutional runs have no such angle
        if (!(run.rule() instanceof HasProjection p) || run.network().weightLayers().size() < 2
                || !(run.network().weightLayers().get(0) instanceof Dense)) {
            return;
        }
        Probe probe = Probe.take(run, examples, record);
        Updates afa = new Updates();
        AdaptiveFeedback.update(probe.network(), probe.trace(), probe.loss().gradient(), probe.target(),
                AdaptiveFeedback.feedback(probe.network(), p), afa);
        WeightLayer first = probe.network().weightLayers().get(0);
        if (probe.rule().has(first.weight())) {
            record.put("angle_afa/" + first.name(), Angles.degrees(probe.rule().get(first.weight()), afa.get(first.weight())));
        }
    }
}
