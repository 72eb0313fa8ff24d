package org.creditlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.creditlab.util.AtomicFiles;
import org.creditlab.util.IoMessages;

/**
 * A generated block of a Markdown file (the README's tables computed from the run records): the text between a begin
 * and an end marker, which a command rewrites ({@code --write}) or compares ({@code --check}) and a test keeps equal to
 * what the records give.
 *
 * @param what    what the block holds, for messages ("headline table")
 * @param begin   the line that opens the block, naming the command that regenerates it
 * @param end     the line that closes it
 * @param command the command that rewrites the block in a file, for messages
 */
record ReadmeBlock(String what, String begin, String end, String command) {

    /** {@code text} with the block replaced by {@code content}; refuses a text without the markers, naming {@code file}. */
    String replace(String text, String content, Path file) {
        int b = text.indexOf(begin);
        int e = b < 0 ? -1 : text.indexOf(end, b);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException(file + " has no " + what + " block: put the lines '" + begin + "' and '"
                    + end + "' where the " + what + " belongs");
        }
        return text.substring(0, b + begin.length()) + "\n" + content + text.substring(e);
    }

    /**
     * Rewrites the block in {@code file} ({@code check} false) or compares it ({@code check} true) with {@code content},
     * saying what it did on {@code out}; returns the exit status: 1 for a check that found a difference.
     */
    int writeOrCheck(Path file, String content, boolean check, PrintWriter out) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String updated = replace(text, content, file);
        if (!check) {
            AtomicFiles.writeString(file, updated);
            out.println((updated.equals(text) ? "unchanged: " : "updated: ") + file);
            return 0;
        }
        if (!updated.equals(text)) {
            out.println(file + ": its " + what + " differs from the records'; regenerate it with: " + command + " " + file
                    + "\nThe records give:\n" + content);
            return 1;
        }
        out.println(file + ": its " + what + " matches the records");
        return 0;
    }

    /** The message of a file that cannot be read. */
    static String unreadable(Path file, IOException e) {
        return "cannot read " + IoMessages.describe(file, e);
    }
}
