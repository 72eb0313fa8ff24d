package org.creditlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.creditlab.data.Batch;
import org.creditlab.data.Batches;
import org.creditlab.data.DataSplits;
import org.creditlab.data.Dataset;
import org.creditlab.nn.Dense;
import org.creditlab.nn.Loss;
import org.creditlab.nn.Network;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.results.Json;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What happens to the last n mod B examples of an epoch, and what each batch's update is divided by: the three
 * conventions of the PEPITA reference codes (keep the partial batch and divide by its size; divide every batch's sum
 * by the nominal size; carry the remainder into the next epoch's first batch), checked through the real loop with a
 * rule whose direction is the same batch mean every step.
 */
class BatchRemainderTest {
    private static final int N = 10;
    private static final int B = 4;

    private static Dataset data(int n) {
        int[] labels = IntStream.range(0, n).map(i -> i % 2).toArray();
        return new Dataset("t", Nd4j.rand(DataType.DOUBLE, n, 3), labels, 2, List.of("a", "b"), new long[] {3}, null);
    }

    /** Writes the all-ones direction (a batch mean of ones) for the weight, and records each batch's size. */
    private static final class Ones implements LearningRule {
        final List<Long> sizes = new ArrayList<>();

        @Override
        public void step(StepContext s) {
            sizes.add(s.input().size(0));
            s.updates().of(s.network().weightLayers().get(0).weight()).assign(1);
        }
    }

    /** Trains {@code epochs} epochs with SGD at rate 1: the weight moves by minus the sum of the applied directions. */
    private static double[] moves(TrainingOptions options, Ones rule) {
        Dense dense = new Dense("dense1", Nd4j.zeros(DataType.DOUBLE, 2, 3), null);
        Network net = new Network(DataType.DOUBLE, new long[] {3}, List.of(dense), Loss.SOFTMAX_CROSS_ENTROPY);
        double[] out = new double[options.epochs()];
        Trainer t = new Trainer("t", net, rule, Optimizers.of(OptimizerSpec.sgd(1)), options.toBuilder().evaluateTrain(false).build(), 5);
        t.listen(new TrainingListener() {
            @Override
            public void endEpoch(TrainingRun run, EpochRecord record) {
                out[run.history().size() - 1] = -dense.weight().value().getDouble(0, 0);
            }
        });
        t.fit(new DataSplits(data(N), null, data(4)));
        for (int i = out.length - 1; i > 0; i--) {
            out[i] -= out[i - 1];
        }
        return out;
    }

    @Test
    void theDefaultKeepsThePartialBatchAsAMeanOfItsOwn() {
        Ones rule = new Ones();
        assertArrayEquals(new double[] {3, 3}, moves(TrainingOptions.of(2, B), rule), 1e-12);
        assertEquals(List.of(4L, 4L, 2L, 4L, 4L, 2L), rule.sizes);
    }

    @Test
    void theNominalDivisorScalesThePartialBatchBySizeOverB() {
        // the ICML tutorial: the last batch of 2 is summed and divided by 4, so it counts half
        Ones rule = new Ones();
        assertArrayEquals(new double[] {2.5, 2.5}, moves(TrainingOptions.of(2, B).toBuilder().nominalDivisor(true).build(), rule), 1e-12);
        assertEquals(List.of(4L, 4L, 2L, 4L, 4L, 2L), rule.sizes);
    }

    @Test
    void theRemainderIsCarriedIntoTheNextEpochsFirstBatch() {
        // the ICML numpy code: epoch 1 leaves 2 examples, which join epoch 2's first batch (6 examples, sum / 4)
        Ones rule = new Ones();
        assertArrayEquals(new double[] {2, 2.5, 2.5},
                moves(TrainingOptions.of(3, B).toBuilder().nominalDivisor(true).carryRemainder(true).build(), rule), 1e-12);
        assertEquals(List.of(4L, 4L, 6L, 4L, 6L, 4L), rule.sizes);
    }

    @Test
    void dropLastDropsIt() {
        Ones rule = new Ones();
        assertArrayEquals(new double[] {2, 2}, moves(TrainingOptions.of(2, B).toBuilder().dropLast(true).build(), rule), 1e-12);
        assertEquals(List.of(4L, 4L, 4L, 4L), rule.sizes);
    }

    @Test
    void carriedExamplesAreThePreviousOrdersLeftoverAndEachIsUsedOnce() {
        Dataset d = data(N);
        Rng first = Rng.of(1).child("a");
        Rng second = Rng.of(1).child("b");
        int[] previous = first.child("x").permutation(N);
        Batches epoch1 = Batches.carrying(d, B, null, first.child("x"));
        Batches epoch2 = Batches.carrying(d, B, first.child("x"), second);
        assertEquals(2, epoch1.count());
        assertEquals(2, epoch2.count());
        List<Integer> used = new ArrayList<>();
        epoch1.forEach(b -> Arrays.stream(b.indices()).forEach(used::add));
        List<Batch> next = new ArrayList<>();
        epoch2.forEach(next::add);
        int[] head = Arrays.copyOfRange(next.get(0).indices(), 0, N % B);
        assertArrayEquals(Arrays.copyOfRange(previous, N - N % B, N), head, "the first batch starts with the leftover");
        Arrays.stream(head).forEach(used::add);
        assertEquals(IntStream.range(0, N).boxed().toList(), used.stream().sorted().toList(),
                "every example of the first epoch's order is used once, in it or in the next epoch's first batch");
        assertEquals(B + N % B, next.get(0).size());
        assertEquals(B, next.get(1).size());
        assertThrows(IllegalArgumentException.class, () -> Batches.carrying(data(3), B, null, second));
    }

    @Test
    void theOptionsAreLeftOutOfTheJsonUnlessSetAndExcludeDropLast() {
        String plain = Json.write(TrainingOptions.of(3, B));
        assertFalse(plain.contains("nominalDivisor") || plain.contains("carryRemainder"), plain);
        TrainingOptions set = TrainingOptions.of(3, B).toBuilder().nominalDivisor(true).carryRemainder(true).build();
        String json = Json.write(set);
        assertTrue(json.contains("\"nominalDivisor\" : true") && json.contains("\"carryRemainder\" : true"), json);
        assertEquals(set, Json.read(json, TrainingOptions.class));
        assertEquals(TrainingOptions.of(3, B), Json.read(plain, TrainingOptions.class));
        assertThrows(IllegalArgumentException.class, () -> TrainingOptions.of(3, B).toBuilder().dropLast(true).carryRemainder(true).build());
    }

    @Test
    void shuffledBatchesHoldTheRowsTheirIndicesName() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Dataset d = data(N).as(type);
            int seen = 0;
            for (Batch b : Batches.shuffled(d, B, Rng.of(11), false)) {
                assertEquals(type, b.input().dataType());
                for (int i = 0; i < b.size(); i++) {
                    int row = b.indices()[i];
                    assertEquals(d.features().getRow(row), b.input().getRow(i), "example " + row);
                    assertEquals(d.targets().getRow(row), b.target().getRow(i), "target of example " + row);
                }
                seen += b.size();
            }
            assertEquals(N, seen);
        }
    }
}
