package org.creditlab.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.creditlab.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A grid of images with captions: dataset samples, receptive fields, decorrelated inputs. Grey images are scaled per
 * image to their own range ({@link #symmetric()} centres the range on zero, for signed fields); RGB images
 * ([3, h, w], channels first) are drawn in colour.
 */
public final class ImageGrid implements Plot {
    private record Tile(double[] pixels, String caption) {}

    private final String title;
    private final long[] shape;
    private final int columns;
    private final List<Tile> tiles = new ArrayList<>();
    private boolean symmetric;
    private String note;

    private ImageGrid(String title, long[] shape, int columns) {
        if (shape.length != 3 || (shape[0] != 1 && shape[0] != 3)) {
            throw new IllegalArgumentException("image shape must be [1 or 3, height, width], got " + Arrays.toString(shape));
        }
        this.title = title;
        this.shape = shape.clone();
        this.columns = columns;
    }

    /** An empty grid of images of shape [channels, height, width]. */
    public static ImageGrid of(String title, long[] shape, int columns) {
        return new ImageGrid(title, shape, columns);
    }

    /** The first {@code count} examples of a dataset, captioned with their class names. */
    public static ImageGrid samples(Dataset data, int count, int columns) {
        long[] shape = data.exampleShape().length == 3 ? data.exampleShape() : square(data.featureCount());
        ImageGrid g = new ImageGrid(data.name() + ": first " + count + " examples", shape, columns);
        for (int i = 0; i < Math.min(count, data.size()); i++) {
            g.add(data.features().getRow(i).toDoubleVector(), data.classNames().get(data.label(i)));
        }
        return g;
    }

    public ImageGrid add(double[] pixels, String caption) {
        if (pixels.length != shape[0] * shape[1] * shape[2]) {
            throw new IllegalArgumentException("an image of shape " + Arrays.toString(shape) + " needs "
                    + shape[0] * shape[1] * shape[2] + " values, got " + pixels.length);
        }
        tiles.add(new Tile(pixels.clone(), caption));
        return this;
    }

    public ImageGrid add(INDArray image, String caption) {
        return add(image.dup().reshape(-1).toDoubleVector(), caption);
    }

    /** A line under the title, e.g. why the grid has no images (their run is not run). */
    public ImageGrid note(String text) {
        note = text;
        return this;
    }

    /** Scale each grey image symmetrically around zero (receptive fields, whitened inputs). */
    public ImageGrid symmetric() {
        symmetric = true;
        return this;
    }

    @Override
    public BufferedImage image(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 8, 18);
        int top = 26;
        if (note != null) {
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 12));
            g.drawString(note, 8, 36);
            top += 16;
        }
        int rows = Math.max(1, (tiles.size() + columns - 1) / columns);
        int captionH = 14;
        double cellW = (width - 8.0) / columns;
        double cellH = (height - top - 4.0) / rows;
        int side = (int) Math.max(1, Math.min(cellW - 6, cellH - captionH - 6));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int i = 0; i < tiles.size(); i++) {
            int x = 4 + (int) ((i % columns) * cellW + (cellW - side) / 2);
            int y = top + (int) ((i / columns) * cellH);
            g.drawImage(tile(tiles.get(i).pixels()), x, y, side, side, null);
            String cap = tiles.get(i).caption();
            if (cap != null && !cap.isEmpty()) {
                g.setColor(Color.DARK_GRAY);
                int w = g.getFontMetrics().stringWidth(cap);
                g.drawString(cap, x + (side - w) / 2, y + side + 11);
            }
        }
        g.dispose();
        return img;
    }

    private BufferedImage tile(double[] p) {
        int c = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        double lo = Arrays.stream(p).min().orElse(0);
        double hi = Arrays.stream(p).max().orElse(1);
        if (symmetric) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -m;
            hi = m;
        }
        double span = hi > lo ? hi - lo : 1;
        BufferedImage t = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    double v = p[(c == 3 ? k : 0) * h * w + y * w + x];
                    rgb[k] = (int) Math.round(255 * Math.max(0, Math.min(1, (v - lo) / span)));
                }
                t.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
            }
        }
        return t;
    }

    private static long[] square(int n) {
        int side = (int) Math.round(Math.sqrt(n));
        if (side * side != n) {
            throw new IllegalArgumentException("cannot show " + n + " features as a square image");
        }
        return new long[] {1, side, side};
    }
}
