package org.creditlab.rules.dfc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.data.Batches;
import org.creditlab.nn.Init;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Precision;
import org.creditlab.rules.EpochContext;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.creditlab.util.Tanh;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Deep Feedback Control (Meulemans, Tristany Farinha, García Ordóñez, Vilimelis Aceituno, Sacramento and Grewe,
 * "Credit Assignment in Neural Networks through Deep Feedback Control", NeurIPS 2021, arXiv:2106.07887).
 *
 * <p>A PI controller drives the whole network to the output target r_L* = r_L^- − λ ∂L/∂r_L through feedback
 * weights Q_i to every layer; each layer learns locally from the difference between its controlled somatic rate and
 * the rate its basal (feedforward) input predicts, τ_W dW_i/dt = (φ(v_i) − φ(W_i r_{i−1})) r_{i−1}ᵀ (eq. 5). The
 * {@link DfcSpec.Variant} decides where that rule is evaluated: averaged over the simulation (DFC), at the simulated
 * steady state (DFC-SS) or at the analytical one (DFC-SSA). Q is either trained in sleep phases between forward epochs
 * ({@link SleepPhase}, eq. 12) or fixed at the weight product.
 */
public final class DeepFeedbackControl implements LearningRule, ControlledRule {
    private final DfcSpec spec;
    private final ControlledNetwork net;
    private final FeedbackWeights feedback;
    private final ForwardLearning learning;
    private final SleepPhase sleep;
    private final ConvergenceCounts counts = new ConvergenceCounts();

    DeepFeedbackControl(DfcSpec spec, Network network, long seed) {
        this.spec = spec;
        this.net = ControlledNetwork.of(network);
        this.feedback = spec.trainFeedback()
                ? FeedbackWeights.random(net, Init.xavierNormal(), Rng.of(seed).child("dfc-feedback"))
                : FeedbackWeights.weightProduct(net);
        DynamicsCache buffers = new DynamicsCache(net);
        this.learning = spec.variant().create(spec.forward(), buffers, spec.includeNonConverged(), spec.convergenceTest());
        Tanh.hintOnce(System.err::println);
        this.sleep = spec.trainFeedback()
                ? new SleepPhase(net, feedback, spec.sleep(), spec.trainOutputFeedback(), spec.sleepBatches(),
                        spec.sleepPrecision() == Precision.FLOAT64 ? buffers : new DynamicsCache(net, spec.sleepPrecision().dataType()))
                : null;
    }

    @Override
    public void step(StepContext step) {
        NetworkState ff = net.read(step.trace());
        INDArray nudge = step.loss().gradient().mul(-spec.targetStepsize());
        counts.add(learning.directions(new ForwardLearning.Problem(net, feedback, ff, nudge), step.updates()));
    }

    /**
     * The sleep phase: before the first forward epoch, {@code pretrainEpochs} epochs of feedback training (optimizer
     * group {@value SleepPhase#PRETRAINING_GROUP}) and one more; before every later epoch, the {@code extraSleepEpochs}
     * that follow the previous forward epoch in the code and the one that precedes this one.
     */
    @Override
    public void beginEpoch(EpochContext epoch) {
        counts.reset();
        if (sleep == null) {
            return;
        }
        Batches batches = epoch.batches();
        int batchSize = batches.iterator().next().size();
        int round = 0;
        if (epoch.epoch() == 0) {
            for (int e = 0; e < spec.pretrainEpochs(); e++, round++) {
                String phase = "sleep phase, feedback pre-training " + (e + 1) + " of " + spec.pretrainEpochs();
                sleep.epoch(reshuffled(batches, batchSize, epoch.rng(), round), epoch.rng().child("sleep", round), true,
                        epoch::apply, (done, total) -> epoch.progress(phase, done, total));
            }
        }
        int rounds = epoch.epoch() == 0 ? 1 : 1 + spec.extraSleepEpochs();
        for (int e = 0; e < rounds; e++, round++) {
            String phase = "sleep phase, feedback training " + (e + 1) + " of " + rounds;
            sleep.epoch(reshuffled(batches, batchSize, epoch.rng(), round), epoch.rng().child("sleep", round), false,
                    epoch::apply, (done, total) -> epoch.progress(phase, done, total));
        }
    }

    private static Batches reshuffled(Batches batches, int batchSize, Rng rng, int round) {
        return Batches.shuffled(batches.dataset(), batchSize, rng.child("order", round), false);
    }

    @Override
    public List<Parameter> parameters() {
        return spec.trainFeedback() ? feedback.parameters() : List.of();
    }

    @Override
    public Map<String, INDArray> buffers() {
        Map<String, INDArray> fixed = new LinkedHashMap<>();
        if (!spec.trainFeedback()) {
            feedback.parameters().forEach(p -> fixed.put(p.name(), p.value()));
        }
        return fixed;
    }

    public DfcSpec spec() { return spec; }
    @Override public ControlledNetwork controlled() { return net; }
    @Override public FeedbackWeights feedback() { return feedback; }
    @Override public Controller controller() { return spec.forward(); }
    @Override public double targetStepsize() { return spec.targetStepsize(); }
    @Override public ConvergenceCounts convergence() { return counts; }
}
