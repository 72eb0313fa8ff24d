package org.creditlab.rules.pepita;

import static org.creditlab.nn.ConvReference.convolve;
import static org.creditlab.nn.ConvReference.toArray;
import static org.creditlab.nn.ConvReference.toNd;
import static org.creditlab.rules.TinyCnn.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.creditlab.nn.Activation;
import org.creditlab.nn.Conv2d;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Flatten;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Pool2d;
import org.creditlab.nn.Updates;
import org.creditlab.nn.Window;
import org.creditlab.results.Json;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.TinyCnn;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PEPITA's convolutional update against the two passes computed with loops, on a one-convolution network like the
 * ICML code's {@code Net1conv1fcXL} in miniature (conv 2@3×3 with bias → ReLU → maxpool 2 → flatten → dense 8 → 3
 * without bias, input [1, 6, 6]), in double precision, for the default convention and the ICML conv code's.
 */
class PepitaConvTest {
    private static final int N = 4;
    private static final int P = 16; // conv output positions, 4×4
    private final INDArray x = TinyCnn.input(3, N);
    private final INDArray t = TinyCnn.oneHot(2, 0, 1, 1);

    private static Network net() {
        Rng r = Rng.of(5);
        return new Network(DataType.DOUBLE, new long[] {1, 6, 6}, List.<Layer>of(
                new Conv2d("conv1", new long[] {1, 6, 6}, new Window(3, 1, 0),
                        r.child("w").normal(DataType.DOUBLE, 0, 0.5, 2, 1, 3, 3), r.child("b").normal(DataType.DOUBLE, 0, 0.2, 2)),
                new Activation("act1", Nonlinearity.relu(), 2, 4, 4),
                new Pool2d("pool", Pool2d.Kind.MAX, new Window(2, 2, 0), 2, 4, 4),
                new Flatten("flatten", 2, 2, 2),
                new Dense("dense", r.child("wd").normal(DataType.DOUBLE, 0, 0.5, 3, 8), null)), Loss.SOFTMAX_CROSS_ENTROPY);
    }

    /** One pass by loops: the input, h = relu(conv) [N][2][4][4], the pooled and flattened h [N][8], the softmax. */
    private record Pass(double[][][][] input, double[][][][] h, double[][] flat, double[][] y) {
        static Pass of(double[][][][] input, Network net) {
            Conv2d conv = (Conv2d) net.layer(0);
            double[][][][] h = TinyCnn.relu(convolve(input, toArray(conv.weight().value()), conv.bias().value().toDoubleVector(), 1, 0));
            double[][] wd = ((Dense) net.layer(4)).weight().value().toDoubleMatrix();
            double[][] flat = new double[N][8];
            double[][] y = new double[N][3];
            for (int n = 0; n < N; n++) {
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            flat[n][c * 4 + i * 2 + j] = Math.max(Math.max(h[n][c][2 * i][2 * j], h[n][c][2 * i][2 * j + 1]),
                                    Math.max(h[n][c][2 * i + 1][2 * j], h[n][c][2 * i + 1][2 * j + 1]));
                        }
                    }
                }
                double sum = 0;
                for (int o = 0; o < 3; o++) {
                    for (int k = 0; k < 8; k++) {
                        y[n][o] += wd[o][k] * flat[n][k];
                    }
                    y[n][o] = Math.exp(y[n][o]);
                    sum += y[n][o];
                }
                for (int o = 0; o < 3; o++) {
                    y[n][o] /= sum;
                }
            }
            return new Pass(input, h, flat, y);
        }
    }

    /** S: at each output position the batch mean of diff ⊗ the input patch there, summed over positions. */
    private static double[][][][] perPositionMean(double[][][][] input, double[][][][] diff) {
        double[][][][] dw = new double[2][1][3][3];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                for (int o = 0; o < 2; o++) {
                    for (int u = 0; u < 3; u++) {
                        for (int v = 0; v < 3; v++) {
                            double mean = 0;
                            for (int n = 0; n < N; n++) {
                                mean += diff[n][o][r][c] * input[n][0][r + u][c + v] / N;
                            }
                            dw[o][0][u][v] += mean;
                        }
                    }
                }
            }
        }
        return dw;
    }

    static Stream<Arguments> conventions() {
        // The convention, and its direction as a multiple of the standard update S = (1/N) Σ_n Σ_positions diff ⊗ patch
        // (the per-position batch means, summed). The ICML code computes ΔW_code = S/P (÷√P with --sqrt_conv) and
        // applies W += η·ΔW_code/N; our optimizer subtracts η·direction, so its direction is −S/(P·N).
        return Stream.of(
                Arguments.of(ConvUpdate.standard(), 1.0),
                Arguments.of(ConvUpdate.authors(), -1.0 / (P * N)),
                Arguments.of(new ConvUpdate(ConvUpdate.Sign.ASCENT, ConvUpdate.Positions.SQRT, true), -1.0 / (Math.sqrt(P) * N)),
                Arguments.of(new ConvUpdate(ConvUpdate.Sign.DESCENT, ConvUpdate.Positions.MEAN, false), 1.0 / P));
    }

    @ParameterizedTest
    @MethodSource("conventions")
    void convolutionalUpdateMatchesTheLoopComputation(ConvUpdate conv, double multiple) {
        Network net = net();
        PepitaSpec spec = PepitaSpec.convolutional().toBuilder().projectionScale(2).conv(conv).build();
        Pepita rule = (Pepita) spec.create(net, 7);
        INDArray f = rule.projectionMatrix();
        assertArrayEquals(new long[] {36, 3}, f.shape(), "F projects the error onto the image, [C·H·W, classes]");

        double[][] tt = t.toDoubleMatrix();
        Pass clean = Pass.of(toArray(x), net);
        double[][] e = new double[N][3];
        double[][][][] modulated = toArray(x);
        for (int n = 0; n < N; n++) {
            for (int o = 0; o < 3; o++) {
                e[n][o] = clean.y()[n][o] - tt[n][o];
            }
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    for (int o = 0; o < 3; o++) {
                        modulated[n][0][i][j] += f.getDouble(i * 6 + j, o) * e[n][o]; // x + reshape(F·e), x + F·e in the ICML code
                    }
                }
            }
        }
        Pass mod = Pass.of(modulated, net);
        double[][][][] diff = new double[N][2][4][4];
        double[] db = new double[2];
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        diff[n][c][i][j] = clean.h()[n][c][i][j] - mod.h()[n][c][i][j];
                        db[c] += diff[n][c][i][j] / N;
                    }
                }
            }
        }
        double[][] dWd = new double[3][8];
        for (int n = 0; n < N; n++) {
            for (int o = 0; o < 3; o++) {
                for (int k = 0; k < 8; k++) {
                    dWd[o][k] += e[n][o] * mod.flat()[n][k] / N; // the first pass's error, the modulated pass's activity
                }
            }
        }
        Updates u = PepitaTest.step(rule, net, x, t, 3, 0, new ArrayList<>());
        Conv2d convLayer = (Conv2d) net.layer(0);
        close(toNd(perPositionMean(modulated, diff)).muli(multiple), u.get(convLayer.weight()), 1e-10, "ΔW conv with " + conv);
        close(Nd4j.createFromArray(db).muli(multiple), u.get(convLayer.bias()), 1e-10, "Δb conv with " + conv);
        close(Nd4j.createFromArray(dWd), u.get(((Dense) net.layer(4)).weight()), 1e-10, "ΔW dense");
    }

    @Test
    void thePresetIsTheIcmlConvModel() {
        Network net = org.creditlab.nn.CnnSpec.pepita(1, 28, 28).build(3);
        Conv2d conv = (Conv2d) net.layer(0);
        assertEquals(new Window(5, 1, 0), conv.window());
        assertEquals(32, conv.outChannels());
        assertEquals(null, conv.bias());
        assertEquals(List.of("Conv2d", "Activation", "Pool2d", "Flatten", "Dense"),
                net.layers().stream().map(l -> l.getClass().getSimpleName()).toList());
        // PyTorch's default U(±1/√25) for the kernel and U(±1/√4608) for the dense layer, not He-uniform U(±√(6/25))
        double w = conv.weight().value().amaxNumber().doubleValue();
        assertTrue(w <= 0.2 && w > 0.19, "max |W| of the kernel " + w);
        double d = net.weightLayers().get(1).weight().value().amaxNumber().doubleValue();
        assertTrue(d <= 1 / Math.sqrt(4608) && d > 0.9 / Math.sqrt(4608), "max |W| of the dense layer " + d);
    }

    @Test
    void theDefaultConventionIsLeftOutOfTheJsonAndTheAuthorsSurvivesIt() {
        assertEquals(ConvUpdate.standard(), new PepitaSpec().conv());
        String json = Json.write((RuleSpec) new PepitaSpec());
        assertEquals(-1, json.indexOf("conv"), json);
        PepitaSpec authors = PepitaSpec.convolutional();
        assertEquals(authors, Json.read(Json.write((RuleSpec) authors), RuleSpec.class));
        assertEquals(ConvUpdate.standard(), Json.read(json, RuleSpec.class) instanceof PepitaSpec p ? p.conv() : null);
    }
}
