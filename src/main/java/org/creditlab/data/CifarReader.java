package org.creditlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the binary version of CIFAR-10 and CIFAR-100 (Krizhevsky 2009). Each record is the label byte(s) followed by
 * 3072 pixel bytes: the 1024 red, then green, then blue values of a 32×32 image, rows first. CIFAR-10 records carry
 * one label byte; CIFAR-100 records carry the coarse then the fine label, and the fine label is used.
 */
final class CifarReader {
    static final int PIXELS = 3 * 32 * 32;

    private CifarReader() {}

    static List<String> trainFiles(DatasetName name) {
        return name == DatasetName.CIFAR10
                ? List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin")
                : List.of("train.bin");
    }

    static List<String> testFiles(DatasetName name) {
        return name == DatasetName.CIFAR10 ? List.of("test_batch.bin") : List.of("test.bin");
    }

    static LabelledBytes read(DatasetName name, List<Path> files) {
        int labelBytes = name == DatasetName.CIFAR10 ? 1 : 2;
        int record = labelBytes + PIXELS;
        List<byte[]> contents = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (IOException e) {
                throw DatasetFiles.unreadable(f, e);
            }
            if (bytes.length == 0 || bytes.length % record != 0) {
                throw new DatasetException(f + " is truncated or corrupt: its size, " + bytes.length + " bytes, is not a whole number of "
                        + record + "-byte " + name.directory() + " records. Delete the folder and fetch the archive again.");
            }
            contents.add(bytes);
            total += bytes.length / record;
        }
        byte[] pixels = new byte[(int) total * PIXELS];
        int[] labels = new int[(int) total];
        int i = 0;
        for (int k = 0; k < contents.size(); k++) {
            byte[] bytes = contents.get(k);
            for (int off = 0; off < bytes.length; off += record, i++) {
                int label = bytes[off + labelBytes - 1] & 0xff;
                if (label >= name.classes()) {
                    throw new DatasetException(files.get(k) + " is corrupt: record " + (off / record) + " has label " + label
                            + ", not a class index below " + name.classes() + ".");
                }
                labels[i] = label;
                System.arraycopy(bytes, off + labelBytes, pixels, i * PIXELS, PIXELS);
            }
        }
        return new LabelledBytes(pixels, labels, new long[] {3, 32, 32});
    }
}
