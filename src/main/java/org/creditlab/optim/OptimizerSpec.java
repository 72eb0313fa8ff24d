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

    public OptimizerSpec withLearningRate(double lr) { return new OptimizerSpec(kind, lr, momentum, nesterov, beta1, beta2, epsilon, biasCorrection, weightDecay, decoupledWeightDecay, clipping, maxNorm, schedule, noiseVariance); }
    public OptimizerSpec withMomentum(double mu) { return new OptimizerSpec(kind, learningRate, mu, nesterov, beta1, beta2, epsilon, biasCorrection, weightDecay, decoupledWeightDecay, clipping, maxNorm, schedule, noiseVariance); }
    public OptimizerSpec withNesterov(boolean n) { return new OptimizerSpec(kind, learningRate, momentum, n, beta1, beta2, epsilon, biasCorrection, weightDecay, decoupledWeightDecay, clipping, maxNorm, schedule, noiseVariance); }
    public OptimizerSpec withBetas(double b1, double b2) { return new OptimizerSpec(kind, learningRate, momentum, nesterov, b1, b2, epsilon, biasCorrection, weightDecay, decoupledWeightDecay, clipping, maxNorm, schedule, noiseVariance); }
    public OptimizerSpec withEpsilon(double e) { return new OptimizerSpec(kind, learningRate, momentum, nesterov, beta1, beta2, e, biasCorrection, weightDecay, decoupledWeightDecay, clipping, maxNorm, schedule, noiseVariance); }
    public OptimizerSpec withBiasCorrection(BiasCorrection b) { return new OptimizerSpec(kind, learningRate, momentum, nesterov, beta1, beta2, epsilon, b, weightDecay, decoupledWeightDecay, clipping, maxNorm, schedule, noiseVariance); }
    public OptimizerSpec withWeightDecay(double wd) { return new OptimizerSpec(kind, learningRate, momentum, nesterov, beta1, beta2, epsilon, biasCorrection, wd, decoupledWeightDecay, clipping, maxNorm, schedule, noiseVariance); }
    public OptimizerSpec withDecoupledWeightDecay(boolean d) { return new OptimizerSpec(kind, learningRate, momentum, nesterov, beta1, beta2, epsilon, biasCorrection, weightDecay, d, clipping, maxNorm, schedule, noiseVariance); }
    public OptimizerSpec withClipping(Clipping c, double norm) { return new OptimizerSpec(kind, learningRate, momentum, nesterov, beta1, beta2, epsilon, biasCorrection, weightDecay, decoupledWeightDecay, c, norm, schedule, noiseVariance); }
    public OptimizerSpec withSchedule(Schedule s) { return new OptimizerSpec(kind, learningRate, momentum, nesterov, beta1, beta2, epsilon, biasCorrection, weightDecay, decoupledWeightDecay, clipping, maxNorm, s, noiseVariance); }
    public OptimizerSpec withNoiseVariance(double v) { return new OptimizerSpec(kind, learningRate, momentum, nesterov, beta1, beta2, epsilon, biasCorrection, weightDecay, decoupledWeightDecay, clipping, maxNorm, schedule, v); }

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
