package org.creditlab.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small datasets in the exact published formats, for loader tests and for tasks on datasets absent here. */
public final class DatasetFixtures {
    private DatasetFixtures() {}

    /** IDX images: magic 0x00000803, count, rows, cols, then pixel bytes; pixel (i, k) = (i*7 + k) mod 256. */
    static byte[] idxImages(int n, int rows, int cols) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x00000803);
        d.writeInt(n);
        d.writeInt(rows);
        d.writeInt(cols);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < rows * cols; k++) {
                d.writeByte((i * 7 + k) % 256);
            }
        }
        return b.toByteArray();
    }

    /** IDX labels: magic 0x00000801, count, then one byte per label. */
    static byte[] idxLabels(int[] labels) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x00000801);
        d.writeInt(labels.length);
        for (int y : labels) {
            d.writeByte(y);
        }
        return b.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream g = new GZIPOutputStream(b)) {
            g.write(raw);
        }
        return b.toByteArray();
    }

    static int[] labels(int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return y;
    }

    /** The four MNIST-layout files (train n, test m, 4×4 images) in {@code dir}, gzipped or raw. */
    static void writeIdxDataset(Path dir, int n, int m, boolean gz) throws IOException {
        writeIdxDataset(dir, n, m, 4, gz);
    }

    /** The four MNIST-layout files (train n, test m, side×side images) in {@code dir}, gzipped or raw. */
    public static void writeIdxDataset(Path dir, int n, int m, int side, boolean gz) throws IOException {
        Files.createDirectories(dir);
        write(dir, "train-images-idx3-ubyte", idxImages(n, side, side), gz);
        write(dir, "train-labels-idx1-ubyte", idxLabels(labels(n, 10)), gz);
        write(dir, "t10k-images-idx3-ubyte", idxImages(m, side, side), gz);
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(labels(m, 10)), gz);
    }

    /** CIFAR-10's binary version in {@code dir}: five training batches of {@code perBatch} records and a test batch of {@code test}. */
    public static void writeCifar10(Path dir, int perBatch, int test) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= 5; i++) {
            Files.write(dir.resolve("data_batch_" + i + ".bin"), cifarRecords(perBatch, 1, 10));
        }
        Files.write(dir.resolve("test_batch.bin"), cifarRecords(test, 1, 10));
    }

    static void write(Path dir, String rawName, byte[] raw, boolean gz) throws IOException {
        if (gz) {
            Files.write(dir.resolve(rawName + ".gz"), gzip(raw));
        } else {
            Files.write(dir.resolve(rawName), raw);
        }
    }

    /** CIFAR records: label byte(s) then 3072 pixels; pixel k of record i = (i + k) mod 256. */
    static byte[] cifarRecords(int n, int labelBytes, int classes) {
        int record = labelBytes + 3072;
        byte[] out = new byte[n * record];
        for (int i = 0; i < n; i++) {
            int off = i * record;
            if (labelBytes == 2) {
                out[off] = (byte) (i % 20);
            }
            out[off + labelBytes - 1] = (byte) (i % classes);
            for (int k = 0; k < 3072; k++) {
                out[off + labelBytes + k] = (byte) ((i + k) % 256);
            }
        }
        return out;
    }
}
