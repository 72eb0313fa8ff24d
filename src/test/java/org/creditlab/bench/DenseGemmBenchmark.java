package org.creditlab.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dense layer's three products at the benchmark's shape (batch 64, 784 → 1024) in the layout {@code nn.Dense}
 * uses (W stored [out, in], c-order) against W stored [in, out]: forward x·Wᵀ, weight gradient δᵀ·x, input
 * gradient δ·W. Run with {@code environment/jmh.sh DenseGemm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class DenseGemmBenchmark {
    private INDArray x;
    private INDArray delta;
    private INDArray wOutIn;
    private INDArray wInOut;
    private INDArray z;
    private INDArray gradOutIn;
    private INDArray gradInOut;
    private INDArray dx;

    @Setup
    public void setUp() {
        x = Nd4j.rand(DataType.FLOAT, 64, 784);
        delta = Nd4j.rand(DataType.FLOAT, 64, 1024);
        wOutIn = Nd4j.rand(DataType.FLOAT, 1024, 784);
        wInOut = wOutIn.transpose().dup('c');
        z = Nd4j.create(DataType.FLOAT, 64, 1024);
        gradOutIn = Nd4j.create(DataType.FLOAT, 1024, 784);
        gradInOut = Nd4j.create(DataType.FLOAT, 784, 1024);
        dx = Nd4j.create(DataType.FLOAT, 64, 784);
    }

    @Benchmark public INDArray forwardOutIn() { return Nd4j.gemm(x, wOutIn, z, false, true, 1, 0); }
    @Benchmark public INDArray forwardInOut() { return Nd4j.gemm(x, wInOut, z, false, false, 1, 0); }
    @Benchmark public INDArray weightGradientOutIn() { return Nd4j.gemm(delta, x, gradOutIn, true, false, 1, 0); }
    @Benchmark public INDArray weightGradientInOut() { return Nd4j.gemm(x, delta, gradInOut, true, false, 1, 0); }
    @Benchmark public INDArray inputGradientOutIn() { return Nd4j.gemm(delta, wOutIn, dx, false, false, 1, 0); }
    @Benchmark public INDArray inputGradientInOut() { return Nd4j.gemm(delta, wInOut, dx, false, true, 1, 0); }
}
