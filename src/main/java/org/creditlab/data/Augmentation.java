package org.creditlab.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import org.creditlab.util.HostArray;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Random image augmentation of training batches, the standard CIFAR recipe: a random crop of the image padded with
 * {@code cropPadding} zeros on each side (torchvision's RandomCrop(size, padding)), then a horizontal flip with
 * probability 1/2 (RandomHorizontalFlip). Each example draws its own offsets and flip from the step's random stream,
 * so the same seed gives the same augmented batches. Evaluation data is never augmented.
 *
 * @param cropPadding zeros added on each side before cropping back to the original size (0: no crop)
 * @param flip        whether to flip horizontally with probability 1/2
 */
public record Augmentation(int cropPadding, boolean flip) {

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + cropPadding);
        }
    }

    /** No augmentation. */
    public static Augmentation none() {
        return new Augmentation(0, false);
    }

    /** Random crops with {@code padding} and horizontal flips (CIFAR: padding 4). */
    public static Augmentation cropAndFlip(int padding) {
        return new Augmentation(padding, true);
    }

    @JsonIgnore
    public boolean isNone() {
        return cropPadding == 0 && !flip;
    }

    /**
     * An augmented copy of a batch of images [N, C, H, W] (the batch itself when this is {@link #none()}).
     *
     * @throws IllegalArgumentException for a batch that is not images (flattened data: set DataSpec's flatten to false)
     */
    public INDArray apply(INDArray images, Rng rng) {
        if (isNone()) {
            return images;
        }
        if (images.rank() != 4) {
            throw new IllegalArgumentException("augmentation needs image batches [N, C, H, W], got "
                    + Arrays.toString(images.shape()) + "; load the data with DataSpec's flatten set to false");
        }
        int n = (int) images.size(0);
        int c = (int) images.size(1);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        HostArray in = HostArray.of(images);
        HostArray out = HostArray.zeros(images.dataType(), in.length());
        for (int e = 0; e < n; e++) {
            int dy = cropPadding == 0 ? 0 : rng.nextInt(2 * cropPadding + 1) - cropPadding;
            int dx = cropPadding == 0 ? 0 : rng.nextInt(2 * cropPadding + 1) - cropPadding;
            boolean mirror = flip && rng.nextInt(2) == 1;
            for (int ch = 0; ch < c; ch++) {
                int plane = (e * c + ch) * h * w;
                for (int i = 0; i < h; i++) {
                    int y = i + dy;
                    if (y < 0 || y >= h) {
                        continue; // a padded row stays zero
                    }
                    for (int j = 0; j < w; j++) {
                        int x = (mirror ? w - 1 - j : j) + dx;
                        if (x >= 0 && x < w) {
                            out.set(plane + i * w + j, in.get(plane + y * w + x));
                        }
                    }
                }
            }
        }
        return out.toArray(images.shape());
    }
}
