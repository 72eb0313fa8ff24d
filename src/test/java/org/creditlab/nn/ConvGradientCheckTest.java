package org.creditlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.creditlab.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolutional layers' exact derivatives against central finite differences in double precision: for a layer
 * y = f(x; θ) and a fixed random R, the objective ⟨R, y⟩ has ∂/∂x = backward(R) and ∂/∂θ = the parameter gradients.
 */
class ConvGradientCheckTest {
    private static final DataType D = DataType.DOUBLE;

    static Stream<Arguments> layers() {
        Rng rng = Rng.of(3);
        List<Arguments> out = new ArrayList<>();
        long[] in = {2, 4, 4};
        out.add(Arguments.of("conv 3x3 pad 1 bias", Mode.TRAIN, (Supplier<Layer>) () ->
                new Conv2d("conv", in, 3, new Window(3, 1, 1), true, Init.normal(1), Init.normal(1), D, rng.child("a"))));
        out.add(Arguments.of("conv 3x3 stride 2 pad 1 no bias", Mode.TRAIN, (Supplier<Layer>) () ->
                new Conv2d("conv", in, 3, new Window(3, 2, 1), false, Init.normal(1), Init.zeros(), D, rng.child("b"))));
        out.add(Arguments.of("conv 2x2 stride 2 bias", Mode.TRAIN, (Supplier<Layer>) () ->
                new Conv2d("conv", in, 2, new Window(2, 2, 0), true, Init.normal(1), Init.normal(1), D, rng.child("c"))));
        out.add(Arguments.of("max pool 2", Mode.TRAIN, (Supplier<Layer>) () -> Pool2d.max("pool", Window.of(2), in)));
        out.add(Arguments.of("max pool 3 stride 2 pad 1", Mode.TRAIN, (Supplier<Layer>) () ->
                Pool2d.max("pool", new Window(3, 2, 1), in)));
        out.add(Arguments.of("average pool 2", Mode.TRAIN, (Supplier<Layer>) () -> Pool2d.average("pool", Window.of(2), in)));
        out.add(Arguments.of("average pool 3 stride 2 pad 1", Mode.TRAIN, (Supplier<Layer>) () ->
                Pool2d.average("pool", new Window(3, 2, 1), in)));
        out.add(Arguments.of("global average pool", Mode.TRAIN, (Supplier<Layer>) () -> new GlobalAveragePool("gap", in)));
        out.add(Arguments.of("flatten", Mode.TRAIN, (Supplier<Layer>) () -> new Flatten("flat", in)));
        out.add(Arguments.of("batchnorm2d train", Mode.TRAIN, (Supplier<Layer>) () -> randomized(BatchNorm.featureMaps("bn", in, D), rng.child("d"))));
        out.add(Arguments.of("batchnorm2d eval", Mode.EVAL, (Supplier<Layer>) () -> randomized(BatchNorm.featureMaps("bn", in, D), rng.child("e"))));
        out.add(Arguments.of("residual identity", Mode.TRAIN, (Supplier<Layer>) () ->
                Residual.basic("block", in, 2, 1, Nonlinearity.tanh(), Init.heNormal(), D, rng.child("f"))));
        out.add(Arguments.of("residual projection", Mode.TRAIN, (Supplier<Layer>) () ->
                Residual.basic("block", in, 3, 2, Nonlinearity.tanh(), Init.heNormal(), D, rng.child("g"))));
        return out.stream();
    }

    /** Non-trivial γ, β and running statistics, so that every term of the derivative is exercised. */
    static Layer randomized(BatchNorm bn, Rng rng) {
        bn.gamma().value().assign(rng.uniform(D, 0.5, 1.5, bn.gamma().shape()));
        bn.beta().value().assign(rng.normal(D, 0, 1, bn.beta().shape()));
        bn.buffers().get("running_mean").assign(rng.normal(D, 0, 1, bn.gamma().shape()));
        bn.buffers().get("running_var").assign(rng.uniform(D, 0.5, 2, bn.gamma().shape()));
        return bn;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void derivativesMatchFiniteDifferences(String label, Mode mode, Supplier<Layer> make) {
        Layer layer = make.get();
        Rng rng = Rng.of(label.hashCode());
        long[] xShape = {2, 2, 4, 4};
        INDArray x = rng.normal(D, 0, 1, xShape);
        long[] yShape = new long[layer.outputShape().length + 1];
        yShape[0] = 2;
        System.arraycopy(layer.outputShape(), 0, yShape, 1, layer.outputShape().length);
        INDArray r = rng.normal(D, 0, 1, yShape);

        LayerRecord rec = new LayerRecord(layer, mode, null, null);
        rec.complete(x, layer.forward(x, rec));
        Updates updates = new Updates();
        INDArray dx = layer.backward(rec, r, updates);
        assertEquals(java.util.Arrays.toString(xShape), java.util.Arrays.toString(dx.shape()));

        check(label + " input", x, dx, () -> objective(layer, mode, x, r));
        for (Parameter p : layer.parameters()) {
            check(label + " " + p.name(), p.value(), updates.get(p), () -> objective(layer, mode, x, r));
        }
    }

    private static double objective(Layer layer, Mode mode, INDArray x, INDArray r) {
        return layer.forward(x, new LayerRecord(layer, mode, null, null)).mul(r).sumNumber().doubleValue();
    }

    /** Central differences of {@code f} with respect to each entry of {@code values}, against {@code analytic}. */
    static void check(String what, INDArray values, INDArray analytic, java.util.function.DoubleSupplier f) {
        check(what, values, analytic, f, Integer.MAX_VALUE);
    }

    /** As above, for at most {@code entries} entries spread evenly over the array (first and last included). */
    static void check(String what, INDArray values, INDArray analytic, java.util.function.DoubleSupplier f, int entries) {
        double h = 1e-6;
        INDArray flat = values.reshape(values.length());
        long n = values.length();
        java.util.stream.LongStream indices = n <= entries ? java.util.stream.LongStream.range(0, n)
                : java.util.stream.LongStream.range(0, entries).map(k -> Math.round(k * (n - 1) / (double) (entries - 1)));
        for (long i : indices.toArray()) {
            double orig = flat.getDouble(i);
            flat.putScalar(i, orig + h);
            double plus = f.getAsDouble();
            flat.putScalar(i, orig - h);
            double minus = f.getAsDouble();
            flat.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * h);
            double a = analytic.reshape(analytic.length()).getDouble(i);
            double err = Math.abs(a - numeric) / Math.max(1e-3, Math.abs(a) + Math.abs(numeric));
            long index = i;
            assertTrue(err < 1e-6, () -> String.format("%s[%d]: analytic %.10g vs finite difference %.10g", what, index, a, numeric));
        }
    }
}
