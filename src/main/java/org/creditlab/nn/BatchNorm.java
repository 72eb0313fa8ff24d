package org.creditlab.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation: y = γ·(x − μ)/√(σ² + ε) + β per channel, with the batch's mean and (biased) variance in
 * training and running estimates in evaluation. Running statistics follow PyTorch: r ← (1 − m)·r + m·batch, with the
 * unbiased variance.
 *
 * <p>A channel is a feature of a fully connected layer (input [N, F], PyTorch's BatchNorm1d) or a feature map of a
 * convolution (input [N, C, H, W], statistics over the batch and all positions, PyTorch's BatchNorm2d: see
 * {@link #featureMaps}).
 */
public final class BatchNorm implements Layer {
    private final String name;
    private final long[] shape;
    private final int features;
    private final int[] reduced;
    private final double eps;
    private final double momentum;
    private final Parameter gamma;
    private final Parameter beta;
    private final INDArray runningMean;
    private final INDArray runningVar;

    /** Per-pass cache: the normalised input and 1/√(σ² + ε). */
    private record Cache(INDArray normalized, INDArray invStd) {}

    public BatchNorm(String name, int features, double eps, double momentum, DataType type) {
        this(name, new long[] {features}, eps, momentum, type);
    }

    public BatchNorm(String name, int features, DataType type) {
        this(name, features, 1e-5, 0.1, type);
    }

    /**
     * Normalises each channel of {@code shape}: [F] (features) or [C, H, W] (feature maps).
     *
     * @param eps      added to the variance (PyTorch: 1e-5)
     * @param momentum weight of the batch in the running statistics (PyTorch: 0.1)
     */
    public BatchNorm(String name, long[] shape, double eps, double momentum, DataType type) {
        if ((shape.length != 1 && shape.length != 3) || java.util.Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("layer '" + name + "': batch normalisation needs features [F] or feature "
                    + "maps [C, H, W] with positive sizes, got " + java.util.Arrays.toString(shape));
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("layer '" + name + "': need eps > 0 and momentum in [0, 1]");
        }
        this.name = name;
        this.shape = shape.clone();
        this.features = (int) shape[0];
        this.reduced = shape.length == 1 ? new int[] {0} : new int[] {0, 2, 3};
        this.eps = eps;
        this.momentum = momentum;
        this.gamma = Parameter.forward(name + ".gamma", Nd4j.ones(type, features));
        this.beta = Parameter.forward(name + ".beta", Nd4j.zeros(type, features));
        this.runningMean = Nd4j.zeros(type, features);
        this.runningVar = Nd4j.ones(type, features);
    }

    /** PyTorch's BatchNorm2d with its defaults: one channel per feature map of a [C, H, W] input. */
    public static BatchNorm featureMaps(String name, long[] shape, DataType type) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("layer '" + name + "': feature maps have shape [C, H, W], got "
                    + java.util.Arrays.toString(shape));
        }
        return new BatchNorm(name, shape, 1e-5, 0.1, type);
    }

    @Override public String name() { return name; }
    @Override public long[] inputShape() { return shape.clone(); }
    @Override public long[] outputShape() { return shape.clone(); }
    @Override public List<Parameter> parameters() { return List.of(gamma, beta); }
    public Parameter gamma() { return gamma; }
    public Parameter beta() { return beta; }

    @Override
    public Map<String, INDArray> buffers() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("running_mean", runningMean);
        m.put("running_var", runningVar);
        return m;
    }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        INDArray mean;
        INDArray var;
        if (record.mode() == Mode.TRAIN) {
            long n = input.length() / features;
            if (n < 2) {
                throw new IllegalArgumentException("layer '" + name + "': batch normalisation needs at least 2 values per channel in training");
            }
            mean = input.mean(reduced);
            var = input.var(false, reduced);
            runningMean.muli(1 - momentum).addi(mean.mul(momentum));
            runningVar.muli(1 - momentum).addi(var.mul(momentum * n / (n - 1.0)));
        } else {
            mean = runningMean;
            var = runningVar;
        }
        INDArray invStd = Transforms.pow(var.add(eps), -0.5, false);
        INDArray normalized = perChannel(new BroadcastSubOp(input, mean, input.ulike(), 1));
        perChannel(new BroadcastMulOp(normalized, invStd, normalized, 1));
        record.cache(new Cache(normalized, invStd));
        INDArray y = perChannel(new BroadcastMulOp(normalized, gamma.value(), normalized.ulike(), 1));
        return perChannel(new BroadcastAddOp(y, beta.value(), y, 1));
    }

    /** Runs a broadcast along the channel axis (1) and returns its result. */
    private static INDArray perChannel(org.nd4j.linalg.api.ops.BroadcastOp op) {
        Nd4j.getExecutioner().exec(op);
        return op.z();
    }

    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        Cache c = record.cache();
        if (updates != null) {
            gradOutput.mul(c.normalized()).sum(updates.of(gamma), reduced);
            gradOutput.sum(updates.of(beta), reduced);
        }
        INDArray dxhat = perChannel(new BroadcastMulOp(gradOutput, gamma.value(), gradOutput.ulike(), 1));
        if (record.mode() == Mode.EVAL) {
            return perChannel(new BroadcastMulOp(dxhat, c.invStd(), dxhat, 1));
        }
        // dx = invStd/m · (m·dx̂ − Σ dx̂ − x̂·Σ(dx̂ ⊙ x̂)), sums over the m values of each channel.
        long m = gradOutput.length() / features;
        INDArray sumDxhat = dxhat.sum(reduced);
        INDArray sumDxhatXhat = dxhat.mul(c.normalized()).sum(reduced);
        INDArray dx = perChannel(new BroadcastSubOp(dxhat.muli(m), sumDxhat, dxhat, 1));
        dx.subi(perChannel(new BroadcastMulOp(c.normalized(), sumDxhatXhat, c.normalized().ulike(), 1)));
        return perChannel(new BroadcastMulOp(dx, c.invStd().div(m), dx, 1));
    }

    @Override
    public String toString() {
        return name + "(" + java.util.Arrays.stream(shape).mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining("×")) + ")";
    }
}
