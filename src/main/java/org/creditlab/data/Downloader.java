package org.creditlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.creditlab.util.AtomicFiles;

/**
 * Fetches a published file into a folder, checks its SHA-256 and only then renames it into place, so an interrupted
 * or corrupted download never leaves a partial file under the final name.
 */
final class Downloader {
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    private final PrintStream log;

    Downloader(PrintStream log) {
        this.log = log;
    }

    /** Downloads {@code url} to {@code target}; throws with the reason if it cannot, leaving nothing behind. */
    void fetch(String url, Path target, String sha256) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        try {
            log.printf("Downloading %s ...%n", url);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30)).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("download interrupted", e);
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("the server answered HTTP " + response.statusCode());
            }
            MessageDigest digest = sha256();
            long bytes;
            try (InputStream in = new DigestInputStream(response.body(), digest);
                 OutputStream out = Files.newOutputStream(tmp)) {
                bytes = in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new DatasetException("the download of " + url + " (" + bytes + " bytes) has SHA-256 " + actual
                        + " but the published file has " + sha256 + "; it was discarded. Try again later, or fetch the file by hand into "
                        + target.getParent() + ".");
            }
            AtomicFiles.move(tmp, target);
            log.printf("Saved %s (%d bytes, SHA-256 verified)%n", target, bytes);
        } finally {
            AtomicFiles.deleteQuietly(tmp);
        }
    }

    /** Unpacks a .tar.gz archive and moves its top folder {@code folder} into {@code destination} in one rename. */
    static void extract(Path archive, String folder, Path destination) throws IOException {
        if (Files.exists(destination)) {
            // unpacking never overwrites: what is there may be a partial unpack, or files someone put there
            throw new DatasetException(destination + " already exists but is not a complete " + folder + " folder, so "
                    + archive.getFileName() + " cannot be unpacked into it. Delete " + destination + " and CreditLab "
                    + "unpacks the archive again.");
        }
        Path work = Files.createTempDirectory(destination.getParent(), ".extract-");
        try {
            try (InputStream raw = Files.newInputStream(archive);
                 TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextTarEntry()) != null) {
                    Path out = work.resolve(entry.getName()).normalize();
                    if (!out.startsWith(work)) {
                        throw new DatasetException(archive + " contains an entry outside its folder (" + entry.getName() + "); refusing to unpack it.");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out);
                    }
                }
            }
            Path unpacked = work.resolve(folder);
            if (!Files.isDirectory(unpacked)) {
                throw new DatasetException(archive + " does not contain the folder " + folder + "; is it the right archive?");
            }
            AtomicFiles.move(unpacked, destination);
        } finally {
            AtomicFiles.deleteQuietly(work);
        }
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
