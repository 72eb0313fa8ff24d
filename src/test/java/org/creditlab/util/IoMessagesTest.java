package org.creditlab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reason that Java keeps in the exception's type appears in the text, after the path. */
class IoMessagesTest {
    @TempDir
    Path tmp;

    @Test
    void fileSystemExceptionsSayWhatWentWrong() {
        assertEquals("/d/x: permission denied", IoMessages.describe(new AccessDeniedException("/d/x")));
        assertEquals("/d/x: no such file", IoMessages.describe(new NoSuchFileException("/d/x")));
        assertEquals("/d/x: already exists", IoMessages.describe(new FileAlreadyExistsException("/d/x")));
        assertEquals("/d: folder not empty", IoMessages.describe(new DirectoryNotEmptyException("/d")));
        assertEquals("/d/x: not a folder", IoMessages.describe(new NotDirectoryException("/d/x")));
        assertEquals("/a -> /b: read-only file system", IoMessages.describe(new FileSystemException("/a", "/b", "Read-only file system")));
    }

    @Test
    void otherExceptionsKeepTheirMessageAndGainThePath() {
        assertEquals("the server answered HTTP 404", IoMessages.describe(new IOException("the server answered HTTP 404")));
        assertEquals("IOException", IoMessages.describe(new IOException()));
        assertEquals("/d/x: is a directory", IoMessages.describe(Path.of("/d/x"), new IOException("Is a directory")));
        assertEquals("/d/x: permission denied", IoMessages.describe(Path.of("/other"), new AccessDeniedException("/d/x")));
    }

    @Test
    void realFailuresAreDescribed() {
        Path missing = tmp.resolve("missing");
        IOException e = assertThrows(IOException.class, () -> Files.readString(missing));
        assertEquals(missing + ": no such file", IoMessages.describe(e));
        IOException dir = assertThrows(IOException.class, () -> Files.readString(tmp));
        assertEquals(tmp + ": is a directory", IoMessages.describe(tmp, dir));
    }
}
