package org.creditlab.results;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.creditlab.util.AtomicFiles;
import org.creditlab.util.IoMessages;
import org.creditlab.util.Sha256;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One epoch's state in one self-verifying file: the run id and epoch it belongs to, the metrics of every epoch up to
 * it (the exact text of {@code metrics.csv}), and the named arrays (network weights and buffers, the rule's state,
 * the optimizer's state). Its last 32 bytes are the SHA-256 of everything before them, so a truncated, zeroed or
 * altered file is recognised before any of it is used.
 *
 * @param runId   the run the checkpoint belongs to
 * @param epoch   epochs completed when it was written
 * @param provenance the code that wrote it
 * @param metrics the metrics CSV of those epochs
 * @param arrays  the state by name (empty when only the header was read)
 * @param sha256  the checksum stored in (and verified against) the file
 */
public record Checkpoint(String runId, int epoch, Provenance provenance, String metrics, Map<String, INDArray> arrays, String sha256) {
    private static final int MAGIC_V1 = 0x434C4B31; // "CLK1": format 1, without run id, epoch or checksum
    private static final int MAGIC = 0x434C4B32;    // "CLK2"
    private static final int DIGEST_BYTES = 32;

    /** Writes atomically and returns the checksum stored in the file. */
    public static String save(Path file, String runId, int epoch, Provenance provenance, String metrics,
                              Map<String, INDArray> arrays) {
        String[] sha = new String[1];
        AtomicFiles.write(file, raw -> {
            MessageDigest md = Sha256.digest();
            OutputStream buffered = new BufferedOutputStream(raw, 1 << 16);
            DataOutputStream out = new DataOutputStream(new DigestOutputStream(buffered, md));
            out.writeInt(MAGIC);
            out.writeUTF(runId);
            out.writeInt(epoch);
            out.writeUTF(Json.write(provenance));
            byte[] m = metrics.getBytes(StandardCharsets.UTF_8);
            out.writeInt(m.length);
            out.write(m);
            out.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                Nd4j.write(e.getValue(), out);
            }
            out.flush();
            byte[] digest = md.digest();
            buffered.write(digest);
            buffered.flush();
            sha[0] = HexFormat.of().formatHex(digest);
        });
        return sha[0];
    }

    /** Reads and verifies the whole file, arrays included. */
    public static Checkpoint load(Path file) {
        return read(file, true);
    }

    /** Reads and verifies the whole file, but keeps only the header and metrics (no arrays are allocated). */
    public static Checkpoint verify(Path file) {
        return read(file, false);
    }

    private static Checkpoint read(Path file, boolean withArrays) {
        if (Files.isDirectory(file)) {
            throw new StoreException(file, "checkpoint " + file + " is a folder, not a file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException(file, "cannot read checkpoint " + IoMessages.describe(file, e));
        }
        if (bytes.length >= 4 && intAt(bytes, 0) == MAGIC_V1) {
            throw new StoreException(file, "checkpoint " + file + " was written by an older CreditLab (storage format 1, "
                    + "without checksums), so it cannot be verified");
        }
        if (bytes.length < 4 + DIGEST_BYTES || intAt(bytes, 0) != MAGIC) {
            throw new StoreException(file, "checkpoint " + file + " is not a CreditLab checkpoint (" + bytes.length
                    + " bytes, " + (bytes.length < 4 + DIGEST_BYTES ? "too short" : "wrong header") + ")");
        }
        int body = bytes.length - DIGEST_BYTES;
        MessageDigest md = Sha256.digest();
        md.update(bytes, 0, body);
        byte[] expected = Arrays.copyOfRange(bytes, body, bytes.length);
        if (!MessageDigest.isEqual(md.digest(), expected)) {
            throw new StoreException(file, "checkpoint " + file + " is damaged: its checksum does not match its "
                    + "content (truncated, overwritten or altered after it was written)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, body))) {
            in.readInt();
            String runId = in.readUTF();
            int epoch = in.readInt();
            Provenance provenance = Json.read(in.readUTF(), Provenance.class);
            byte[] m = new byte[in.readInt()];
            in.readFully(m);
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            if (withArrays) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String name = in.readUTF();
                    arrays.put(name, Nd4j.read(in));
                }
            }
            return new Checkpoint(runId, epoch, provenance, new String(m, StandardCharsets.UTF_8), arrays,
                    HexFormat.of().formatHex(expected));
        } catch (IOException | RuntimeException e) {
            throw new StoreException(file, "checkpoint " + file + " has a valid checksum but cannot be parsed ("
                    + e.getMessage() + "); it was written by an incompatible version", e);
        }
    }

    /** Assigns saved arrays into live ones with the same names; every live array must be present with its shape. */
    public static void restoreInto(Map<String, INDArray> live, Map<String, INDArray> saved, Path source) {
        for (Map.Entry<String, INDArray> e : live.entrySet()) {
            INDArray s = saved.get(e.getKey());
            if (s == null) {
                throw new StoreException(source, "checkpoint " + source + " lacks '" + e.getKey()
                        + "'; it was written by a different configuration or code version");
            }
            if (!Arrays.equals(s.shape(), e.getValue().shape())) {
                throw new StoreException(source, "checkpoint " + source + " holds '" + e.getKey() + "' with shape "
                        + Arrays.toString(s.shape()) + " but the run needs " + Arrays.toString(e.getValue().shape()));
            }
            e.getValue().assign(s);
        }
    }

    /** A big-endian int, as {@link DataOutputStream} writes it. */
    private static int intAt(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }
}
