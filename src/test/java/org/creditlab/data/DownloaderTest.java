package org.creditlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server: checksum verified, atomic rename, nothing left behind on failure. */
class DownloaderTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    private final byte[] payload = "the published file".getBytes();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/file.gz", ex -> {
            ex.sendResponseHeaders(200, payload.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(payload);
            }
        });
        server.createContext("/missing.gz", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private Downloader downloader() {
        return new Downloader(new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void verifiedDownloadIsRenamedIntoPlace() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        Path target = tmp.resolve("data/mnist/file.gz");
        downloader().fetch(url("/file.gz"), target, sha);
        assertArrayEquals(payload, Files.readAllBytes(target));
        assertOnlyFile(target);
    }

    @Test
    void wrongChecksumLeavesNothingBehind() {
        Path target = tmp.resolve("data/mnist/file.gz");
        DatasetException e = assertThrows(DatasetException.class,
                () -> downloader().fetch(url("/file.gz"), target, "00".repeat(32)));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertFalse(Files.exists(target));
        assertOnlyFile(null);
    }

    @Test
    void httpErrorLeavesNothingBehind() {
        Path target = tmp.resolve("data/mnist/missing.gz");
        IOException e = assertThrows(IOException.class, () -> downloader().fetch(url("/missing.gz"), target, "00".repeat(32)));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        assertOnlyFile(null);
    }

    @Test
    void anArchiveUnpacksIntoPlaceButNeverOverAnExistingFolder() throws Exception {
        Path archive = tmp.resolve("data/cifar-10/cifar-10-binary.tar.gz");
        Files.createDirectories(archive.getParent());
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(Files.newOutputStream(archive)))) {
            var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("cifar-10-batches-bin/test_batch.bin");
            entry.setSize(payload.length);
            tar.putArchiveEntry(entry);
            tar.write(payload);
            tar.closeArchiveEntry();
        }
        Path destination = archive.resolveSibling("cifar-10-batches-bin");
        Downloader.extract(archive, "cifar-10-batches-bin", destination);
        assertArrayEquals(payload, Files.readAllBytes(destination.resolve("test_batch.bin")));

        // a partial unpack left behind: refused, naming the folder to delete, and nothing in it is touched
        Files.delete(destination.resolve("test_batch.bin"));
        Files.writeString(destination.resolve("data_batch_1.bin"), "partial");
        DatasetException e = assertThrows(DatasetException.class,
                () -> Downloader.extract(archive, "cifar-10-batches-bin", destination));
        assertTrue(e.getMessage().contains(destination.toString()) && e.getMessage().contains("Delete"), e.getMessage());
        assertTrue(Files.exists(destination.resolve("data_batch_1.bin")));
    }

    private void assertOnlyFile(Path expected) {
        try (var s = Files.list(tmp.resolve("data/mnist"))) {
            assertArrayEquals(expected == null ? new Path[0] : new Path[] {expected}, s.toArray(Path[]::new));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
