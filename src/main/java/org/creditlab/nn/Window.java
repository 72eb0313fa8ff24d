package org.creditlab.nn;

/**
 * The sliding window of a convolution or a pooling layer over square feature maps: kernel size, stride and zero
 * padding, the same along height and width (every network in our papers uses square windows).
 *
 * @param kernel  window height and width
 * @param stride  step between windows
 * @param padding zeros added on each side of the height and width
 */
public record Window(int kernel, int stride, int padding) {

    public Window {
        if (kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("a window needs kernel > 0, stride > 0 and padding >= 0, got kernel="
                    + kernel + " stride=" + stride + " padding=" + padding);
        }
    }

    /** A window of {@code kernel} with stride {@code kernel} and no padding (the usual pooling). */
    public static Window of(int kernel) {
        return new Window(kernel, kernel, 0);
    }

    /**
     * The output length along one axis, ⌊(n + 2p − k)/s⌋ + 1 (PyTorch's formula).
     *
     * @throws IllegalArgumentException if the window does not fit
     */
    public int outputSize(long n) {
        long padded = n + 2L * padding;
        if (padded < kernel) {
            throw new IllegalArgumentException("a " + kernel + "×" + kernel + " window does not fit an input of size "
                    + n + " with padding " + padding);
        }
        return (int) ((padded - kernel) / stride + 1);
    }

    @Override
    public String toString() {
        return kernel + "×" + kernel + (stride != 1 ? " stride " + stride : "") + (padding != 0 ? " pad " + padding : "");
    }
}
