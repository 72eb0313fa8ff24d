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
 * {@code nn.Conv2d}'s two paths at the two convolutions of the reference CNN ({@code shared/bench/torch_cnn_epoch.py};
 * batch 64, 3×3, padding 1, float32): "c1" is 1→16 on 28×28, "c2" is 16→32 on 14×14; "rgb" is a CIFAR-10 first
 * layer, 3→16 on 32×32. {@code path} is the layer's {@code creditlab.conv} setting: "im2col" (im2col + gemm) or "auto"
 * (ND4J's conv2d / conv2d_bp on oneDNN where the loaded natives have it). forward = the layer's output with bias;
 * backward = weight, bias and input gradients; weightGradient = the weight and bias gradients alone.
 * Run with {@code environment/jmh.sh ConvLayer}.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class ConvLayerBenchmark {
    @Param({"c1", "c2", "rgb"})
    public String layer;

    @Param({"im2col", "auto"})
    public String path;

    private Conv2d conv;
    private Network net;
    private INDArray x;
    private INDArray delta;
    private LayerRecord record;
    private Updates updates;

    @Setup
    public void setUp() {
        int in = switch (layer) { case "c1" -> 1; case "rgb" -> 3; default -> 16; };
        int out = layer.equals("c2") ? 32 : 16;
        int size = switch (layer) { case "c1" -> 28; case "rgb" -> 32; default -> 14; };
        System.setProperty(Conv2d.PATH_PROPERTY, path);
        conv = new Conv2d("conv", new long[] {in, size, size}, out, new Window(3, 1, 1), true, Init.pytorchDefault(),
                Init.pytorchDefault(), DataType.FLOAT, Rng.of(1));
        System.out.println("\n" + conv + (conv.usesOneDnn() ? " on oneDNN" : " on im2col"));
        net = new Network(DataType.FLOAT, conv.inputShape(), List.of(conv), Loss.MEAN_SQUARED_ERROR);
        x = Rng.of(2).normal(DataType.FLOAT, 0, 1, 64, in, size, size);
        delta = Rng.of(3).normal(DataType.FLOAT, 0, 1, 64, out, size, size);
        record = net.forward(x, Mode.TRAIN, Rng.of(4)).record(0);
        updates = new Updates();
    }

    @Benchmark
    public double forward() {
        try (MemoryWorkspace ignored = Workspaces.step("bench")) {
            return net.forward(x, Mode.TRAIN, null).output().getDouble(0);
        }
    }

    /** The weight and bias gradients alone, as for a network's first layer (no input gradient follows). */
    @Benchmark
    public double weightGradient() {
        try (MemoryWorkspace ignored = Workspaces.step("bench")) {
            conv.parameterGradients(record, delta, updates, false);
            return updates.of(conv.weight()).getDouble(0);
        }
    }

    @Benchmark
    public double backward() {
        try (MemoryWorkspace ignored = Workspaces.step("bench")) {
            return conv.backward(record, delta, updates).getDouble(0);
        }
    }
}
