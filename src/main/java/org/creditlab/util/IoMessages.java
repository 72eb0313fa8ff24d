package org.creditlab.util;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Readable text for I/O failures. Java's file-system exceptions carry the reason in their type, not their message:
 * {@code new AccessDeniedException("/data/x").getMessage()} is just "/data/x", so a message built from
 * {@code getMessage()} says where but not what went wrong. These methods say both, e.g. "/data/x: permission denied",
 * for callers to put in their own messages together with what to do about it.
 */
public final class IoMessages {
    private IoMessages() {}

    /**
     * "path: reason", such as "/data/x: permission denied", "/data/x: no such file", "/results: not a folder"; for an
     * exception that names no file, its message (or its type when it has none).
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String where = f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
            return where + ": " + reason(f);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Like {@link #describe(IOException)}, but names {@code file} when the exception itself names none (reading a
     * folder as a file, for one, throws a plain IOException "Is a directory").
     */
    public static String describe(Path file, IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return describe(e);
        }
        String m = describe(e);
        return file + ": " + m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }

    private static String reason(FileSystemException f) {
        if (f instanceof NoSuchFileException) {
            return "no such file";
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        if (f instanceof NotDirectoryException) {
            return "not a folder";
        }
        // Other subtypes and plain FileSystemExceptions carry the operating system's text, e.g. "Read-only file system".
        return f.getReason() == null ? f.getClass().getSimpleName() : f.getReason().toLowerCase(Locale.ROOT);
    }
}
