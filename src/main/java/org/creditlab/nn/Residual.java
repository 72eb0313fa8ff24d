package org.creditlab.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A residual block: y = F(x) + S(x), where the residual branch F and the shortcut S are sequences of layers and an
 * empty shortcut is the identity (He et al., "Deep residual learning for image recognition", CVPR 2016,
 * https://arxiv.org/abs/1512.03385). The nonlinearity after the sum is the network's next layer, so the block is
 * linear in its two branches' outputs and its backward pass is the sum of the two branches' backward passes.
 *
 * <p>The inner layers' records are the residual branch's in order, then the shortcut's.
 */
public final class Residual implements Block {
    private final String name;
    private final List<Layer> branch;
    private final List<Layer> shortcut;
    private final long[] inputShape;
    private final long[] outputShape;

    /**
     * @param branch   the residual branch F, at least one layer
     * @param shortcut the shortcut S; empty for the identity
     * @throws IllegalArgumentException if the shapes along either branch do not fit or the branches' outputs differ
     */
    public Residual(String name, List<Layer> branch, List<Layer> shortcut) {
        if (branch.isEmpty()) {
            throw new IllegalArgumentException("block '" + name + "': the residual branch needs at least one layer");
        }
        this.name = name;
        this.branch = List.copyOf(branch);
        this.shortcut = List.copyOf(shortcut);
        this.inputShape = branch.get(0).inputShape();
        this.outputShape = chain(this.branch, inputShape);
        long[] shortcutOut = chain(this.shortcut, inputShape);
        if (!Arrays.equals(outputShape, shortcutOut)) {
            throw new IllegalArgumentException("block '" + name + "': the residual branch gives " + Arrays.toString(outputShape)
                    + " but the shortcut gives " + Arrays.toString(shortcutOut)
                    + (this.shortcut.isEmpty() ? "; a change of shape needs a projection shortcut" : ""));
        }
    }

    private long[] chain(List<Layer> layers, long[] shape) {
        for (Layer l : layers) {
            if (!Arrays.equals(shape, l.inputShape())) {
                throw new IllegalArgumentException("block '" + name + "': layer '" + l.name() + "' expects "
                        + Arrays.toString(l.inputShape()) + " but receives " + Arrays.toString(shape));
            }
            shape = l.outputShape();
        }
        return shape;
    }

    /**
     * He et al.'s basic block for [C, H, W] input: F = conv 3×3 (stride s) → BN → f → conv 3×3 → BN, and S = the
     * identity, or a projection conv 1×1 (stride s) → BN when the stride or the number of channels changes.
     * Convolutions have no bias (BatchNorm follows each), as in the paper.
     *
     * @param rng its own random stream (each convolution draws from a child named after it)
     */
    public static Residual basic(String name, long[] inputShape, int channels, int stride, Nonlinearity f, Init weightInit,
                                 DataType type, Rng rng) {
        List<Layer> branch = new ArrayList<>();
        Conv2d conv1 = new Conv2d(name + ".conv1", inputShape, channels, new Window(3, stride, 1), false, weightInit,
                Init.zeros(), type, rng.child("conv1"));
        branch.add(conv1);
        branch.add(BatchNorm.featureMaps(name + ".bn1", conv1.outputShape(), type));
        branch.add(new Activation(name + ".act1", f, conv1.outputShape()));
        Conv2d conv2 = new Conv2d(name + ".conv2", conv1.outputShape(), channels, new Window(3, 1, 1), false, weightInit,
                Init.zeros(), type, rng.child("conv2"));
        branch.add(conv2);
        branch.add(BatchNorm.featureMaps(name + ".bn2", conv2.outputShape(), type));
        List<Layer> shortcut = new ArrayList<>();
        if (stride != 1 || inputShape[0] != channels) {
            Conv2d projection = new Conv2d(name + ".shortcut", inputShape, channels, new Window(1, stride, 0), false,
                    weightInit, Init.zeros(), type, rng.child("shortcut"));
            shortcut.add(projection);
            shortcut.add(BatchNorm.featureMaps(name + ".shortcut_bn", projection.outputShape(), type));
        }
        return new Residual(name, branch, shortcut);
    }

    @Override public String name() { return name; }
    @Override public long[] inputShape() { return inputShape.clone(); }
    @Override public long[] outputShape() { return outputShape.clone(); }
    public List<Layer> branch() { return branch; }
    /** The shortcut's layers; empty for the identity. */
    public List<Layer> shortcut() { return shortcut; }

    @Override
    public List<Layer> layers() {
        List<Layer> all = new ArrayList<>(branch);
        all.addAll(shortcut);
        return all;
    }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        INDArray f = input;
        for (Layer l : branch) {
            f = record.forwardInner(l, f);
        }
        INDArray s = input;
        for (Layer l : shortcut) {
            s = record.forwardInner(l, s);
        }
        return f.add(s);
    }

    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Crossing crossing) {
        List<LayerRecord> inner = record.inner();
        INDArray gf = gradOutput;
        for (int i = branch.size() - 1; i >= 0; i--) {
            gf = crossing.cross(branch.get(i), inner.get(i), gf);
        }
        INDArray gs = gradOutput;
        for (int i = shortcut.size() - 1; i >= 0; i--) {
            gs = crossing.cross(shortcut.get(i), inner.get(branch.size() + i), gs);
        }
        return gf.add(gs);
    }

    @Override
    public String toString() {
        return name + "(" + branch + (shortcut.isEmpty() ? " + identity" : " + " + shortcut) + ")";
    }
}
