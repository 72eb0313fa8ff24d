package org.creditlab.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes files so that a reader sees either the old content or the complete new content, never a half-written file:
 * write to a temporary file in the same folder, flush it to disk, then rename it over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            String name = target.getFileName().toString();
            tmp = Files.createTempFile(dir, "." + name + ".", TEMPORARY_SUFFIX);
            CrashPoints.reach(name, "opened");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            CrashPoints.reach(name, "written");
            try (var ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            readableByAll(tmp);
            CrashPoints.reach(name, "synced");
            move(tmp, target);
            tmp = null;
            syncFolder(dir);
            CrashPoints.reach(name, "renamed");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + " (" + IoMessages.describe(target, e) + ")", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The suffix of the temporary files {@link #write} creates (hidden: their names start with '.'). */
    public static final String TEMPORARY_SUFFIX = ".tmp";

    /**
     * Deletes the temporary files a crash left in {@code dir} (names {@code .<target>.<random>.tmp}). Only safe while
     * no other writer uses the folder, e.g. under its lock.
     *
     * @return the names of the files removed
     */
    public static List<String> removeTemporaryFiles(Path dir) {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(TEMPORARY_SUFFIX)) {
                    deleteQuietly(p);
                    removed.add(n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + IoMessages.describe(dir, e), e);
        }
        return removed;
    }

    /** Makes a rename in {@code dir} durable (a crash of the machine, not only of the process); best effort. */
    private static void syncFolder(Path dir) {
        try (var ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some file systems cannot open a folder for reading; the rename itself is still atomic
        }
    }

    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Temporary files are created owner-only; the files we publish (figures, results) are meant to be read. */
    private static void readableByAll(Path p) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Renames {@code source} onto {@code target} atomically where the file system allows it. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            if (Files.isDirectory(p)) {
                try (var s = Files.walk(p)) {
                    s.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
                }
            } else {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: a leftover temporary file is harmless
        }
    }
}
