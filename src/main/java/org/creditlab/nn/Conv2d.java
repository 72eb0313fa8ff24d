package org.creditlab.nn;

import java.util.Arrays;
import org.creditlab.util.Level3;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D convolution over channels-first feature maps: z[n, o] = Σ_c W[o, c] ⋆ x[n, c] + b[o], for a batch x of
 * shape [N, C, H, W] and a kernel W of shape [out, in, kh, kw] (PyTorch's layout; ⋆ is cross-correlation, as in every
 * deep-learning library), with stride, zero padding and an optional bias.
 *
 * <p>As a {@link WeightLayer}, feedback matrices B have the kernel's shape and backprop is B = W (Kunin et al.'s conv
 * layers: the backward pass is the transposed convolution with B, the projection is x convolved with B used as a
 * forward filter).
 *
 * <p><b>Implementation.</b> Every product is one im2col (or col2im) and one gemm. The columns of x are laid out as a
 * [C·kh·kw, N·oh·ow] matrix X, so that z = W·X (W as [out, C·kh·kw]), ∂W = Δ·Xᵀ and ∂X = Wᵀ·Δ, with Δ the output
 * gradient as [out, N·oh·ow]; the columns of a training pass are kept in its record and reused by the weight gradient.
 * Against ND4J's own conv2d / conv2d_bp ops on its host build this was faster ({@code environment/jmh.sh ConvLayer};
 * batch 64, 1 thread, the reference CNN's shapes), but ND4J's oneDNN build runs those ops 2-4 times faster still.
 * So a float32 layer goes through them where that build is loaded ({@link OneDnnConvolution}); float64 layers, which
 * the gradient checks use, always take the im2col path, whose sums are exact to float64 rounding.
 */
public final class Conv2d implements WeightLayer {
    /**
     * System property choosing the path of float32 layers built from then on: "auto" (the default: oneDNN where the
     * loaded ND4J natives have it), "im2col" (to compare, or to rule the other out) or "onednn" (fails where absent).
     */
    public static final String PATH_PROPERTY = "creditlab.conv";

    private final String name;
    private final int in;
    private final int out;
    private final int height;
    private final int width;
    private final Window window;
    private final int outHeight;
    private final int outWidth;
    private final Parameter weight;
    private final Parameter bias;
    private final Im2col im2col;
    /** The oneDNN path, or null for im2col. */
    private final OneDnnConvolution oneDnn;
    /** The weight gradient alone of a stride-1 "same" convolution, or null for other geometries. */
    private final SameConvKernelGradient sameConv;

    /**
     * @param inputShape one example's shape [C, H, W]
     * @param rng        its own random stream
     */
    public Conv2d(String name, long[] inputShape, int out, Window window, boolean withBias, Init weightInit, Init biasInit,
                  DataType type, Rng rng) {
        this(name, inputShape, window,
                weightInit.sample(rng.child("weight"), type, fanIn(inputShape, window), (long) out * window.kernel() * window.kernel(),
                        out, channels(name, inputShape), window.kernel(), window.kernel()),
                withBias ? biasInit.sample(rng.child("bias"), type, fanIn(inputShape, window),
                        (long) out * window.kernel() * window.kernel(), out) : null);
    }

    /** Wraps existing arrays (tests, hand-built networks): weight [out, in, k, k], bias [out] or null; used, not copied. */
    public Conv2d(String name, long[] inputShape, Window window, INDArray weight, INDArray bias) {
        int c = channels(name, inputShape);
        if (weight.rank() != 4 || weight.size(1) != c || weight.size(2) != window.kernel() || weight.size(3) != window.kernel()) {
            throw new IllegalArgumentException("layer '" + name + "': weight must have shape [out, " + c + ", "
                    + window.kernel() + ", " + window.kernel() + "], got " + Arrays.toString(weight.shape()));
        }
        if (bias != null && (bias.rank() != 1 || bias.length() != weight.size(0))) {
            throw new IllegalArgumentException("layer '" + name + "': bias must have shape [" + weight.size(0) + "]");
        }
        this.name = name;
        this.in = c;
        this.out = (int) weight.size(0);
        this.height = (int) inputShape[1];
        this.width = (int) inputShape[2];
        this.window = window;
        this.outHeight = window.outputSize(height);
        this.outWidth = window.outputSize(width);
        this.weight = Parameter.forward(name + ".weight", weight);
        this.bias = bias == null ? null : Parameter.forward(name + ".bias", bias);
        this.im2col = new Im2col(in, height, width, window);
        this.oneDnn = OneDnnConvolution.chosenFor(weight.dataType())
                ? new OneDnnConvolution(inputShape(), out, window) : null;
        this.sameConv = SameConvKernelGradient.forLayer(in, out, height, width, window);
    }

    /** The channel block of oneDNN's layouts, to which it pads fewer channels. */
    private static final int ONEDNN_CHANNEL_BLOCK = 16;

    private static int channels(String name, long[] inputShape) {
        if (inputShape.length != 3 || Arrays.stream(inputShape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("layer '" + name + "': a convolution needs input of shape [C, H, W], got "
                    + Arrays.toString(inputShape));
        }
        return (int) inputShape[0];
    }

    private static long fanIn(long[] inputShape, Window window) {
        return inputShape[0] * window.kernel() * window.kernel();
    }

    @Override public String name() { return name; }
    @Override public long[] inputShape() { return new long[] {in, height, width}; }
    @Override public long[] outputShape() { return new long[] {out, outHeight, outWidth}; }
    @Override public Parameter weight() { return weight; }
    @Override public Parameter bias() { return bias; }
    public Window window() { return window; }
    public int inChannels() { return in; }
    public int outChannels() { return out; }

    /** Whether this layer convolves through oneDNN rather than im2col and a gemm. */
    public boolean usesOneDnn() { return oneDnn != null; }

    /**
     * What a training pass keeps for the backward pass: the input's columns (for the weight gradient; none on the
     * oneDNN path) and, between the weight gradient and the input gradient of one backward step, what the first made
     * for the second: on the im2col path the output gradient's [out, N·oh·ow] layout, on the oneDNN path the input
     * gradient through W, which conv2d_bp computes with the weight gradient.
     */
    private static final class Cache {
        final INDArray columns;
        private INDArray grad;
        private INDArray madeForInputGradient;

        Cache(INDArray columns) {
            this.columns = columns;
        }

        /** Keeps what the weight gradient of δ = {@code gradOutput} made for the input gradient that follows. */
        void keep(INDArray gradOutput, INDArray made) {
            grad = gradOutput;
            madeForInputGradient = made;
        }

        /**
         * What {@link #keep} stored for this very δ, then forgotten (so that a stale array of an earlier step can
         * never be reused), or null.
         */
        INDArray take(INDArray gradOutput) {
            INDArray made = grad == gradOutput ? madeForInputGradient : null;
            grad = null;
            madeForInputGradient = null;
            return made;
        }
    }

    /** {@link Cache#take} on the record's cache, or null where the pass kept none. */
    private static INDArray takeMade(LayerRecord record, INDArray gradOutput) {
        Cache c = record.cache();
        return c == null ? null : c.take(gradOutput);
    }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        if (oneDnn != null) {
            if (record.mode() == Mode.TRAIN) {
                record.cache(new Cache(null));
            }
            return oneDnn.forward(input, weight.value(), bias == null ? null : bias.value());
        }
        INDArray columns = columns(input);
        if (record.mode() == Mode.TRAIN) {
            record.cache(new Cache(columns));
        }
        INDArray z = outputMajor(weight.value(), columns);
        if (bias != null) {
            z.addiColumnVector(bias.value());
        }
        return toBatchMajor(z, input.size(0));
    }

    @Override
    public INDArray linearResponse(INDArray input) {
        return projectThrough(weight.value(), input);
    }

    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        if (updates != null) {
            parameterGradients(record, gradOutput, updates);
        }
        return backwardThrough(record, weight.value(), gradOutput);
    }

    /** δ as [out, N·oh·ow]: the layout the weight gradient just computed for this δ, or a new one. */
    private INDArray gradMatrix(LayerRecord record, INDArray gradOutput) {
        INDArray made = takeMade(record, gradOutput);
        return made != null ? made : toOutputMajor(gradOutput);
    }

    @Override
    public void parameterGradients(LayerRecord record, INDArray gradOutput, Updates updates) {
        parameterGradients(record, gradOutput, updates, true);
    }

    /**
     * On oneDNN, conv2d_bp computes the input gradient through W with the weight gradient. Where none follows and
     * the input has fewer channels than oneDNN's block of 16, the weight gradient alone comes from
     * {@link SameConvKernelGradient} (stride 1, "same" padding) or else from im2col and a gemm: oneDNN pads such an
     * input gradient to 16 channels, and at the reference CNN's first layer (one channel) that product and its layout
     * copies cost more than the rest of the layer's backward pass. With 16 channels or more,
     * conv2d_bp is kept even when its input gradient is thrown away: im2col's weight gradient alone was not reliably
     * faster there (docs/performance.md).
     */
    @Override
    public void parameterGradients(LayerRecord record, INDArray gradOutput, Updates updates, boolean transportFollows) {
        Cache c = record.cache();
        if (oneDnn != null && (transportFollows || in >= ONEDNN_CHANNEL_BLOCK)) {
            INDArray throughW = oneDnn.backward(record.input(), weight.value(), bias == null ? null : bias.value(),
                    gradOutput, updates.of(weight), bias == null ? null : updates.of(bias));
            if (c != null) { // for the input gradient that follows in the same backward step
                c.keep(gradOutput, throughW);
            }
            return;
        }
        if (oneDnn != null && sameConv != null && SameConvKernelGradient.takes(record.input(), gradOutput)) {
            sameConv.compute(record.input(), gradOutput, updates.of(weight), bias == null ? null : updates.of(bias));
            return;
        }
        INDArray columns = c == null || c.columns == null ? columns(record.input()) : c.columns;
        // ∂W = Δ·Xᵀ, ∂b = Σ Δ over batch and positions; the loss gradient already carries the 1/N of the batch mean.
        INDArray delta = toOutputMajor(gradOutput);
        if (c != null && oneDnn == null) { // for the input gradient that follows in the same backward step
            c.keep(gradOutput, delta);
        }
        Level3.gemm(delta, columns, updates.of(weight).reshape(out, kernelSize()), false, true, 1.0, 0.0);
        if (bias != null) {
            delta.sum(updates.of(bias), 1);
        }
    }

    @Override public long[] feedbackShape() { return weight.value().shape(); }

    /** W itself: the transposed convolution with B = W is backprop. */
    @Override
    public INDArray transportMatrix() {
        return weight.value();
    }

    /** The transposed convolution of δ with {@code feedback}: col2im(Bᵀ·Δ). */
    @Override
    public INDArray backwardThrough(INDArray feedback, INDArray gradOutput) {
        checkFeedback(feedback);
        if (oneDnn != null) {
            return oneDnn.inputGradient(feedback, gradOutput);
        }
        return transpose(feedback, toOutputMajor(gradOutput), gradOutput.size(0));
    }

    /** The same, reusing δ's [out, N·oh·ow] layout if the weight gradient of this pass just made it. */
    @Override
    public INDArray backwardThrough(LayerRecord record, INDArray feedback, INDArray gradOutput) {
        checkFeedback(feedback);
        if (oneDnn != null) {
            INDArray throughW = takeMade(record, gradOutput);
            return throughW != null && feedback == weight.value() ? throughW : oneDnn.inputGradient(feedback, gradOutput);
        }
        return transpose(feedback, gradMatrix(record, gradOutput), gradOutput.size(0));
    }

    /** The transposed convolution of Δ [out, N·oh·ow] with a kernel: col2im(Kᵀ·Δ), [N, C, H, W]. */
    private INDArray transpose(INDArray kernel, INDArray delta, long n) {
        INDArray gradColumns = Nd4j.createUninitialized(kernel.dataType(), kernelSize(), n * outHeight * outWidth);
        Level3.gemm(asMatrix(kernel), delta, gradColumns, true, false, 1.0, 0.0);
        return im2col.image(gradColumns, (int) n);
    }

    /** x convolved with {@code feedback} used as a forward filter, without bias: [N, out, oh, ow]. */
    @Override
    public INDArray projectThrough(INDArray feedback, INDArray input) {
        checkFeedback(feedback);
        if (oneDnn != null) {
            return oneDnn.forward(input, feedback, null);
        }
        return toBatchMajor(outputMajor(feedback, columns(input)), input.size(0));
    }

    /** ∂⟨g, x ⋆ B⟩/∂B = G·Xᵀ, in the kernel's shape. */
    @Override
    public INDArray feedbackGradient(INDArray input, INDArray gradProjection) {
        if (oneDnn != null) {
            return oneDnn.kernelGradient(input, weight.value(), gradProjection);
        }
        INDArray g = Nd4j.createUninitialized(input.dataType(), out, in, window.kernel(), window.kernel());
        Level3.gemm(toOutputMajor(gradProjection), columns(input), g.reshape(out, kernelSize()), false, true, 1.0, 0.0);
        return g;
    }

    private int kernelSize() {
        return in * window.kernel() * window.kernel();
    }

    private INDArray asMatrix(INDArray kernel) {
        return kernel.reshape('c', out, kernelSize());
    }

    /** The patches of x as a [C·kh·kw, N·oh·ow] matrix. */
    private INDArray columns(INDArray x) {
        return im2col.columns(x);
    }

    /** K·X as [out, N·oh·ow]. */
    private INDArray outputMajor(INDArray kernel, INDArray columns) {
        INDArray z = Nd4j.createUninitialized(columns.dataType(), out, columns.columns());
        return Level3.gemm(asMatrix(kernel), columns, z, false, false, 1.0, 0.0);
    }

    /** [out, N·oh·ow] → [N, out, oh, ow], one copy. */
    private INDArray toBatchMajor(INDArray z, long n) {
        return Im2col.swapLeadingAxes(z, out, n, new long[] {n, out, outHeight, outWidth});
    }

    /** [N, out, oh, ow] → [out, N·oh·ow], one copy. */
    private INDArray toOutputMajor(INDArray g) {
        long n = g.size(0);
        return Im2col.swapLeadingAxes(g, n, out, new long[] {out, n * outHeight * outWidth});
    }

    private void checkFeedback(INDArray feedback) {
        if (!Arrays.equals(feedback.shape(), weight.value().shape())) {
            throw new IllegalArgumentException("layer '" + name + "': feedback must have the kernel's shape "
                    + Arrays.toString(weight.value().shape()) + ", got " + Arrays.toString(feedback.shape()));
        }
    }

    @Override
    public String toString() {
        return name + "(" + in + "→" + out + ", " + window + (bias == null ? ", no bias" : "") + ")";
    }
}
