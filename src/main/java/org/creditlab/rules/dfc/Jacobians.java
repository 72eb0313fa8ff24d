package org.creditlab.rules.dfc;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Jacobian J = ∂r_L/∂v̄ of the output with respect to the pre-activations (somatic voltages) of all layers, per
 * sample, at a given state; J = (J_1, ..., J_L) with J_i = ∂r_L/∂v_i ∈ R^{n_L × n_i}.
 *
 * <p>Batched as "tall" matrices: block i is [B·n_L, n_i] and row b·n_L + k holds ∂r_{L,k}/∂v_i of sample b. The
 * blocks come from one backward walk with B·n_L rows: J_L = diag(φ_L'(v_L)), J_i = (J_{i+1} W_{i+1}) ⊙ φ_i'(v_i).
 */
final class Jacobians {
    private Jacobians() {}

    /** The blocks J_i at {@code state}, each [B·n_L, n_i]. */
    public static INDArray[] preActivation(ControlledNetwork net, NetworkState state) {
        int depth = net.depth();
        int batch = state.batch();
        int nL = net.outputSize();
        INDArray[] j = new INDArray[depth];
        INDArray last = Nd4j.tile(Nd4j.eye(nL).castTo(DataType.DOUBLE), batch, 1);
        j[depth - 1] = last.muliColumnVector(derivative(net, state, depth - 1).dup('c').reshape(batch * (long) nL, 1));
        for (int i = depth - 2; i >= 0; i--) {
            INDArray next = j[i + 1].mmul(net.weight(i + 1));
            INDArray cube = next.reshape(batch, nL, net.size(i));
            Nd4j.getExecutioner().exec(new BroadcastMulOp(cube, derivative(net, state, i), cube, 0, 2));
            j[i] = cube.reshape(batch * (long) nL, net.size(i));
        }
        return j;
    }

    /** φ_i'(v_i) at {@code state}, [B, n_i]. */
    static INDArray derivative(ControlledNetwork net, NetworkState state, int i) {
        return net.phi(i).derivative(state.v()[i], state.r()[i]);
    }

    /** J Q̄ = Σ_i J_i Q_i per sample, as [B, n_L, n_L]. */
    public static INDArray timesFeedback(INDArray[] j, FeedbackWeights q) {
        INDArray jq = null;
        for (int i = 0; i < j.length; i++) {
            INDArray term = j[i].mmul(q.q(i));
            jq = jq == null ? term : jq.addi(term);
        }
        long nL = jq.columns();
        return jq.reshape(jq.rows() / nL, nL, nL);
    }

    /** Σ_i w_i J_i J_iᵀ per sample, [B, n_L, n_L]; {@code w} is [B, L], or null for weights 1 (J Jᵀ). */
    public static INDArray gram(INDArray[] j, INDArray w) {
        long nL = j[j.length - 1].columns();
        long batch = j[0].rows() / nL;
        INDArray g = null;
        for (int i = 0; i < j.length; i++) {
            INDArray cube = j[i].reshape(batch, nL, j[i].columns());
            INDArray term = Nd4j.matmul(cube, cube, false, true, false);
            if (w != null) {
                Nd4j.getExecutioner().exec(new BroadcastMulOp(term, w.getColumn(i).dup(), term, 0));
            }
            g = g == null ? term : g.addi(term);
        }
        return g;
    }

    /** The blocks of one sample as J ∈ R^{n_L × Σn}. */
    public static double[][] ofSample(INDArray[] j, int sample) {
        int nL = (int) j[j.length - 1].columns();
        int total = 0;
        for (INDArray block : j) {
            total += (int) block.columns();
        }
        double[][] out = new double[nL][total];
        int col = 0;
        for (INDArray block : j) {
            int n = (int) block.columns();
            double[] rows = block.get(org.nd4j.linalg.indexing.NDArrayIndex.interval((long) sample * nL, (long) (sample + 1) * nL),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c').data().asDouble();
            for (int k = 0; k < nL; k++) {
                System.arraycopy(rows, k * n, out[k], col, n);
            }
            col += n;
        }
        return out;
    }
}
