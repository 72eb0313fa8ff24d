package org.creditlab.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/** The mean of each feature map over its positions: [N, C, H, W] → [N, C] (a ResNet's last pooling). */
public final class GlobalAveragePool implements Layer {
    private final String name;
    private final long[] shape;

    public GlobalAveragePool(String name, long... shape) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("layer '" + name + "': global pooling needs feature maps [C, H, W], got "
                    + Arrays.toString(shape));
        }
        this.name = name;
        this.shape = shape.clone();
    }

    @Override public String name() { return name; }
    @Override public long[] inputShape() { return shape.clone(); }
    @Override public long[] outputShape() { return new long[] {shape[0]}; }

    @Override
    public INDArray forward(INDArray input, LayerRecord record) {
        return input.mean(2, 3);
    }

    /** Each position receives 1/(H·W) of its map's gradient. */
    @Override
    public INDArray backward(LayerRecord record, INDArray gradOutput, Updates updates) {
        INDArray dx = Nd4j.zeros(gradOutput.dataType(), gradOutput.size(0), shape[0], shape[1], shape[2]);
        Nd4j.getExecutioner().exec(new BroadcastAddOp(dx, gradOutput.div(shape[1] * shape[2]), dx, 0, 1));
        return dx;
    }

    @Override
    public String toString() {
        return name + "(" + Arrays.toString(shape) + " → " + shape[0] + ")";
    }
}
