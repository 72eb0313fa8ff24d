package org.creditlab.rules.dfc;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state of the network for a mini-batch: the input r_0 = x, and for each layer the somatic voltage v_i and the
 * rate r_i = φ_i(v_i), each of shape [B, n_i].
 */
record NetworkState(INDArray input, INDArray[] v, INDArray[] r) {

    public int depth() {
        return v.length;
    }

    /** r_{i−1}: the input for i = 0, else the rates of the layer below. */
    public INDArray below(int i) {
        return i == 0 ? input : r[i - 1];
    }

    /** The network output r_L. */
    public INDArray output() {
        return r[r.length - 1];
    }

    public int batch() {
        return (int) input.rows();
    }
}
