package org.creditlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.creditlab.data.Dataset;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Network;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Evaluation passes: smaller for networks with large activations, unchanged for every recorded MLP. */
class EvaluationPassTest {

    @Test
    void theReferenceCnnIsEvaluatedInPassesThatFitTheCaches() {
        Network cnn = CnnSpec.small(1, 28, 28).build(1);
        // its first convolution outputs 16 maps of 28×28 float32, 50,176 bytes an image
        assertEquals((int) (Evaluation.PASS_BYTES / 50_176), Evaluation.passSize(cnn, 1000));
        assertEquals(50, Evaluation.passSize(cnn, 50), "never more than asked for");
    }

    @Test
    void everyRecordedMlpKeepsItsPasses() throws IOException {
        Path records = Path.of("records");
        assertTrue(Files.isDirectory(records), "run from the project root, where records/ is");
        Set<String> networks = new HashSet<>();
        int checked = 0;
        try (Stream<Path> configs = Files.walk(records)) {
            for (Path config : (Iterable<Path>) configs.filter(p -> p.getFileName().toString().equals("config.json"))::iterator) {
                Experiment e = Experiment.fromJson(Files.readString(config));
                if (!networks.add(e.network() + "/" + e.training().evalBatchSize())) {
                    continue;
                }
                if (e.network() instanceof CnnSpec) { // convolutional networks are the ones meant to change
                    continue;
                }
                Network net = e.network().build(e.seed());
                assertEquals(e.training().evalBatchSize(), Evaluation.passSize(net, e.training().evalBatchSize()),
                        config + ": a recorded MLP's evaluation would change its passes");
                checked++;
            }
        }
        assertTrue(checked >= 4, "the records hold MLPs of several papers; checked " + checked);
    }

    @Test
    void smallerPassesGiveTheSameLossAndAccuracyWithinRounding() {
        Network cnn = CnnSpec.small(1, 28, 28).build(3);
        int n = 300;
        INDArray features = Rng.of(7).fillNormal(Nd4j.create(DataType.FLOAT, n, 784), 0, 1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        Dataset data = new Dataset("noise", features, labels, 10, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                new long[] {1, 28, 28}, null);
        INDArray x = features.reshape(n, 1, 28, 28);
        INDArray y = data.targets().castTo(DataType.FLOAT);
        int pass = Evaluation.passSize(cnn, 1000);
        assertTrue(pass < n, "the data spans several passes: " + pass);
        Evaluation chunked = Evaluation.of(cnn, data, 1000);
        INDArray out = cnn.output(x);
        double loss = cnn.loss().value(out, y);
        double accuracy = (double) Loss.correct(out, y) / n;
        assertEquals(loss, chunked.loss(), 1e-6 * Math.abs(loss));
        assertEquals(accuracy, chunked.accuracy(), 1e-12);
        assertFalse(Double.isNaN(chunked.loss()));
    }
}
