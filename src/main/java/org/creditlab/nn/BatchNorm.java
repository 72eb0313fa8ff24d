package org.creditlab.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation over the features of a fully connected layer: y = γ·(x − μ)/√(σ² + ε) + β, with the batch's
 * mean and (biased) variance in training and running estimates in evaluation. Running statistics follow PyTorch:
 * r ← (1 − m)·r + m·batch, with the unbiased variance.
 */
public final class BatchNorm implements Layer {
    private final String name;
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
        if (features <= 0) {
            throw new IllegalArgumentException("layer '" + name + "': features must be positive, got " + features);
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("layer '" + name + "': need eps > 0 and momentum in [0, 1]");
        }
        this.name = name;
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.gamma = Parameter.forward(name + ".gamma", Nd4j.ones(type, features));
        this.beta = Parameter.forward(name + ".beta", Nd4j.zeros(type, features));
        this.runningMean = Nd4j.zeros(type, features);
        this.runningVar = Nd4j.ones(type, features);
    }

    public BatchNorm(String name, int features, DataType type) {
        this(name, features, 1e-5, 0.1, type);
    }

    @Override public String name() { return name; }
    @Override public long[] inputShape() { return new long[] {features}; }
    @Override public long[] outputShape() { return new long[] {features}; }
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
            if (input.rows() < 2) {
                throw new IllegalArgumentException("layer '" + name + "': batch normalisation needs at least 2 examples per batch in training");
            }
            mean = input.mean(0);
            var = input.var(false, 0);
            long n = input.rows();
            runningMean.muli(1 - momentum).addi(mean.mul(momentum));
            runningVar.muli(1 - momentum).addi(var.mul(momentum * n / (n - 1.0)));
        } else {
            mean = runningMean;
            var = runningVar;
        }
        INDArray invStd = Transforms.pow(var.add(eps), -0.5, false);
        INDArray normalized = input.subRowVector(mean).muliRowVector(invStd);
        record.cache(new Cache(normalized, invStd));
        return normalized.mulRowVector(gamma.value()).addiRowVector(beta.value());
    }

    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        Cache c = record.cache();
        if (updates != null) {
            updates.of(gamma).assign(gradOutput.mul(c.normalized()).sum(0));
            updates.of(beta).assign(gradOutput.sum(0));
        }
        INDArray dxhat = gradOutput.mulRowVector(gamma.value());
        if (record.mode() == Mode.EVAL) {
            return dxhat.muliRowVector(c.invStd());
        }
        // dx = invStd/N · (N·dx̂ − Σ dx̂ − x̂·Σ(dx̂ ⊙ x̂)), sums over the batch.
        long n = gradOutput.rows();
        INDArray sumDxhat = dxhat.sum(0);
        INDArray sumDxhatXhat = dxhat.mul(c.normalized()).sum(0);
        INDArray dx = dxhat.muli(n).subiRowVector(sumDxhat).subi(c.normalized().mulRowVector(sumDxhatXhat));
        return dx.muliRowVector(c.invStd().div(n));
    }

    @Override
    public String toString() {
        return name + "(" + features + ")";
    }
}
