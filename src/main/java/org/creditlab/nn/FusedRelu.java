package org.creditlab.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.creditlab.util.HostArray;
import org.creditlab.util.VectorModule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU's one-pass forward and backward ({@link VectorRelu}) for the arrays it takes: float32 arrays of one shape that
 * own their buffers, in a JVM with the Vector API. Others keep ND4J's ops.
 */
final class FusedRelu {
    private FusedRelu() {}

    static boolean takes(INDArray x, INDArray other) {
        return VectorModule.loaded() && x.dataType() == DataType.FLOAT && other.dataType() == DataType.FLOAT
                && HostArray.ownsItsBuffer(x) && HostArray.ownsItsBuffer(other) && Arrays.equals(x.shape(), other.shape());
    }

    /**
     * Elements a call of {@link VectorRelu} covers: a call per array would run its loop long enough for the JIT to
     * compile it on the stack, where JDK 17 keeps the vectors as heap objects.
     */
    private static final int CHUNK = 1024;

    static INDArray apply(INDArray x) {
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        ByteBuffer in = bytes(x);
        ByteBuffer out = bytes(y);
        int n = (int) x.length();
        for (int from = 0; from < n; from += CHUNK) {
            VectorRelu.apply(in, out, from, Math.min(n, from + CHUNK));
        }
        return y;
    }

    static INDArray backward(INDArray x, INDArray gradOutput) {
        INDArray d = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        ByteBuffer in = bytes(x);
        ByteBuffer g = bytes(gradOutput);
        ByteBuffer out = bytes(d);
        int n = (int) x.length();
        for (int from = 0; from < n; from += CHUNK) {
            VectorRelu.backward(in, g, out, from, Math.min(n, from + CHUNK));
        }
        return d;
    }

    private static ByteBuffer bytes(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder());
    }
}
