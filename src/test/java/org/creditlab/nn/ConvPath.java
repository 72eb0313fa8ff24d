package org.creditlab.nn;

import java.util.function.Supplier;

/** For tests: builds layers or runs training with {@link Conv2d#PATH_PROPERTY} set, then restores it. */
public final class ConvPath {
    private ConvPath() {}

    /** Runs {@code body} with the convolution path {@code path} ("auto", "im2col" or "onednn"). */
    public static <T> T with(String path, Supplier<T> body) {
        String before = System.getProperty(Conv2d.PATH_PROPERTY);
        System.setProperty(Conv2d.PATH_PROPERTY, path);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(Conv2d.PATH_PROPERTY);
            } else {
                System.setProperty(Conv2d.PATH_PROPERTY, before);
            }
        }
    }
}
