package org.creditlab.charts;

import java.awt.image.BufferedImage;

/** Anything that draws itself as an image of a requested size (a chart, an image grid). */
public interface Plot {

    /** The plot drawn at {@code width} × {@code height} pixels. */
    BufferedImage image(int width, int height);

    /** Whether the plot has nothing to draw yet (e.g. a chart of runs none of which has finished). */
    default boolean isEmpty() {
        return false;
    }

    /** The plot at its default size, 760 × 460. */
    default BufferedImage image() {
        return image(760, 460);
    }
}
