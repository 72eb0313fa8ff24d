package org.creditlab.rules.dfc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.creditlab.data.Batch;
import org.creditlab.data.Batches;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.creditlab.util.Level3;
import org.creditlab.util.Rng;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Feedback learning in a "sleep" phase (eq. 12, the code's {@code normal_controller} rule): with the forward weights
 * fixed, the output target is the feedforward output itself (r_L* = r_L^-), noise σ enters every apical compartment,
 * and the controller (with its own constants: large leak, small gain, τ_A > dt so that v^A low-pass filters Q u +
 * noise) counteracts it. Q learns anti-Hebbian from the apical voltage and the control signal,
 *
 * <pre>  grad Q_i = 1/(s²·(T−1)·B) Σ_{k=0}^{T−2} Σ_b v_i^A[k] u[k+1]ᵀ,   s = max(σ, 0.01) </pre>
 *
 * (weight decay comes from the feedback optimizer's L2 term). Theorem 6: the expected Q aligns with a damped
 * pseudo-inverse Jᵀ(JJᵀ + γI)^{-1}, which satisfies Conditions 2 and 3.
 */
final class SleepPhase {
    /** The optimizer group of the pre-training epochs (the code's separate initialisation optimizer). */
    static final String PRETRAINING_GROUP = "feedback_init";

    private final ControlledNetwork net;
    private final FeedbackWeights q;
    private final Controller controller;
    private final int batchLimit;
    private final DynamicsCache buffers;
    private final List<Integer> trained = new ArrayList<>();
    private final List<Parameter> pretraining = new ArrayList<>();
    private final INDArray correlation;
    private final Updates updates = new Updates();

    SleepPhase(ControlledNetwork net, FeedbackWeights q, Controller controller, boolean trainOutput, int batchLimit,
               DynamicsCache buffers) {
        this.net = net;
        this.q = q;
        this.controller = controller;
        this.batchLimit = batchLimit;
        this.buffers = buffers;
        for (int i = 0; i < net.depth(); i++) {
            if (trainOutput || i < net.depth() - 1) {
                trained.add(i);
            }
            Parameter p = q.parameter(i);
            pretraining.add(new Parameter(p.name(), p.value(), PRETRAINING_GROUP));
        }
        correlation = Workspaces.outside(() -> Nd4j.create(buffers.dataType(), net.totalSize(), net.outputSize()));
    }

    /**
     * One pass over {@code batches} (at most the batch limit), each batch simulated with its own noise and followed
     * by one optimizer step of the trained Q; {@code progress} hears of every batch, and of the start (0 done).
     */
    void epoch(Batches batches, Rng rng, boolean pretrain, Consumer<Updates> apply, BiConsumer<Integer, Integer> progress) {
        int limit = batchLimit > 0 ? Math.min(batchLimit, batches.count()) : batches.count();
        progress.accept(0, limit);
        Iterator<Batch> it = batches.iterator();
        for (int b = 0; b < limit; b++) {
            try (MemoryWorkspace ignored = Workspaces.step("dfc-sleep")) {
                step(it.next().input(), rng.child("batch", b), pretrain);
                apply.accept(updates);
            }
            progress.accept(b + 1, limit);
        }
    }

    /** Writes the Q directions of one batch into the phase's updates. */
    void step(INDArray input, Rng rng, boolean pretrain) {
        NetworkState ff = net.feedforward(input);
        Dynamics d = buffers.forBatch(ff.batch());
        correlation.assign(0);
        d.run(q, controller, ff, ff.output(), rng, new Dynamics.Observer() {
            @Override
            public void afterControl(Dynamics dyn, int k) {
                Level3.gemm(dyn.apical(), dyn.control(), correlation, true, false, 1.0, 1.0);
            }
        });
        double s = Math.max(controller.sigma(), 0.01);
        double scale = 1.0 / (s * s * (controller.steps() - 1) * ff.batch());
        for (int i : trained) {
            Parameter p = pretrain ? pretraining.get(i) : q.parameter(i);
            INDArray g = updates.of(p);
            g.assign(correlation.get(NDArrayIndex.interval(net.offset(i), net.offset(i) + net.size(i)), NDArrayIndex.all()));
            g.muli(scale);
        }
    }

    /** The directions written by the last {@link #step}. */
    Updates updates() {
        return updates;
    }
}
