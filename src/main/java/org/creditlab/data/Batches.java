package org.creditlab.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The mini-batches of one pass over a dataset: in a seeded random order (training) or in order (evaluation), with
 * or without the last, smaller batch. Shuffled batches are gathered with one native row-gather per batch; ordered
 * batches are views, with no copy.
 */
public final class Batches implements Iterable<Batch> {
    private final Dataset data;
    private final int batchSize;
    private final int[] order;
    private final boolean dropLast;

    private Batches(Dataset data, int batchSize, int[] order, boolean dropLast) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.order = order;
        this.dropLast = dropLast;
    }

    /** A seeded random order, as for training. */
    public static Batches shuffled(Dataset data, int batchSize, Rng rng, boolean dropLast) {
        return new Batches(data, batchSize, rng.permutation(data.size()), dropLast);
    }

    /** The dataset's own order, keeping the last partial batch, as for evaluation. */
    public static Batches inOrder(Dataset data, int batchSize) {
        return new Batches(data, batchSize, null, false);
    }

    public Dataset dataset() {
        return data;
    }

    /** Number of batches in the pass. */
    public int count() {
        int n = data.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
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
                int from = next * batchSize;
                int to = Math.min(from + batchSize, data.size());
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
            x = Nd4j.pullRows(data.features(), 1, idx);
            y = Nd4j.pullRows(data.targets(), 1, idx);
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
}
