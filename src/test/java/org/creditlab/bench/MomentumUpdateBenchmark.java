package org.creditlab.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
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
 * The SGD-with-momentum step on a 1024×784 weight (the benchmark MLP's first layer): two ND4J ops plus an axpy, as
 * first written, against the fused v ← g + μv that {@code optim.Sgd} uses. A micro-benchmark, not a test: run with
 * {@code environment/jmh.sh MomentumUpdate}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class MomentumUpdateBenchmark {
    @Param({"1024"})
    int rows;

    private INDArray w;
    private INDArray v;
    private INDArray g;

    @Setup
    public void setUp() {
        w = Nd4j.rand(DataType.FLOAT, rows, 784);
        v = Nd4j.rand(DataType.FLOAT, rows, 784);
        g = Nd4j.rand(DataType.FLOAT, rows, 784).muli(1e-3);
    }

    @Benchmark
    public INDArray separateOps() {
        v.muli(0.9).addi(g);
        Nd4j.getBlasWrapper().level1().axpy(w.length(), -1e-6, v, w);
        return w;
    }

    @Benchmark
    public INDArray fusedMomentum() {
        Nd4j.exec(new Axpy(v, g, v, 0.9));
        Nd4j.getBlasWrapper().level1().axpy(w.length(), -1e-6, v, w);
        return w;
    }
}
