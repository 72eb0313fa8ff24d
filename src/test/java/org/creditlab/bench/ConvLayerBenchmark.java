package org.creditlab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.creditlab.nn.Conv2d;
import org.creditlab.nn.Init;
import org.creditlab.nn.LayerRecord;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Mode;
import org.creditlab.nn.Network;
import org.creditlab.nn.Updates;
import org.creditlab.nn.Window;
import org.creditlab.util.Rng;
import org.creditlab.util.Workspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code nn.Conv2d}'s im2col + gemm against ND4J's built-in conv2d / conv2d_bp ops, at the two convolutions of the
 * reference CNN ({@code shared/bench/torch_cnn_epoch.py}; batch 64, 3×3, padding 1): "c1" is 1→16 on 28×28, "c2" is
 * 16→32 on 14×14. forward = the layer's output with bias; backward = weight, bias and input gradients. Run with
 * {@code environment/jmh.sh ConvLayer}.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class ConvLayerBenchmark {
    @Param({"c1", "c2"})
    public String layer;

    private Conv2d conv;
    private Network net;
    private INDArray x;
    private INDArray delta;
    private LayerRecord record;
    private Updates updates;
    private INDArray gradW;
    private INDArray gradB;
    private int[] args;

    @Setup
    public void setUp() {
        int in = layer.equals("c1") ? 1 : 16;
        int out = layer.equals("c1") ? 16 : 32;
        int size = layer.equals("c1") ? 28 : 14;
        Window window = new Window(3, 1, 1);
        conv = new Conv2d("conv", new long[] {in, size, size}, out, window, true, Init.pytorchDefault(),
                Init.pytorchDefault(), DataType.FLOAT, Rng.of(1));
        net = new Network(DataType.FLOAT, conv.inputShape(), List.of(conv), Loss.MEAN_SQUARED_ERROR);
        x = Rng.of(2).normal(DataType.FLOAT, 0, 1, 64, in, size, size);
        delta = Rng.of(3).normal(DataType.FLOAT, 0, 1, 64, out, size, size);
        record = net.forward(x, Mode.TRAIN, Rng.of(4)).record(0);
        updates = new Updates();
        gradW = Nd4j.create(DataType.FLOAT, conv.weight().shape());
        gradB = Nd4j.create(DataType.FLOAT, out);
        // kh, kw, sh, sw, ph, pw, dh, dw, same mode (0), data format (0: NCHW), weight format (1: [out, in, kh, kw])
        args = new int[] {3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 1};
    }

    @Benchmark
    public double forwardIm2colGemm() {
        try (MemoryWorkspace ignored = Workspaces.step("bench")) {
            return net.forward(x, Mode.TRAIN, null).output().getDouble(0);
        }
    }

    @Benchmark
    public double forwardBuiltin() {
        try (MemoryWorkspace ignored = Workspaces.step("bench")) {
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, 64, conv.outputShape()[0],
                conv.outputShape()[1], conv.outputShape()[2]);
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, conv.weight().value(), conv.bias().value())
                .addOutputs(z).addIntegerArguments(args).build());
        return z.getDouble(0);
        }
    }

    @Benchmark
    public double backwardIm2colGemm() {
        try (MemoryWorkspace ignored = Workspaces.step("bench")) {
            return conv.backward(record, delta, updates).getDouble(0);
        }
    }

    @Benchmark
    public double backwardBuiltin() {
        try (MemoryWorkspace ignored = Workspaces.step("bench")) {
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, conv.weight().value(), conv.bias().value(), delta)
                .addOutputs(dx, gradW, gradB).addIntegerArguments(args).build());
        return dx.getDouble(0);
        }
    }
}
