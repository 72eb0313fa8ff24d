package org.creditlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian header of magic number 0x0000_08_nn
 * (unsigned bytes, nn dimensions), nn dimension sizes, then the data. Files may be gzipped (detected by content, not
 * by name) or raw. Every inconsistency is reported with the file's name.
 */
final class IdxReader {
    private IdxReader() {}

    /** Reads an images file (3 dimensions: count, rows, columns) and its labels file (1 dimension). */
    static LabelledBytes read(Path images, Path labels, int classes) {
        Idx img = readIdx(images, 3);
        Idx lab = readIdx(labels, 1);
        int n = img.dims[0];
        if (lab.dims[0] != n) {
            throw new DatasetException(images.getFileName() + " holds " + n + " images but " + labels.getFileName()
                    + " holds " + lab.dims[0] + " labels; the two files do not belong together. Replace them with a matching pair.");
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = lab.data[i] & 0xff;
            if (y[i] >= classes) {
                throw new DatasetException(labels + " is corrupt: label " + y[i] + " at index " + i
                        + " is not a class index below " + classes + ". Delete the file and fetch it again.");
            }
        }
        return new LabelledBytes(img.data, y, new long[] {1, img.dims[1], img.dims[2]});
    }

    private record Idx(int[] dims, byte[] data) {}

    private static Idx readIdx(Path file, int expectedDims) {
        String what = file.toString();
        try (InputStream in = open(file)) {
            byte[] header = in.readNBytes(4);
            if (header.length < 4) {
                throw new DatasetException(what + " is truncated: it ends inside the 4-byte IDX header. Delete it and fetch it again.");
            }
            if (header[0] != 0 || header[1] != 0 || header[2] != 0x08) {
                throw new DatasetException(String.format("%s is not an IDX file of unsigned bytes: its magic number is "
                        + "0x%02x%02x%02x%02x, expected 0x000008%02x. Check that the file is the one named.",
                        what, header[0], header[1], header[2], header[3], expectedDims));
            }
            if (header[3] != expectedDims) {
                throw new DatasetException(what + " has " + header[3] + " dimensions, expected " + expectedDims
                        + (expectedDims == 3 ? " (an images file)" : " (a labels file)") + "; were the images and labels files swapped?");
            }
            int[] dims = new int[expectedDims];
            long size = 1;
            for (int d = 0; d < expectedDims; d++) {
                byte[] b = in.readNBytes(4);
                if (b.length < 4) {
                    throw new DatasetException(what + " is truncated inside its header. Delete it and fetch it again.");
                }
                dims[d] = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                if (dims[d] <= 0) {
                    throw new DatasetException(what + " is corrupt: dimension " + d + " has size " + dims[d] + ".");
                }
                size *= dims[d];
                // checked at each factor: three int dimensions can overflow a long before the last one is multiplied
                if (size > Integer.MAX_VALUE - 16) {
                    throw new DatasetException(what + " declares dimensions " + java.util.Arrays.toString(
                            java.util.Arrays.copyOf(dims, d + 1)) + ", more bytes of data than CreditLab can hold in one "
                            + "array; the header is corrupt or the file is not MNIST-like. Delete it and fetch it again.");
                }
            }
            byte[] data = in.readNBytes((int) size);
            if (data.length < size) {
                throw new DatasetException(what + " is truncated: its header declares " + size + " bytes of data but only "
                        + data.length + " follow. Delete it and fetch it again.");
            }
            if (in.read() != -1) {
                throw new DatasetException(what + " is corrupt: it has bytes after the " + size
                        + " its header declares. Delete it and fetch it again.");
            }
            return new Idx(dims, data);
        } catch (EOFException | ZipException e) {
            throw new DatasetException(what + " is a damaged gzip file (" + e.getMessage() + "). Delete it and fetch it again.", e);
        } catch (IOException e) {
            throw DatasetFiles.unreadable(file, e);
        }
    }

    /** Opens raw or gzipped content, deciding by the gzip magic bytes 1f 8b. */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }
}
