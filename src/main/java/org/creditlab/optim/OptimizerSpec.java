package org.creditlab.optim;

/**
 * An optimizer's settings. Serialisable; {@link #create()} makes the stateful optimizer.
 *
 * @param kind                 SGD (with optional momentum) or Adam
 * @param learningRate         base learning rate
 * @param momentum             SGD momentum μ (v ← μv + g; PyTorch's convention, no dampening)
 * @param nesterov             Nesterov momentum for SGD
 * @param beta1                Adam's first-moment decay
 * @param beta2                Adam's second-moment decay
 * @param epsilon              Adam's denominator guard
 * @param biasCorrection       Adam's bias correction (standard, COPI's constant quirk, or none)
 * @param weightDecay          L2 weight decay coefficient
 * @param decoupledWeightDecay decay the weights directly (AdamW) instead of adding wd·w to the gradient
 * @param clipping             gradient clipping before the step
 * @param maxNorm              the clipping threshold
 * @param schedule             the per-epoch learning-rate schedule
 * @param noiseVariance        Kunin et al.'s noisy updates: after each step w ← w + lr·ξ, ξ ~ N(0, variance); 0 for none
 */
public record OptimizerSpec(Kind kind, double learningRate, double momentum, boolean nesterov, double beta1,
                            double beta2, double epsilon, BiasCorrection biasCorrection, double weightDecay,
                            boolean decoupledWeightDecay, Clipping clipping, double maxNorm, Schedule schedule,
                            double noiseVariance) {

    public enum Kind { SGD, ADAM }

    /** Adam's bias correction: 1−βᵗ (standard), 1−β (constant, as in the COPI reference code) or none. */
    public enum BiasCorrection { STANDARD, CONSTANT, NONE }

    /** Clipping of update directions by their L2 norm: none, over all tensors of the group, or each tensor alone. */
    public enum Clipping { NONE, GLOBAL_NORM, PER_TENSOR_NORM }

    public OptimizerSpec {
        if (kind == null || biasCorrection == null || clipping == null || schedule == null) {
            throw new IllegalArgumentException("optimizer kind, bias correction, clipping and schedule must be set");
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        }
        if (!(weightDecay >= 0) || !(noiseVariance >= 0)) {
            throw new IllegalArgumentException("weight decay and noise variance must be >= 0");
        }
        if (clipping != Clipping.NONE && !(maxNorm > 0)) {
            throw new IllegalArgumentException("clipping needs a max norm > 0, got " + maxNorm);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
    }

    /** Plain SGD. */
    public static OptimizerSpec sgd(double lr) {
        return new OptimizerSpec(Kind.SGD, lr, 0, false, 0.9, 0.999, 1e-8, BiasCorrection.STANDARD, 0, false,
                Clipping.NONE, 0, Schedule.constant(), 0);
    }

    /** Adam with PyTorch's defaults (betas 0.9, 0.999, epsilon 1e-8). */
    public static OptimizerSpec adam(double lr) {
        return new OptimizerSpec(Kind.ADAM, lr, 0, false, 0.9, 0.999, 1e-8, BiasCorrection.STANDARD, 0, false,
                Clipping.NONE, 0, Schedule.constant(), 0);
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code OptimizerSpec.sgd(0.1).toBuilder().momentum(0.9).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private Kind kind;
        private double learningRate;
        private double momentum;
        private boolean nesterov;
        private double beta1;
        private double beta2;
        private double epsilon;
        private BiasCorrection biasCorrection;
        private double weightDecay;
        private boolean decoupledWeightDecay;
        private Clipping clipping;
        private double maxNorm;
        private Schedule schedule;
        private double noiseVariance;

        private Builder(OptimizerSpec s) {
            kind = s.kind;
            learningRate = s.learningRate;
            momentum = s.momentum;
            nesterov = s.nesterov;
            beta1 = s.beta1;
            beta2 = s.beta2;
            epsilon = s.epsilon;
            biasCorrection = s.biasCorrection;
            weightDecay = s.weightDecay;
            decoupledWeightDecay = s.decoupledWeightDecay;
            clipping = s.clipping;
            maxNorm = s.maxNorm;
            schedule = s.schedule;
            noiseVariance = s.noiseVariance;
        }

        public Builder kind(Kind value) { kind = value; return this; }
        public Builder learningRate(double value) { learningRate = value; return this; }
        public Builder momentum(double value) { momentum = value; return this; }
        public Builder nesterov(boolean value) { nesterov = value; return this; }
        public Builder beta1(double value) { beta1 = value; return this; }
        public Builder beta2(double value) { beta2 = value; return this; }
        public Builder epsilon(double value) { epsilon = value; return this; }
        public Builder biasCorrection(BiasCorrection value) { biasCorrection = value; return this; }
        public Builder weightDecay(double value) { weightDecay = value; return this; }
        public Builder decoupledWeightDecay(boolean value) { decoupledWeightDecay = value; return this; }
        public Builder clipping(Clipping value) { clipping = value; return this; }
        public Builder maxNorm(double value) { maxNorm = value; return this; }
        public Builder schedule(Schedule value) { schedule = value; return this; }
        public Builder noiseVariance(double value) { noiseVariance = value; return this; }

        public OptimizerSpec build() {
            return new OptimizerSpec(kind, learningRate, momentum, nesterov, beta1, beta2, epsilon, biasCorrection,
                    weightDecay, decoupledWeightDecay, clipping, maxNorm, schedule, noiseVariance);
        }
    }

    public Optimizer create() {
        return kind == Kind.SGD ? new Sgd(this) : new Adam(this);
    }

    /** e.g. "sgd lr=0.01 momentum=0.9" or "adam lr=0.001". */
    public String describe() {
        StringBuilder sb = new StringBuilder(kind.name().toLowerCase()).append(" lr=").append(learningRate);
        if (kind == Kind.SGD && momentum > 0) {
            sb.append(nesterov ? " nesterov=" : " momentum=").append(momentum);
        }
        if (kind == Kind.ADAM) {
            sb.append(" betas=(").append(beta1).append(", ").append(beta2).append(")");
        }
        if (weightDecay > 0) {
            sb.append(" wd=").append(weightDecay);
        }
        if (clipping != Clipping.NONE) {
            sb.append(" clip=").append(maxNorm);
        }
        if (!schedule.milestones().isEmpty()) {
            sb.append(" ×").append(schedule.gamma()).append(" at ").append(schedule.milestones());
        }
        return sb.toString();
    }
}
