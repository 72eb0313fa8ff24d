package org.creditlab.bench;

import java.util.concurrent.TimeUnit;
import org.creditlab.nn.Decorrelation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of COPI's decorrelation update C·R for one batch of 50 against the layer width n: the batch formula
 * Xᵀ(X·R)/N − diag⟨x²⟩·R (O(N·n²), {@link Decorrelation#decorrelationDirection}) and the dense formula that forms C and
 * multiplies n×n by n×n (O(n³), as the reference code does). Run with {@code environment/jmh.sh DecorrelationUpdate}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class DecorrelationUpdateBenchmark {
    @Param({"128", "256", "512", "784", "1024", "2048"})
    public int n;

    private Decorrelation layer;
    private INDArray x;
    private INDArray out;

    @Setup
    public void setUp() {
        layer = new Decorrelation("d", Nd4j.eye(n).castTo(DataType.FLOAT).addi(Nd4j.rand(DataType.FLOAT, n, n).muli(0.01)));
        x = Nd4j.rand(DataType.FLOAT, 50, n);
        out = Nd4j.create(DataType.FLOAT, n, n);
    }

    @Benchmark
    public INDArray batchFormula() {
        layer.decorrelationDirection(x, Decorrelation.Rule.DEFAULT, false, out);
        return out;
    }

    @Benchmark
    public INDArray denseFormula() {
        return layer.decorrelationDirectionDense(x, Decorrelation.Rule.DEFAULT, false);
    }
}
