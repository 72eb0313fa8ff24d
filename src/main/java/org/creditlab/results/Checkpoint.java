package org.creditlab.results;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.creditlab.util.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A file of named arrays: the network's weights and buffers, the rule's own state, the optimizer's state. Written
 * atomically; read back by assigning into the arrays of a freshly built run, with shapes checked.
 */
public final class Checkpoint {
    private static final int MAGIC = 0x434C4B31; // "CLK1"

    private Checkpoint() {}

    public static void save(Path file, Map<String, INDArray> arrays) {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                Nd4j.write(e.getValue(), out);
            }
            out.flush();
        });
    }

    public static Map<String, INDArray> load(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalStateException(file + " is not a CreditLab checkpoint; delete the run folder to retrain.");
            }
            int n = in.readInt();
            Map<String, INDArray> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                out.put(name, Nd4j.read(in));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + " (" + e.getMessage()
                    + "); delete the run folder to retrain from scratch.", e);
        }
    }

    /** Assigns saved arrays into live ones with the same names; every live array must be present with its shape. */
    public static void restoreInto(Map<String, INDArray> live, Map<String, INDArray> saved, Path source) {
        for (Map.Entry<String, INDArray> e : live.entrySet()) {
            INDArray s = saved.get(e.getKey());
            if (s == null) {
                throw new IllegalStateException("checkpoint " + source + " lacks '" + e.getKey()
                        + "'; it was written by a different configuration. Delete the run folder to retrain.");
            }
            if (!Arrays.equals(s.shape(), e.getValue().shape())) {
                throw new IllegalStateException("checkpoint " + source + " holds '" + e.getKey() + "' with shape "
                        + Arrays.toString(s.shape()) + " but the run needs " + Arrays.toString(e.getValue().shape()));
            }
            e.getValue().assign(s);
        }
    }
}
