package org.creditlab.rules.dfc;

import org.creditlab.util.Level1;
import java.util.HashMap;
import java.util.Map;
import org.creditlab.nn.Updates;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DFC: the continuous plasticity rule (eq. 5) integrated over the whole simulation, as the reference code's
 * {@code grad_deltav_cont}: grad W_i = −(2/(T·B)) Σ_{k=0}^{T−1} Σ_b [φ(v_i[k]) − φ(v_i^B[k])] r_{i−1}[k]ᵀ, the
 * average over all T time points (k = 0 contributes zero). Convergence is only known at the end, so when some samples
 * must be dropped the (deterministic) simulation is run again with their contributions masked out.
 */
final class TimeAveragedUpdate extends SimulatedLearning {
    private final Map<Integer, Accumulator> accumulators = new HashMap<>();

    TimeAveragedUpdate(Controller controller, DynamicsCache buffers, boolean includeNonConverged, double epsilon,
            ConvergenceTest test) {
        super(controller, buffers, includeNonConverged, epsilon, test);
    }

    @Override
    public Convergence directions(Problem p, Updates updates) {
        int batch = p.feedforward().batch();
        Dynamics d = buffers.forBatch(batch);
        Accumulator acc = accumulators.computeIfAbsent(batch, b -> new Accumulator(p.network(), b));
        INDArray target = p.target();
        acc.reset(null);
        Convergence convergence = simulate(d, p, target, acc);
        if (convergence.excludesAny(includeNonConverged)) {
            acc.reset(convergence.mask(false));
            simulate(d, p, target, acc);
        }
        acc.write(p.network(), p.feedforward().input(), 1.0 / controller.steps(), updates);
        return convergence;
    }

    /** Σ_k D_i[k] r_{i−1}[k]ᵀ and Σ_k D_i[k] over the simulation, in buffers reused across batches. */
    private static final class Accumulator implements Dynamics.Observer {
        private final INDArray[] outer;
        private final INDArray sums;
        private final INDArray scratch;
        private final INDArray[] sum;
        private final INDArray[] diff;
        /** φ_1(v_1^B): layer 1's basal input W_1 x + b_1 is fixed during a run, so its rate is computed once. */
        private final INDArray firstBasalRate;
        private INDArray mask;

        Accumulator(ControlledNetwork net, int batch) {
            int depth = net.depth();
            outer = new INDArray[depth];
            sum = new INDArray[depth];
            diff = new INDArray[depth];
            sums = Workspaces.outside(() -> Nd4j.create(DataType.DOUBLE, new long[] {batch, net.totalSize()}, 'f'));
            scratch = Workspaces.outside(() -> Nd4j.create(DataType.DOUBLE, new long[] {batch, net.totalSize()}, 'f'));
            firstBasalRate = Workspaces.outside(() -> Nd4j.create(DataType.DOUBLE, new long[] {batch, net.size(0)}, 'f'));
            for (int i = 0; i < depth; i++) {
                sum[i] = sums.get(NDArrayIndex.all(), NDArrayIndex.interval(net.offset(i), net.offset(i) + net.size(i)));
                diff[i] = scratch.get(NDArrayIndex.all(), NDArrayIndex.interval(net.offset(i), net.offset(i) + net.size(i)));
                final int layer = i;
                outer[i] = Workspaces.outside(() -> Nd4j.create(DataType.DOUBLE, net.size(layer),
                        layer == 0 ? net.inputSize() : net.size(layer - 1)));
            }
        }

        void reset(INDArray sampleMask) {
            mask = sampleMask;
            sums.assign(0);
            for (INDArray o : outer) {
                o.assign(0);
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
                if (mask != null) {
                    diff[i].muliColumnVector(mask);
                }
                Level1.axpy(1, diff[i], sum[i]);
                if (i > 0) {
                    // layer 1's input is the fixed x: its Σ_k D x ᵀ is formed once, at the end
                    Nd4j.gemm(diff[i], d.below(i), outer[i], true, false, 1.0, 1.0);
                }
            }
        }

        void write(ControlledNetwork net, INDArray input, double scale, Updates updates) {
            Nd4j.gemm(sum[0], input, outer[0], true, false, 1.0, 0.0);
            for (int i = 0; i < sum.length; i++) {
                ForwardGradients.writeAccumulated(net.dense(i), outer[i], sum[i], scale, updates);
            }
        }
    }
}
