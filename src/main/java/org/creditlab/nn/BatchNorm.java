package org.creditlab.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation: y = γ·(x − μ)/√(σ² + ε) + β per channel, with the batch's mean and (biased) variance in
 * training and running estimates in evaluation. Running statistics follow PyTorch: r ← (1 − m)·r + m·batch, with the
 * unbiased variance.
 *
 * <p>A channel is a feature of a fully connected layer (input [N, F], PyTorch's BatchNorm1d) or a feature map of a
 * convolution (input [N, C, H, W], statistics over the batch and all positions, PyTorch's BatchNorm2d: see
 * {@link #featureMaps}). The fully connected case runs on the heap ({@link FeatureBatchNorm}).
 */
public final class BatchNorm implements Layer {
    private final String name;
    private final long[] shape;
    private final int features;
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
        if ((shape.length != 1 && shape.length != 3) || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("layer '" + name + "': batch normalisation needs features [F] or feature "
                    + "maps [C, H, W] with positive sizes, got " + Arrays.toString(shape));
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("layer '" + name + "': need eps > 0 and momentum in [0, 1]");
        }
        this.name = name;
        this.shape = shape.clone();
        this.features = (int) shape[0];
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
                    + Arrays.toString(shape));
        }
        return new BatchNorm(name, shape, 1e-5, 0.1, type);
    }

    @Override public String name() { return name; }
    @Override public long[] inputShape() { return shape.clone(); }
    @Override public long[] outputShape() { return shape.clone(); }
    @Override public List<Parameter> parameters() { return List.of(gamma, beta); }
    public Parameter gamma() { return gamma; }
    public Parameter beta() { return beta; }
    double eps() { return eps; }
    double momentum() { return momentum; }
    int features() { return features; }
    INDArray runningMean() { return runningMean; }
    INDArray runningVar() { return runningVar; }

    @Override
    public Map<String, INDArray> buffers() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("running_mean", runningMean);
        m.put("running_var", runningVar);
        return m;
    }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        if (input.rank() == 2) {
            return FeatureBatchNorm.forward(this, input, record);
        }
        INDArray centered = input.dup('c');
        INDArray var;
        if (record.mode() == Mode.TRAIN) {
            long m = input.length() / features;
            if (m < 2) {
                throw new IllegalArgumentException("layer '" + name + "': batch normalisation needs at least 2 values per channel in training");
            }
            INDArray mean = channelSums(input).divi(m);
            scaleShift(centered, null, mean.neg());
            var = channelSums(centered.mul(centered)).divi(m);
            runningMean.muli(1 - momentum).addi(mean.muli(momentum));
            runningVar.muli(1 - momentum).addi(var.mul(momentum * m / (m - 1.0)));
        } else {
            scaleShift(centered, null, runningMean.neg());
            var = runningVar;
        }
        INDArray invStd = Transforms.pow(var.add(eps), -0.5, false);
        INDArray normalized = scaleShift(centered, invStd, null);
        record.cache(new Cache(normalized, invStd));
        return scaleShift(normalized.dup('c'), gamma.value(), beta.value());
    }

    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        if (gradOutput.rank() == 2) {
            return FeatureBatchNorm.backward(this, record, gradOutput, updates);
        }
        Cache c = record.cache();
        boolean train = record.mode() != Mode.EVAL;
        // Σg and Σ(g ⊙ x̂) per channel: β's and γ's gradients, and (times γ) the sums the training input gradient needs.
        INDArray sumG = null;
        INDArray sumGXhat = null;
        if (updates != null || train) {
            sumG = channelSums(gradOutput);
            sumGXhat = channelSums(gradOutput.mul(c.normalized()));
        }
        if (updates != null) {
            updates.of(gamma).assign(sumGXhat);
            updates.of(beta).assign(sumG);
        }
        INDArray dxhat = scaleShift(gradOutput.dup('c'), gamma.value(), null);
        if (!train) {
            return scaleShift(dxhat, c.invStd(), null);
        }
        // dx = invStd/m · (m·dx̂ − Σ dx̂ − x̂·Σ(dx̂ ⊙ x̂)), with Σ dx̂ = γ·Σg and Σ(dx̂ ⊙ x̂) = γ·Σ(g ⊙ x̂).
        long m = gradOutput.length() / features;
        INDArray dx = scaleShift(dxhat.muli(m), null, sumG.muli(gamma.value()).negi());
        dx.subi(scaleShift(c.normalized().dup('c'), sumGXhat.muli(gamma.value()), null));
        return scaleShift(dx, c.invStd().div(m), null);
    }

    /*
     * Per-channel arithmetic through contiguous views, which ND4J does fast: [N, F] has a channel per column (row-vector
     * ops); [N, C, H, W] is viewed as [N·C, H·W], a channel per row (column-vector ops with the vector repeated for
     * each example). Reducing or broadcasting over axes (0, 2, 3) directly was several times slower (5.5 ms for the
     * variance of a 64×16×28×28 batch against about 1 ms).
     */

    /** Σ over everything but the channel axis: [C]. */
    private INDArray channelSums(INDArray x) {
        if (x.rank() == 2) {
            return x.sum(0);
        }
        return x.reshape('c', x.size(0), features, x.length() / (x.size(0) * features)).sum(2).sum(0);
    }

    /** x ← x·scale + shift per channel, in place on a c-order array (either may be null); returns x. */
    private INDArray scaleShift(INDArray x, INDArray scale, INDArray shift) {
        if (x.rank() == 2) {
            if (scale != null) {
                x.muliRowVector(scale);
            }
            if (shift != null) {
                x.addiRowVector(shift);
            }
            return x;
        }
        long n = x.size(0);
        INDArray rows = x.reshape('c', n * features, x.length() / (n * features));
        if (scale != null) {
            rows.muliColumnVector(perRow(scale, n));
        }
        if (shift != null) {
            rows.addiColumnVector(perRow(shift, n));
        }
        return x;
    }

    /** A per-channel vector repeated for each of n examples, as an [n·C, 1] column. */
    private INDArray perRow(INDArray v, long n) {
        return v.reshape(1, features).repeat(0, n).reshape('c', n * features, 1);
    }

    @Override
    public String toString() {
        return name + "(" + Arrays.stream(shape).mapToObj(Long::toString)
                .collect(Collectors.joining("×")) + ")";
    }
}
