package org.creditlab.data;

import java.nio.Buffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.creditlab.util.HostArray;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The mini-batches of one pass over a dataset: in a seeded random order (training) or in order (evaluation), with
 * or without the last, smaller batch, or with the previous pass's leftover examples carried into the first batch
 * ({@link #carrying}). Shuffled batches are gathered row by row from the dataset's memory; ordered batches are views,
 * with no copy.
 */
public final class Batches implements Iterable<Batch> {
    private final Dataset data;
    private final int batchSize;
    /** The examples of the pass in order (null: the dataset's own order). */
    private final int[] order;
    private final boolean dropLast;
    /** Examples at the head of {@code order} that join the first batch (a carried remainder). */
    private final int carried;
    /** The dataset's rows, gathered into shuffled batches (opened at the first shuffled batch). */
    private RowSource features;
    private RowSource targets;

    private Batches(Dataset data, int batchSize, int[] order, boolean dropLast, int carried) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.order = order;
        this.dropLast = dropLast;
        this.carried = carried;
    }

    /** A seeded random order, as for training. */
    public static Batches shuffled(Dataset data, int batchSize, Rng rng, boolean dropLast) {
        return new Batches(data, batchSize, rng.permutation(data.size()), dropLast, 0);
    }

    /**
     * A seeded random order whose last n mod B examples are not used in this pass but join the next pass's first
     * batch, which then has B + (n mod B) examples: the ICML PEPITA numpy code, whose update accumulator is not reset
     * between epochs. {@code previous} is the stream of the previous pass's order ({@link #shuffled} with the same
     * stream gives that order), or null for the first pass, which has nothing to carry. Every pass has ⌊n/B⌋ batches.
     *
     * @throws IllegalArgumentException if the dataset has fewer than B examples (no batch would ever be complete)
     */
    public static Batches carrying(Dataset data, int batchSize, Rng previous, Rng rng) {
        int n = data.size();
        if (n < batchSize) {
            throw new IllegalArgumentException("carrying the remainder into the next epoch needs at least one full batch: "
                    + n + " examples, batch size " + batchSize);
        }
        int full = n / batchSize * batchSize;
        int[] leftover = previous == null ? new int[0]
                : Arrays.copyOfRange(previous.permutation(n), full, n);
        int[] order = new int[leftover.length + full];
        System.arraycopy(leftover, 0, order, 0, leftover.length);
        System.arraycopy(rng.permutation(n), 0, order, leftover.length, full);
        return new Batches(data, batchSize, order, true, leftover.length);
    }

    /** The dataset's own order, keeping the last partial batch, as for evaluation. */
    public static Batches inOrder(Dataset data, int batchSize) {
        return new Batches(data, batchSize, null, false, 0);
    }

    public Dataset dataset() {
        return data;
    }

    /** Number of batches in the pass. */
    public int count() {
        int n = length() - carried;
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Examples in the pass's order, a carried remainder included. */
    private int length() {
        return order == null ? data.size() : order.length;
    }

    @Override
    public Iterator<Batch> iterator() {
        return new Iterator<>() {
            private int next = 0;

            @Override
            public boolean hasNext() {
                return next < count();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = next == 0 ? 0 : carried + next * batchSize;
                int to = Math.min(carried + (next + 1) * batchSize, length());
                next++;
                return batch(from, to);
            }
        };
    }

    private Batch batch(int from, int to) {
        int[] idx = new int[to - from];
        INDArray x;
        INDArray y;
        if (order == null) {
            for (int i = from; i < to; i++) {
                idx[i - from] = i;
            }
            x = data.features().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            y = data.targets().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        } else {
            System.arraycopy(order, from, idx, 0, idx.length);
            if (features == null) {
                features = new RowSource(data.features());
                targets = new RowSource(data.targets());
            }
            x = features.gather(idx);
            y = targets.gather(idx);
        }
        long[] shape = data.exampleShape();
        if (shape.length > 1) {
            long[] full = new long[shape.length + 1];
            full[0] = idx.length;
            System.arraycopy(shape, 0, full, 1, shape.length);
            x = x.reshape(full);
        }
        return new Batch(x, y, idx);
    }

    /**
     * A matrix whose rows are copied into batches: one memcpy per row from its memory, taken once (a native
     * row-gather per batch cost about 0.3 ms for 64 images). A view or an unusual type falls back to the gather.
     */
    private static final class RowSource {
        private final INDArray matrix;
        private final Buffer memory;

        RowSource(INDArray matrix) {
            this.matrix = matrix;
            boolean owned = (matrix.dataType() == DataType.FLOAT || matrix.dataType() == DataType.DOUBLE)
                    && HostArray.ownsItsBuffer(matrix);
            this.memory = owned ? HostArray.memory(matrix) : null;
        }

        INDArray gather(int[] rows) {
            if (memory == null) {
                return Nd4j.pullRows(matrix, 1, rows);
            }
            int width = matrix.columns();
            INDArray out = Nd4j.createUninitialized(matrix.dataType(), rows.length, width);
            Buffer into = HostArray.memory(out);
            for (int i = 0; i < rows.length; i++) {
                HostArray.copy(memory, (long) rows[i] * width, into, (long) i * width, width);
            }
            return out;
        }
    }
}
