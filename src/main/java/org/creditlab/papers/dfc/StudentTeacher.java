package org.creditlab.papers.dfc;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.data.DataSplits;
import org.creditlab.data.Dataset;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Init;
import org.creditlab.nn.Layer;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Network;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Activation;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The synthetic regression task of Fig. 1D and Fig. 3 (the reference code's {@code generate_data_from_teacher}):
 * inputs uniform in [−1, 1]^{n_in}, targets from a random teacher MLP n_in-1000-1000-1000-1000-n_out with ReLU hidden
 * layers, a linear output, Xavier-normal weights with gain 3 and zero biases.
 */
public final class StudentTeacher {
    private StudentTeacher() {}

    /** Train, validation and test sets of the given sizes (validation may be 0), drawn from {@code seed}. */
    public static DataSplits generate(int inputs, int outputs, int train, int validation, int test, long seed) {
        return generate(inputs, outputs, List.of(1000, 1000, 1000, 1000), train, validation, test, seed);
    }

    /** As {@link #generate(int, int, int, int, int, long)} with a teacher of the given hidden widths. */
    public static DataSplits generate(int inputs, int outputs, List<Integer> teacherHidden, int train, int validation,
                                      int test, long seed) {
        Rng rng = Rng.of(seed).child("student-teacher");
        Network teacher = teacher(inputs, outputs, teacherHidden, rng.child("teacher"));
        Dataset tr = sample("student-teacher/train", teacher, train, rng.child("train"));
        Dataset va = validation > 0 ? sample("student-teacher/validation", teacher, validation, rng.child("validation")) : null;
        Dataset te = sample("student-teacher/test", teacher, test, rng.child("test"));
        return new DataSplits(tr, va, te);
    }

    private static Network teacher(int inputs, int outputs, List<Integer> hidden, Rng rng) {
        List<Layer> layers = new ArrayList<>();
        int in = inputs;
        Init weights = Init.xavierNormal().scaled(3);
        for (int i = 0; i < hidden.size(); i++) {
            layers.add(new Dense("teacher" + i, in, hidden.get(i), true, weights, Init.zeros(), DataType.DOUBLE, rng.child("layer", i)));
            layers.add(new Activation("relu" + i, Nonlinearity.relu(), hidden.get(i)));
            in = hidden.get(i);
        }
        layers.add(new Dense("teacher-out", in, outputs, true, weights, Init.zeros(), DataType.DOUBLE, rng.child("out")));
        return new Network(DataType.DOUBLE, new long[] {inputs}, layers, Loss.MEAN_SQUARED_ERROR);
    }

    private static Dataset sample(String name, Network teacher, int n, Rng rng) {
        int inputs = (int) teacher.inputShape()[0];
        INDArray x = rng.uniform(DataType.DOUBLE, -1, 1, n, inputs);
        INDArray y = teacher.output(x);
        return new Dataset(name, x, new int[n], 0, List.of(), new long[] {inputs}, y);
    }
}
