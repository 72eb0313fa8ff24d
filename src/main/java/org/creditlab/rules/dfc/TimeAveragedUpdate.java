package org.creditlab.rules.dfc;

import java.util.HashMap;
import java.util.Map;
import org.creditlab.nn.Updates;
import org.creditlab.util.Level1;
import org.creditlab.util.Level3;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DFC: the continuous plasticity rule (eq. 5) integrated over the whole simulation, as the reference code's
 * {@code grad_deltav_cont}: grad W_i = −(2/(T·B)) Σ_{k=0}^{T−1} Σ_b [φ(v_i[k]) − φ(v_i^B[k])] r_{i−1}[k]ᵀ, the
 * average over all T time points (k = 0 contributes zero). Convergence is only known at the end. When some samples
 * must be dropped, their per-sample sums Σ_k D_i[k] are zeroed, and the outer products Σ_k Σ_b D r_{i−1}ᵀ of the layers
 * above the first are corrected by simulating again only the smaller group: the dropped samples, whose share is
 * subtracted, or the kept ones, whose sum replaces the batch's (samples do not interact, so this equals simulating the
 * whole batch again with the dropped ones masked, up to rounding).
 */
final class TimeAveragedUpdate extends SimulatedLearning {
    private final Map<Integer, Accumulator> accumulators = new HashMap<>();
    /** The accumulator of the last re-simulated group (its size changes from batch to batch). */
    private Accumulator group;

    TimeAveragedUpdate(Controller controller, DynamicsCache buffers, boolean includeNonConverged, double epsilon,
            ConvergenceTest test) {
        super(controller, buffers, includeNonConverged, epsilon, test);
    }

    @Override
    public Convergence directions(Problem p, Updates updates) {
        int batch = p.feedforward().batch();
        Dynamics d = buffers.forBatch(batch);
        Accumulator acc = accumulators.computeIfAbsent(batch, b -> new Accumulator(p.network(), b, null));
        INDArray target = p.target();
        acc.reset();
        Convergence convergence = simulate(d, p, target, acc);
        if (convergence.excludesAny(includeNonConverged)) {
            int[] kept = samples(convergence.converged(), true);
            int[] dropped = samples(convergence.converged(), false);
            acc.dropSums(dropped);
            if (kept.length == 0) {
                acc.clearOuter();
            } else if (dropped.length <= kept.length) {
                acc.subtractOuter(simulateGroup(p, target, dropped));
            } else {
                acc.replaceOuter(simulateGroup(p, target, kept));
            }
        }
        acc.write(p.network(), p.feedforward().input(), 1.0 / controller.steps(), updates);
        return convergence;
    }

    /** Simulates only the samples {@code rows} of {@code p} and returns their accumulated outer products. */
    private Accumulator simulateGroup(Problem p, INDArray target, int[] rows) {
        ControlledNetwork net = p.network();
        NetworkState ff = p.feedforward();
        INDArray[] v = new INDArray[ff.depth()];
        INDArray[] r = new INDArray[ff.depth()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ff.v()[i].getRows(rows);
            r[i] = ff.r()[i] == ff.v()[i] ? v[i] : ff.r()[i].getRows(rows);
        }
        NetworkState sub = new NetworkState(ff.input().getRows(rows), v, r);
        if (group == null || group.batch != rows.length) {
            group = new Accumulator(net, rows.length, group == null ? null : group.outer);
        }
        group.reset();
        buffers.forGroup(rows.length).run(p.feedback(), controller, sub, target.getRows(rows), null, group);
        return group;
    }

    private static int[] samples(boolean[] converged, boolean value) {
        int n = 0;
        for (boolean c : converged) {
            n += c == value ? 1 : 0;
        }
        int[] out = new int[n];
        for (int s = 0, j = 0; s < converged.length; s++) {
            if (converged[s] == value) {
                out[j++] = s;
            }
        }
        return out;
    }

    /** Σ_k D_i[k] r_{i−1}[k]ᵀ and Σ_k D_i[k] over the simulation, in buffers reused across batches. */
    private static final class Accumulator implements Dynamics.Observer {
        private final int batch;
        private final INDArray[] outer;
        private final INDArray sums;
        private final INDArray scratch;
        private final INDArray[] sum;
        private final INDArray[] diff;
        /** φ_1(v_1^B): layer 1's basal input W_1 x + b_1 is fixed during a run, so its rate is computed once. */
        private final INDArray firstBasalRate;

        /** Buffers for {@code batch} samples; {@code sharedOuter} (may be null) are outer-product buffers to reuse. */
        Accumulator(ControlledNetwork net, int batch, INDArray[] sharedOuter) {
            int depth = net.depth();
            this.batch = batch;
            outer = sharedOuter != null ? sharedOuter : new INDArray[depth];
            sum = new INDArray[depth];
            diff = new INDArray[depth];
            sums = Workspaces.outside(() -> Nd4j.create(DataType.DOUBLE, new long[] {batch, net.totalSize()}, 'f'));
            scratch = Workspaces.outside(() -> Nd4j.create(DataType.DOUBLE, new long[] {batch, net.totalSize()}, 'f'));
            firstBasalRate = Workspaces.outside(() -> Nd4j.create(DataType.DOUBLE, new long[] {batch, net.size(0)}, 'f'));
            for (int i = 0; i < depth; i++) {
                sum[i] = sums.get(NDArrayIndex.all(), NDArrayIndex.interval(net.offset(i), net.offset(i) + net.size(i)));
                diff[i] = scratch.get(NDArrayIndex.all(), NDArrayIndex.interval(net.offset(i), net.offset(i) + net.size(i)));
                final int layer = i;
                if (sharedOuter == null) {
                    outer[i] = Workspaces.outside(() -> Nd4j.create(DataType.DOUBLE, net.size(layer),
                        layer == 0 ? net.inputSize() : net.size(layer - 1)));
                }
            }
        }

        void reset() {
            sums.assign(0);
            for (INDArray o : outer) {
                o.assign(0);
            }
        }

        /** Zeroes the per-sample sums of the samples {@code rows} (their share of the bias and of layer 1). */
        void dropSums(int[] rows) {
            for (int row : rows) {
                sums.getRow(row).assign(0);
            }
        }

        void clearOuter() {
            for (int i = 1; i < outer.length; i++) {
                outer[i].assign(0);
            }
        }

        /** Removes the share of another group of samples from the outer products of the layers above the first. */
        void subtractOuter(Accumulator other) {
            for (int i = 1; i < outer.length; i++) {
                Level1.axpy(-1, other.outer[i], outer[i]);
            }
        }

        /** Takes another group's outer products of the layers above the first as this batch's. */
        void replaceOuter(Accumulator other) {
            for (int i = 1; i < outer.length; i++) {
                Level1.copy(other.outer[i], outer[i]);
            }
        }

        @Override
        public void afterStep(Dynamics d, int k) {
            if (k == 0) {
                d.activate(0, d.basal(0), firstBasalRate);
            }
            for (int i = 0; i < sum.length; i++) {
                if (i == 0) {
                    ForwardGradients.difference(d.rate(0), firstBasalRate, diff[0]);
                } else {
                    ForwardGradients.difference(d, i, d.rate(i), d.basal(i), diff[i]);
                }
                Level1.axpy(1, diff[i], sum[i]);
                if (i > 0) {
                    // layer 1's input is the fixed x: its Σ_k D x ᵀ is formed once, at the end
                    Level3.gemm(diff[i], d.below(i), outer[i], true, false, 1.0, 1.0);
                }
            }
        }

        void write(ControlledNetwork net, INDArray input, double scale, Updates updates) {
            Level3.gemm(sum[0], input, outer[0], true, false, 1.0, 0.0);
            for (int i = 0; i < sum.length; i++) {
                ForwardGradients.writeAccumulated(net.dense(i), outer[i], sum[i], scale, updates);
            }
        }
    }
}
