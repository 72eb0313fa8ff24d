package org.creditlab.optim;

import java.util.List;

/**
 * A learning-rate schedule over the training time t in epochs, fractional within an epoch (step b of n in epoch e is
 * t = e + b/n): an optional linear warm-up, then step decay by {@code gamma} at each milestone epoch (PEPITA: ×0.1 at
 * epochs 60 and 90; Kunin et al.'s reference code, {@code learning_rate.py}: a warm-up over 5 epochs, then ×0.1 at
 * 30, 60 and 80).
 *
 * @param milestones   zero-based epochs at whose start the rate is multiplied by gamma
 * @param gamma        the decay factor
 * @param warmupEpochs epochs over which the rate rises linearly, step by step, from 0 at the first step to its value
 *                     (rate × t/warmupEpochs, as the reference code's warm-up); 0 for none
 */
public record Schedule(List<Integer> milestones, double gamma, int warmupEpochs) {

    public Schedule {
        milestones = List.copyOf(milestones);
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("schedule gamma must be > 0, got " + gamma);
        }
        if (warmupEpochs < 0 || milestones.stream().anyMatch(m -> m < 0)) {
            throw new IllegalArgumentException("schedule epochs must be >= 0");
        }
    }

    public static Schedule constant() {
        return new Schedule(List.of(), 1, 0);
    }

    public static Schedule stepDecay(double gamma, Integer... milestones) {
        return new Schedule(List.of(milestones), gamma, 0);
    }

    /** The same decay with milestones moved in proportion to a shorter (or longer) run: epoch m of {@code from} epochs becomes round(m·to/from). */
    public Schedule rescaled(int fromEpochs, int toEpochs) {
        List<Integer> moved = milestones.stream().map(m -> (int) Math.round((double) m * toEpochs / fromEpochs)).toList();
        return new Schedule(moved, gamma, (int) Math.round((double) warmupEpochs * toEpochs / fromEpochs));
    }

    /**
     * The same schedule with every milestone {@code epochs} later: {@code delayed(1)} decays after, rather than at the
     * start of, each milestone epoch (the PEPITA follow-up's code steps its rate at the end of epochs 60 and 90).
     */
    public Schedule delayed(int epochs) {
        return new Schedule(milestones.stream().map(m -> m + epochs).toList(), gamma, warmupEpochs);
    }

    /** The rate at training time {@code epoch} (in epochs, fractional within an epoch). */
    public double rate(double base, double epoch) {
        double r = base;
        for (int m : milestones) {
            if (epoch >= m) {
                r *= gamma;
            }
        }
        if (warmupEpochs > 0 && epoch < warmupEpochs) {
            r *= epoch / warmupEpochs;
        }
        return r;
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code Schedule.stepDecay(0.1, 30, 60).toBuilder().warmupEpochs(5).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private List<Integer> milestones;
        private double gamma;
        private int warmupEpochs;

        private Builder(Schedule s) {
            milestones = s.milestones;
            gamma = s.gamma;
            warmupEpochs = s.warmupEpochs;
        }

        public Builder milestones(List<Integer> value) { milestones = value; return this; }
        public Builder gamma(double value) { gamma = value; return this; }
        public Builder warmupEpochs(int value) { warmupEpochs = value; return this; }

        public Schedule build() {
            return new Schedule(milestones, gamma, warmupEpochs);
        }
    }
}
