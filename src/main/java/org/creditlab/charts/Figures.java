package org.creditlab.charts;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.creditlab.util.AtomicFiles;

/** Saving figures as PNG files, atomically. */
public final class Figures {
    private Figures() {}

    public static Path savePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
        return file;
    }
}
