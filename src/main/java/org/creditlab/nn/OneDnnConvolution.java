package org.creditlab.nn;

import org.creditlab.util.Nd4jNatives;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Conv2d}'s products through ND4J's conv2d, conv2d_bp and deconv2d ops, which ND4J's oneDNN build runs on
 * oneDNN's convolution kernels: at the reference CNN's layers, batch 64, one thread, the forward pass 2.4-3 times and
 * the backward pass 1.1-2.3 times as fast as im2col and a gemm (docs/performance.md). oneDNN convolves float32
 * only, so float64 layers, which the gradient checks use, keep the im2col path; {@link Conv2d#PATH_PROPERTY} chooses
 * the path for a whole process.
 *
 * <p>Arrays are NCHW and kernels [out, in, kh, kw], as in {@link Conv2d}.
 */
final class OneDnnConvolution {
    private final long[] inputShape;
    private final long[] outputShape;
    /** kh, kw, sh, sw, ph, pw, dh, dw, padding mode (0: explicit), data format (0: NCHW), weight format (1). */
    private final int[] args;
    /** Whether the transposed convolution of an output-sized array gives back the input's size exactly. */
    private final boolean transposeFits;

    /** For a layer over one example of shape {@code inputShape} [C, H, W] with {@code out} channels. */
    OneDnnConvolution(long[] inputShape, int out, Window w) {
        this.inputShape = inputShape.clone();
        this.outputShape = new long[] {out, w.outputSize(inputShape[1]), w.outputSize(inputShape[2])};
        int k = w.kernel();
        int s = w.stride();
        int p = w.padding();
        this.args = new int[] {k, k, s, s, p, p, 1, 1, 0, 0, 1};
        this.transposeFits = (inputShape[1] + 2L * p - k) % s == 0 && (inputShape[2] + 2L * p - k) % s == 0;
    }

    /** Whether a layer of {@code type} should use this path, by {@link Conv2d#PATH_PROPERTY} and the loaded natives. */
    static boolean chosenFor(DataType type) {
        String setting = System.getProperty(Conv2d.PATH_PROPERTY, "auto");
        switch (setting) {
            case "im2col":
                return false;
            case "auto":
                return type == DataType.FLOAT && Nd4jNatives.hasOneDnn();
            case "onednn":
                if (type != DataType.FLOAT) {
                    return false; // oneDNN has no float64 convolution; such layers stay exact
                }
                if (!Nd4jNatives.hasOneDnn()) {
                    throw new IllegalStateException("-D" + Conv2d.PATH_PROPERTY + "=onednn, but the ND4J natives loaded"
                            + " here were built without oneDNN (" + Nd4jNatives.describe() + "); use auto or im2col");
                }
                return true;
            default:
                throw new IllegalArgumentException("-D" + Conv2d.PATH_PROPERTY + "=" + setting
                        + " is not a convolution path; use auto, im2col or onednn");
        }
    }

    /** x ⋆ K (+ b if not null): [N, out, oh, ow]. */
    INDArray forward(INDArray x, INDArray kernel, INDArray bias) {
        INDArray z = Nd4j.createUninitialized(x.dataType(), batchShape(x.size(0), outputShape));
        INDArray[] inputs = bias == null ? new INDArray[] {dense(x), dense(kernel)}
                : new INDArray[] {dense(x), dense(kernel), bias};
        exec("conv2d", inputs, z);
        return z;
    }

    /**
     * The gradients of ⟨δ, x ⋆ K + b⟩: writes ∂K = δ·Xᵀ into {@code gradKernel} and, if {@code bias} is not null,
     * ∂b = Σδ into {@code gradBias}, and returns the input gradient through K.
     */
    INDArray backward(INDArray x, INDArray kernel, INDArray bias, INDArray delta, INDArray gradKernel,
                      INDArray gradBias) {
        INDArray gradInput = Nd4j.createUninitialized(x.dataType(), x.shape());
        if (bias == null) {
            exec("conv2d_bp", new INDArray[] {dense(x), dense(kernel), dense(delta)}, gradInput, gradKernel);
        } else {
            exec("conv2d_bp", new INDArray[] {dense(x), dense(kernel), bias, dense(delta)}, gradInput, gradKernel,
                    gradBias);
        }
        return gradInput;
    }

    /** The transposed convolution of δ with K: the input gradient through K, [N, C, H, W]. */
    INDArray inputGradient(INDArray kernel, INDArray delta) {
        long n = delta.size(0);
        if (!transposeFits) { // the transposed convolution would miss the input's last rows or columns
            return backward(Nd4j.zeros(delta.dataType(), batchShape(n, inputShape)), kernel, null, delta,
                    Nd4j.createUninitialized(kernel.dataType(), kernel.shape()), null);
        }
        INDArray gradInput = Nd4j.createUninitialized(delta.dataType(), batchShape(n, inputShape));
        exec("deconv2d", new INDArray[] {dense(delta), dense(kernel)}, gradInput);
        return gradInput;
    }

    /** ∂⟨g, x ⋆ K⟩/∂K = G·Xᵀ, in the kernel's shape [out, in, kh, kw]. */
    INDArray kernelGradient(INDArray x, INDArray kernelShaped, INDArray gradOutput) {
        INDArray g = Nd4j.createUninitialized(x.dataType(), kernelShaped.shape());
        backward(x, kernelShaped, null, gradOutput, g, null);
        return g;
    }

    /** Runs ND4J's op {@code name} with this layer's integer arguments (the builder takes each list in one call). */
    private void exec(String name, INDArray[] inputs, INDArray... outputs) {
        Nd4j.exec(DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(outputs).addIntegerArguments(args).build());
    }

    private static long[] batchShape(long n, long[] example) {
        return new long[] {n, example[0], example[1], example[2]};
    }

    /** The ops read dense arrays in C order (a view may send oneDNN to a slower path); others are copied first. */
    private static INDArray dense(INDArray a) {
        return a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
    }
}
