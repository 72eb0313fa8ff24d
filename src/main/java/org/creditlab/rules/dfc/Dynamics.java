package org.creditlab.rules.dfc;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.util.Level1;
import org.creditlab.util.Level3;
import org.creditlab.util.Rng;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Forward-Euler simulation of the controlled network (eq. 1-4) for a whole mini-batch, with the constants of a
 * {@link Controller}: the reference code's {@code DFCNetwork.controller}, layer by layer. Every sample starts at its
 * feedforward state (v = v^-, r = r^-, u = u^int = v^A = 0).
 *
 * <p>All state lives in buffers allocated once per batch size (outside workspaces) and is updated in place: the
 * voltages of all layers are column blocks of [B, Σn] matrices in column-major order, so each layer's block is
 * contiguous and the apical inputs of all layers, Q̄u, are one gemm. Observers see the state between steps.
 *
 * <p>The buffers are float64, or float32 for a sleep phase that asks for it ({@link DfcSpec#sleepPrecision()}): then
 * the input, the weights, Q̄ and the targets are copied into float32 buffers at the start of each {@link #run}.
 */
final class Dynamics {

    /** Sees the simulation between steps; both hooks default to nothing. */
    public interface Observer {
        /** After u[k+1] was computed and before the layers move: {@link #apical} still holds v^A[k]. */
        default void afterControl(Dynamics d, int k) {}

        /** After the step k → k+1: the state is that of time k+1. */
        default void afterStep(Dynamics d, int k) {}
    }

    private final ControlledNetwork net;
    private final int batch;
    private final DataType type;
    private final int outputs;
    private final INDArray soma;
    private final INDArray basal;
    private final INDArray apical;
    private final INDArray rates;
    private final INDArray bias;
    private final INDArray noise;
    private final double[] draws;
    /** float32 only: the draws rounded, the input, and the weights W_i (i ≥ 1) as this run sees them. */
    private final float[] floatDraws;
    private final INDArray inputCopy;
    private final INDArray[] weights;
    private final INDArray qBar;
    private final INDArray[] v;
    private final INDArray[] vb;
    private final INDArray[] va;
    private final INDArray[] r;
    private final INDArray[] b;
    private final INDArray u;
    private final INDArray uInt;
    private final INDArray uPrev;
    private final INDArray e;
    private final INDArray target;
    private INDArray input;
    private double[] startError;
    private double[] startErrorSampleZero;

    /** float64 buffers for batches of {@code batch} samples of {@code net}. */
    public Dynamics(ControlledNetwork net, int batch) {
        this(net, batch, DataType.DOUBLE);
    }

    /** Buffers of {@code type} (float64 or float32) for batches of {@code batch} samples of {@code net}. */
    public Dynamics(ControlledNetwork net, int batch, DataType type) {
        if (type != DataType.DOUBLE && type != DataType.FLOAT) {
            throw new IllegalArgumentException("DFC simulates in float64 or float32, got " + type);
        }
        this.net = net;
        this.batch = batch;
        this.type = type;
        this.outputs = net.outputSize();
        int total = net.totalSize();
        int depth = net.depth();
        soma = buffer(batch, total);
        basal = buffer(batch, total);
        apical = buffer(batch, total);
        rates = buffer(batch, total);
        bias = buffer(batch, total);
        noise = buffer(batch, total);
        qBar = Workspaces.outside(() -> Nd4j.create(type, total, outputs));
        v = new INDArray[depth];
        vb = new INDArray[depth];
        va = new INDArray[depth];
        r = new INDArray[depth];
        b = new INDArray[depth];
        for (int i = 0; i < depth; i++) {
            v[i] = block(soma, i);
            vb[i] = block(basal, i);
            va[i] = block(apical, i);
            b[i] = block(bias, i);
            r[i] = net.phi(i) instanceof Nonlinearity.Identity ? v[i] : block(rates, i);
        }
        draws = new double[batch * total];
        boolean single = type == DataType.FLOAT;
        floatDraws = single ? new float[draws.length] : null;
        inputCopy = single ? buffer(batch, net.inputSize()) : null;
        weights = new INDArray[depth];
        for (int i = 1; i < depth && single; i++) {
            INDArray w = net.weight(i);
            weights[i] = Workspaces.outside(() -> Nd4j.create(type, w.shape(), w.ordering()));
        }
        u = buffer(batch, outputs);
        uInt = buffer(batch, outputs);
        uPrev = buffer(batch, outputs);
        e = buffer(batch, outputs);
        target = buffer(batch, outputs);
    }

    private INDArray buffer(int rows, int columns) {
        return Workspaces.outside(() -> Nd4j.create(type, new long[] {rows, columns}, 'f'));
    }

    private INDArray block(INDArray all, int i) {
        return all.get(NDArrayIndex.all(), NDArrayIndex.interval(net.offset(i), net.offset(i) + net.size(i)));
    }

    public int batch() { return batch; }
    /** The buffers' type: float64, or float32 for a sleep phase that asks for it. */
    public DataType dataType() { return type; }
    public ControlledNetwork network() { return net; }
    /** v_i at the current time. */
    public INDArray soma(int i) { return v[i]; }
    /** v_i^B = W_i r_{i−1} + b_i at the current time. */
    public INDArray basal(int i) { return vb[i]; }
    /** v_i^A at the current time. */
    public INDArray apical(int i) { return va[i]; }
    /** All apical compartments, [B, Σn]. */
    public INDArray apical() { return apical; }
    /** r_i at the current time. */
    public INDArray rate(int i) { return r[i]; }
    /** r_{i−1} at the current time (the input for i = 0). */
    public INDArray below(int i) { return i == 0 ? input : r[i - 1]; }
    /** The control signal u. */
    public INDArray control() { return u; }
    /** The output target r_L*. */
    public INDArray target() { return target; }

    /**
     * Simulates T time points from the feedforward state {@code ff} towards {@code outputTarget}.
     *
     * @param noiseRng draws the apical noise; may be null for a noiseless controller
     * @param observer may be null
     */
    public void run(FeedbackWeights q, Controller c, NetworkState ff, INDArray outputTarget, Rng noiseRng,
                    Observer observer) {
        if (ff.batch() != batch) {
            throw new IllegalArgumentException("these buffers hold batches of " + batch + ", got " + ff.batch());
        }
        int depth = net.depth();
        input = inputCopy == null ? ff.input() : inputCopy.assign(ff.input());
        for (int i = 1; i < depth; i++) {
            if (weights[i] != null) {
                weights[i].assign(net.weight(i));
            }
        }
        q.concatenate(qBar);
        target.assign(outputTarget);
        apical.assign(0);
        u.assign(0);
        uInt.assign(0);
        for (int i = 0; i < depth; i++) {
            v[i].assign(ff.v()[i]);
            vb[i].assign(ff.v()[i]);
            if (r[i] != v[i]) {
                r[i].assign(ff.r()[i]);
            }
            INDArray bi = net.bias(i);
            if (bi == null) {
                b[i].assign(0);
            } else {
                b[i].assign(bi.reshape(1, -1).broadcast(batch, net.size(i)));
            }
        }
        startError = errorNorms();
        INDArray outputZero = r[depth - 1].getRow(0, true);
        startErrorSampleZero = target.subRowVector(outputZero).norm2(1).toDoubleVector();
        double decayA = 1 - c.dt() / c.tauA();
        double gainA = c.dt() / c.tauA();
        double gainV = c.dt() / c.tauV();
        double noiseScale = Math.sqrt(c.dt()) / c.tauA();
        INDArray rL = r[depth - 1];
        for (int k = 0; k < c.steps() - 1; k++) {
            Level1.copy(target, e);
            Level1.axpy(-1, rL, e);
            if (!c.proactive()) {
                Level1.copy(u, uPrev);
            }
            if (c.kp() > 0) {
                Level1.axpy(c.dt(), e, uInt);
                Level1.axpy(-c.dt() * c.alpha(), u, uInt);
                Level1.copy(uInt, u);
                Level1.axpy(c.kp(), e, u);
            } else {
                Level1.scale(1 - c.dt() * c.alpha(), u);
                Level1.axpy(c.dt(), e, u);
            }
            if (observer != null) {
                observer.afterControl(this, k);
            }
            Level3.gemm(c.proactive() ? u : uPrev, qBar, apical, false, true, gainA, decayA);
            if (c.noisy()) {
                addNoise(c, noiseRng, noiseScale);
            }
            for (int j = 0; j < depth; j++) {
                int i = c.instantaneous() ? j : depth - 1 - j;
                if (i > 0) {
                    Level3.gemm(r[i - 1], weights[i] == null ? net.weight(i) : weights[i], vb[i], false, true, 1.0, 0.0);
                    Level1.axpy(1, b[i], vb[i]);
                }
                Level1.scale(1 - gainV, v[i]);
                Level1.axpy(gainV, vb[i], v[i]);
                Level1.axpy(gainV, va[i], v[i]);
                activate(i, v[i], r[i]);
            }
            if (observer != null) {
                observer.afterStep(this, k);
            }
        }
    }

    /**
     * v^A += σ √dt/τ_A ξ (σ_out for the output layer), with ξ drawn on the heap from {@code rng}'s own stream and
     * copied in at once: ND4J's native Gaussian generator took about half of each sleep-phase step.
     */
    private void addNoise(Controller c, Rng rng, double scale) {
        if (rng == null) {
            throw new IllegalArgumentException("a noisy controller needs a random stream");
        }
        // column-major [B, Σn]: the hidden layers' blocks come first, then the output layer's
        int hidden = batch * net.offset(net.depth() - 1);
        rng.fillNormal(draws, 0, hidden, c.sigma() * scale);
        rng.fillNormal(draws, hidden, draws.length, c.sigmaOutput() * scale);
        if (floatDraws == null) {
            new DoublePointer(noise.data().addressPointer()).put(draws);
        } else {
            // the same draws as in float64, rounded: the two precisions see one noise
            for (int k = 0; k < draws.length; k++) {
                floatDraws[k] = (float) draws[k];
            }
            new FloatPointer(noise.data().addressPointer()).put(floatDraws);
        }
        Level1.axpy(1, noise, apical);
    }

    /** r ← φ_i(v), in place where the nonlinearity allows it. */
    void activate(int i, INDArray voltage, INDArray out) {
        Rates.apply(net.phi(i), voltage, out);
    }

    /** ‖r_L* − r_L‖ per sample at the current time. */
    public double[] errorNorms() {
        Level1.copy(target, e);
        Level1.axpy(-1, r[net.depth() - 1], e);
        return e.norm2(1).toDoubleVector();
    }

    /** ‖r_L* − r_L‖ per sample at the start of the last {@link #run}. */
    public double[] startErrorNorms() {
        return startError.clone();
    }

    /**
     * The code's convergence test at the current time: converged iff ‖r_L − (r_L* − α u)‖ / ‖r_L^-‖ < 1e-5 and the
     * error fell below ε² of the start error, each sample's own ({@link ConvergenceTest#PER_SAMPLE}, the verdict that
     * counts) or the reference code's ‖r_L*_b − r_L^-_0‖ (both verdicts are returned); diverged iff that relative
     * distance exceeds 1.
     */
    public Convergence convergence(NetworkState ff, double alpha, double epsilon) {
        return convergence(ff, alpha, epsilon, ConvergenceTest.PER_SAMPLE);
    }

    /** As {@link #convergence(NetworkState, double, double)}, with {@code test}'s verdict deciding the update. */
    public Convergence convergence(NetworkState ff, double alpha, double epsilon, ConvergenceTest test) {
        Level1.copy(r[net.depth() - 1], e);
        Level1.axpy(-1, target, e);
        Level1.axpy(alpha, u, e);
        double[] distance = e.norm2(1).toDoubleVector();
        double[] scale = ff.output().norm2(1).toDoubleVector();
        double[] end = errorNorms();
        boolean[] perSample = new boolean[batch];
        boolean[] referenceCode = new boolean[batch];
        boolean[] diverged = new boolean[batch];
        double fraction = epsilon * epsilon;
        for (int s = 0; s < batch; s++) {
            double rel = distance[s] / scale[s];
            boolean settled = rel < Convergence.THRESHOLD;
            perSample[s] = settled && end[s] < fraction * startError[s];
            referenceCode[s] = settled && end[s] < fraction * startErrorSampleZero[s];
            diverged[s] = rel > Convergence.DIVERGENCE;
        }
        return new Convergence(test, perSample, referenceCode, diverged);
    }
}
