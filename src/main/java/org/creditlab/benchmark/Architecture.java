package org.creditlab.benchmark;

import org.creditlab.data.DatasetName;
import org.creditlab.nn.CnnSpec;

/**
 * The benchmark's two networks, each its own table per dataset: the MLP 784-hidden-10 (3072-hidden-10 on CIFAR-10)
 * that every classification rule runs, and the small CNN that only the rules with a convolutional form run (the others are listed as not applicable, with their
 * reason).
 */
public enum Architecture {
    /** Fashion-MNIST as flat vectors, the MLP 784-hidden-10 with ReLU. */
    MLP("mlp"),
    /**
     * Fashion-MNIST as 1×28×28 images, {@link CnnSpec#small}: conv 16@3×3 → ReLU → max-pool 2 → conv 32@3×3 → ReLU →
     * max-pool 2 → dense 1568 → 10, the network of the PyTorch speed comparison. BioTorch's table is LeNet's, so this
     * is the task its numbers are closer to.
     */
    CNN("cnn");

    /** The CNN as tables and chart titles name it (its full description is too long for a title). */
    public static final String CNN_LABEL = "CNN conv16-pool-conv32-pool-10";

    private final String key;

    Architecture(String key) {
        this.key = key;
    }

    /** "mlp" or "cnn": the command line's name and part of the experiment's folder name. */
    public String key() {
        return key;
    }

    /** The architecture called {@code key} ("mlp" or "cnn"); the message names both. */
    public static Architecture of(String key) {
        for (Architecture a : values()) {
            if (a.key.equalsIgnoreCase(key.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("no benchmark network '" + key + "'; give mlp or cnn");
    }

    /** The CNN for the dataset's images (1×28×28 for MNIST and Fashion-MNIST, 3×32×32 for CIFAR-10). */
    static CnnSpec smallCnn(DatasetName dataset) {
        return CnnSpec.small(dataset.exampleShape());
    }
}
