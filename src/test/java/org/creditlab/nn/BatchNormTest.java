package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer's batch normalisation (on the heap, {@link FeatureBatchNorm}) equals the feature-map form
 * (ND4J's ops) on the same values viewed as [N, F, 1, 1]: outputs, running statistics, and every gradient, in both
 * modes. The gradient checks against finite differences are {@code GradientCheckTest}'s.
 */
class BatchNormTest {
    private static void check(DataType type, double tolerance) {
        int n = 16;
        int f = 5;
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(type, n, f).muli(3).addi(1);
        INDArray g = Nd4j.randn(type, n, f);
        BatchNorm dense = new BatchNorm("dense", f, type);
        BatchNorm maps = new BatchNorm("maps", new long[] {f, 1, 1}, 1e-5, 0.1, type);
        INDArray gamma = Nd4j.rand(type, f).addi(0.5);
        INDArray beta = Nd4j.randn(type, f);
        for (BatchNorm bn : new BatchNorm[] {dense, maps}) {
            bn.gamma().value().assign(gamma);
            bn.beta().value().assign(beta);
        }
        for (Mode mode : new Mode[] {Mode.TRAIN, Mode.TRAIN, Mode.EVAL}) {
            LayerRecord rd = new LayerRecord(dense, mode, null, null);
            LayerRecord rm = new LayerRecord(maps, mode, null, null);
            INDArray yd = dense.forward(x, rd);
            INDArray ym = maps.forward(x.reshape(n, f, 1, 1), rm).reshape(n, f);
            close(ym, yd, tolerance, mode + " output");
            close(maps.runningMean(), dense.runningMean(), tolerance, mode + " running mean");
            close(maps.runningVar(), dense.runningVar(), tolerance, mode + " running variance");
            Updates ud = new Updates();
            Updates um = new Updates();
            INDArray dxd = dense.backward(rd, g, ud);
            INDArray dxm = maps.backward(rm, g.reshape(n, f, 1, 1), um).reshape(n, f);
            close(dxm, dxd, tolerance, mode + " input gradient");
            close(um.of(maps.gamma()), ud.of(dense.gamma()), tolerance, mode + " γ's gradient");
            close(um.of(maps.beta()), ud.of(dense.beta()), tolerance, mode + " β's gradient");
        }
    }

    private static void close(INDArray expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance * Math.max(1, expected.amaxNumber().doubleValue()), what + ": differs by " + diff);
    }

    @Test
    void featuresMatchFeatureMapsInDoublePrecision() {
        check(DataType.DOUBLE, 1e-12);
    }

    @Test
    void featuresMatchFeatureMapsInSinglePrecisionWithinItsRounding() {
        check(DataType.FLOAT, 2e-6);
    }
}
