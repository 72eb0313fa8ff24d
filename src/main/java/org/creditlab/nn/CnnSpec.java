package org.creditlab.nn;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A convolutional network on [C, H, W] images: a list of stages, then a dense output layer with no activation
 * (flattening first if the last stage leaves feature maps).
 *
 * @param input      one image's shape [C, H, W]
 * @param stages     the stages in order
 * @param outputs    output units
 * @param activation the nonlinearity after every convolution, residual block and hidden dense layer
 * @param outputBias whether the output layer has a bias
 * @param weightInit initialiser of every convolution and dense weight (fans as in PyTorch: in·k·k for a kernel)
 * @param biasInit   initialiser of every bias
 * @param loss       the training objective
 * @param precision  float32 or float64
 */
public record CnnSpec(List<Long> input, List<Stage> stages, int outputs, Nonlinearity activation, boolean outputBias,
                      Init weightInit, Init biasInit, Loss loss, Precision precision) implements NetworkSpec {

    public CnnSpec {
        input = List.copyOf(input);
        stages = List.copyOf(stages);
        if (input.size() != 3 || input.stream().anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("a CNN's input is one image's shape [C, H, W], got " + input);
        }
        if (outputs <= 0) {
            throw new IllegalArgumentException("outputs must be positive, got " + outputs);
        }
    }

    /** One stage of a CNN; it appends its layers to the network under construction. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Conv.class, name = "conv"),
            @JsonSubTypes.Type(value = Pool.class, name = "pool"),
            @JsonSubTypes.Type(value = ResidualStage.class, name = "residual"),
            @JsonSubTypes.Type(value = GlobalPool.class, name = "global_average_pool"),
            @JsonSubTypes.Type(value = Hidden.class, name = "dense")})
    public sealed interface Stage {
        /** Appends this stage's layers and returns the shape they leave. */
        long[] build(Assembly b, long[] shape);

        /** A short label for {@link CnnSpec#describe()}. */
        String label();
    }

    /** Convolution (k×k, stride, zero padding, optional bias) → [BatchNorm] → activation. */
    public record Conv(int channels, int kernel, int stride, int padding, boolean bias, boolean batchNorm) implements Stage {
        public Conv {
            if (channels <= 0) {
                throw new IllegalArgumentException("a convolution needs channels > 0, got " + channels);
            }
            new Window(kernel, stride, padding);
        }

        @Override
        public long[] build(Assembly b, long[] shape) {
            String k = b.index("conv");
            Conv2d conv = new Conv2d("conv" + k, shape, channels, new Window(kernel, stride, padding), bias,
                    b.spec.weightInit, b.spec.biasInit, b.type, b.rng.child("conv" + k));
            b.layers.add(conv);
            if (batchNorm) {
                b.layers.add(BatchNorm.featureMaps("bn" + k, conv.outputShape(), b.type));
            }
            b.layers.add(new Activation("act_conv" + k, b.spec.activation, conv.outputShape()));
            return conv.outputShape();
        }

        @Override
        public String label() {
            return "conv" + channels + "@" + kernel + "x" + kernel + (stride != 1 ? "s" + stride : "") + (batchNorm ? "+bn" : "");
        }
    }

    /** Max or average pooling. */
    public record Pool(Pool2d.Kind kind, int kernel, int stride, int padding) implements Stage {
        public Pool {
            if (kind == null) {
                throw new IllegalArgumentException("a pooling stage needs a kind");
            }
            new Window(kernel, stride, padding);
        }

        @Override
        public long[] build(Assembly b, long[] shape) {
            Pool2d pool = new Pool2d("pool" + b.index("pool"), kind, new Window(kernel, stride, padding), shape);
            b.layers.add(pool);
            return pool.outputShape();
        }

        @Override
        public String label() {
            return (kind == Pool2d.Kind.MAX ? "maxpool" : "avgpool") + kernel;
        }
    }

    /**
     * {@code blocks} basic residual blocks ({@link Residual#basic}), each followed by the activation; the first has
     * the stride (and a projection shortcut if the shape changes).
     */
    public record ResidualStage(int channels, int blocks, int stride) implements Stage {
        public ResidualStage {
            if (channels <= 0 || blocks <= 0 || stride <= 0) {
                throw new IllegalArgumentException("a residual stage needs channels, blocks and stride > 0");
            }
        }

        @Override
        public long[] build(Assembly b, long[] shape) {
            for (int i = 0; i < blocks; i++) {
                String name = "block" + b.index("block");
                Residual block = Residual.basic(name, shape, channels, i == 0 ? stride : 1, b.spec.activation,
                        b.spec.weightInit, b.type, b.rng.child(name));
                b.layers.add(block);
                shape = block.outputShape();
                b.layers.add(new Activation("act_" + name, b.spec.activation, shape));
            }
            return shape;
        }

        @Override
        public String label() {
            return "res" + channels + "x" + blocks + (stride != 1 ? "s" + stride : "");
        }
    }

    /** Global average pooling: [C, H, W] → [C]. */
    public record GlobalPool() implements Stage {
        @Override
        public long[] build(Assembly b, long[] shape) {
            GlobalAveragePool gap = new GlobalAveragePool("gap", shape);
            b.layers.add(gap);
            return gap.outputShape();
        }

        @Override
        public String label() {
            return "gap";
        }
    }

    /** A hidden dense layer (with bias) → activation. */
    public record Hidden(int units) implements Stage {
        public Hidden {
            if (units <= 0) {
                throw new IllegalArgumentException("a dense stage needs units > 0, got " + units);
            }
        }

        @Override
        public long[] build(Assembly b, long[] shape) {
            Dense dense = b.dense(shape, units, true);
            b.layers.add(new Activation("act_" + dense.name(), b.spec.activation, units));
            return dense.outputShape();
        }

        @Override
        public String label() {
            return "fc" + units;
        }
    }

    /** The network under construction, handed to each stage. */
    public static final class Assembly {
        private final CnnSpec spec;
        private final Rng rng;
        private final DataType type;
        private final List<Layer> layers = new ArrayList<>();
        private final Map<String, Integer> counts = new HashMap<>();

        private Assembly(CnnSpec spec, Rng rng) {
            this.spec = spec;
            this.rng = rng;
            this.type = spec.precision.dataType();
        }

        /** 1 for the first layer of this kind, then 2, 3... */
        private String index(String kind) {
            return String.valueOf(counts.merge(kind, 1, Integer::sum));
        }

        /** A dense layer, flattening feature maps first. */
        private Dense dense(long[] shape, int units, boolean bias) {
            if (shape.length > 1) {
                Flatten flatten = new Flatten("flatten" + index("flatten"), shape);
                layers.add(flatten);
                shape = flatten.outputShape();
            }
            String name = "dense" + index("dense");
            Dense dense = new Dense(name, (int) shape[0], units, bias, spec.weightInit, spec.biasInit, type, rng.child(name));
            layers.add(dense);
            return dense;
        }
    }

    /**
     * The reference CNN of {@code shared/bench/torch_cnn_epoch.py} for [C, H, W] images: conv 16@3×3 pad 1 → ReLU →
     * maxpool 2 → conv 32@3×3 pad 1 → ReLU → maxpool 2 → dense → 10, with biases and PyTorch's default initialisation
     * (on 28×28 images the dense layer is 1568 → 10).
     */
    public static CnnSpec small(long... input) {
        return new CnnSpec(boxed(input), List.of(new Conv(16, 3, 1, 1, true, false), new Pool(Pool2d.Kind.MAX, 2, 2, 0),
                new Conv(32, 3, 1, 1, true, false), new Pool(Pool2d.Kind.MAX, 2, 2, 0)), 10, Nonlinearity.relu(), true,
                Init.pytorchDefault(), Init.pytorchDefault(), Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT32);
    }

    /**
     * PEPITA's one-convolution models (Dellaferrera and Kreiman 2022, {@code Net1conv1fcXL} and
     * {@code Net1conv1fcXL_cif}): conv 32@5×5, no padding, no bias → ReLU → maxpool 2 → dense → 10 without bias,
     * PyTorch's default initialisation U(±1/√fan_in): {@code main_pytorch.py} parses {@code --w_init he_uniform} but
     * never applies it to these models. On [1, 28, 28] the dense layer is 4608 → 10; on [3, 32, 32] it is 6272 → 10.
     */
    public static CnnSpec pepita(long... input) {
        return new CnnSpec(boxed(input), List.of(new Conv(32, 5, 1, 0, false, false), new Pool(Pool2d.Kind.MAX, 2, 2, 0)),
                10, Nonlinearity.relu(), false, Init.pytorchDefault(), Init.zeros(), Loss.SOFTMAX_CROSS_ENTROPY,
                Precision.FLOAT32);
    }

    /**
     * A CIFAR-style ResNet of depth 6n + 2 (He et al. 2016, §4.2): conv {@code width}@3×3 + BN → three stages of n basic
     * blocks with width, 2·width and 4·width channels (stride 2 at the start of the last two) → global average pooling
     * → dense → 10. Convolutions have no bias; He-normal initialisation. n = 3 and width 16 is ResNet-20.
     */
    public static CnnSpec resnet(int blocksPerStage, int width, long... input) {
        return new CnnSpec(boxed(input), List.of(new Conv(width, 3, 1, 1, false, true),
                new ResidualStage(width, blocksPerStage, 1), new ResidualStage(2 * width, blocksPerStage, 2),
                new ResidualStage(4 * width, blocksPerStage, 2), new GlobalPool()), 10, Nonlinearity.relu(), true,
                Init.heNormal(), Init.zeros(), Loss.SOFTMAX_CROSS_ENTROPY, Precision.FLOAT32);
    }

    private static List<Long> boxed(long... input) {
        return Arrays.stream(input).boxed().toList();
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code CnnSpec.small(1, 28, 28).toBuilder().precision(Precision.FLOAT64).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private List<Long> input;
        private List<Stage> stages;
        private int outputs;
        private Nonlinearity activation;
        private boolean outputBias;
        private Init weightInit;
        private Init biasInit;
        private Loss loss;
        private Precision precision;

        private Builder(CnnSpec s) {
            input = s.input;
            stages = s.stages;
            outputs = s.outputs;
            activation = s.activation;
            outputBias = s.outputBias;
            weightInit = s.weightInit;
            biasInit = s.biasInit;
            loss = s.loss;
            precision = s.precision;
        }

        public Builder input(List<Long> value) { input = value; return this; }
        public Builder stages(List<Stage> value) { stages = value; return this; }
        public Builder outputs(int value) { outputs = value; return this; }
        public Builder activation(Nonlinearity value) { activation = value; return this; }
        public Builder outputBias(boolean value) { outputBias = value; return this; }
        public Builder weightInit(Init value) { weightInit = value; return this; }
        public Builder biasInit(Init value) { biasInit = value; return this; }
        public Builder loss(Loss value) { loss = value; return this; }
        public Builder precision(Precision value) { precision = value; return this; }

        public CnnSpec build() {
            return new CnnSpec(input, stages, outputs, activation, outputBias, weightInit, biasInit, loss, precision);
        }
    }

    @Override
    public Network build(long seed) {
        Assembly b = new Assembly(this, Rng.of(seed).child("network"));
        long[] shape = input.stream().mapToLong(Long::longValue).toArray();
        for (Stage stage : stages) {
            shape = stage.build(b, shape);
        }
        b.dense(shape, outputs, outputBias);
        return new Network(b.type, input.stream().mapToLong(Long::longValue).toArray(), b.layers, loss);
    }

    @Override
    public String describe() {
        return input.stream().map(String::valueOf).collect(Collectors.joining("x")) + " "
                + stages.stream().map(Stage::label).collect(Collectors.joining("-")) + (stages.isEmpty() ? "" : "-")
                + outputs + " " + activation.label();
    }
}
