package org.creditlab.data;

import java.util.List;
import org.creditlab.nn.Init;
import org.creditlab.nn.Loss;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.nn.Nonlinearity;
import org.creditlab.nn.Precision;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A student-teacher regression task: inputs uniform in [−1, 1]^{n_in}, targets the outputs of a random teacher
 * network. {@link #reference} is the task of Meulemans et al. 2021, Fig. 1D and Fig. 3 (the reference code's
 * {@code generate_data_from_teacher}).
 *
 * @param teacher    the teacher network, built from {@code seed}; its input size is the task's (a flat input)
 * @param train      training examples
 * @param validation validation examples (0: no validation split)
 * @param test       test examples
 * @param seed       draws the teacher's weights and the inputs of every split
 */
public record StudentTeacher(NetworkSpec teacher, int train, int validation, int test, long seed)
        implements SyntheticData {

    public StudentTeacher {
        if (teacher == null) {
            throw new IllegalArgumentException("a student-teacher task needs a teacher network");
        }
        if (train <= 0 || test <= 0 || validation < 0) {
            throw new IllegalArgumentException("a student-teacher task needs train > 0, test > 0 and validation >= 0"
                    + " examples, got " + train + ", " + test + ", " + validation);
        }
    }

    /**
     * The reference code's teacher for {@code inputs} and {@code outputs}: n_in-1000-1000-1000-1000-n_out, ReLU hidden
     * layers, a linear output, Xavier-normal weights with gain 3, zero biases, float64.
     */
    public static StudentTeacher reference(int inputs, int outputs, int train, int validation, int test, long seed) {
        return of(inputs, outputs, List.of(1000, 1000, 1000, 1000), train, validation, test, seed);
    }

    /** As {@link #reference} with a teacher of the given hidden widths. */
    public static StudentTeacher of(int inputs, int outputs, List<Integer> teacherHidden, int train, int validation,
                                    int test, long seed) {
        MlpSpec teacher = MlpSpec.of(inputs, outputs).toBuilder().hidden(teacherHidden).activation(Nonlinearity.relu())
                .weightInit(Init.xavierNormal().scaled(3)).biasInit(Init.zeros()).loss(Loss.MEAN_SQUARED_ERROR)
                .precision(Precision.FLOAT64).build();
        return new StudentTeacher(teacher, train, validation, test, seed);
    }

    @Override
    public DataSplits generate() {
        Network net = teacher.build(seed);
        Rng rng = Rng.of(seed).child("student-teacher");
        Dataset tr = sample("train", net, train, rng);
        Dataset va = validation > 0 ? sample("validation", net, validation, rng) : null;
        return new DataSplits(tr, va, sample("test", net, test, rng));
    }

    private static Dataset sample(String split, Network teacher, int n, Rng rng) {
        long[] shape = teacher.inputShape();
        INDArray x = rng.child(split).uniform(DataType.DOUBLE, -1, 1, n, shape[0]);
        INDArray y = teacher.output(x.castTo(teacher.dataType()));
        return new Dataset("student-teacher/" + split, x, new int[n], 0, List.of(), shape, y.castTo(DataType.DOUBLE));
    }

    @Override
    public String describe() {
        return "student-teacher (teacher " + teacher.describe() + ", train " + train
                + (validation > 0 ? ", validation " + validation : "") + ", test " + test + ", seed " + seed + ")";
    }
}
