package org.creditlab.data;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The datasets CreditLab reads, with the official files, where they are downloaded from and their SHA-256 sums.
 *
 * <p>MNIST and Fashion-MNIST are four IDX files each (gzipped as distributed; raw files are accepted too). CIFAR-10
 * and CIFAR-100 are the "binary version" archives from the University of Toronto, which unpack into a folder of
 * fixed-size records.
 */
public enum DatasetName {
    MNIST("mnist", 10, new long[] {1, 28, 28},
            List.of(
                    new RemoteFile("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                    new RemoteFile("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                    new RemoteFile("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")),
            // The original host (yann.lecun.com) often refuses downloads; this is the mirror torchvision uses.
            "https://ossci-datasets.s3.amazonaws.com/mnist/", null, List.of(),
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
    FASHION_MNIST("fashion-mnist", 10, new long[] {1, 28, 28},
            List.of(
                    new RemoteFile("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
                    new RemoteFile("train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
                    new RemoteFile("t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5")),
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", null,
            List.of("/usr/share/datasets/fashion-mnist"),
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")),
    CIFAR10("cifar-10", 10, new long[] {3, 32, 32},
            List.of(new RemoteFile("cifar-10-binary.tar.gz", "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")),
            "https://www.cs.toronto.edu/~kriz/", "cifar-10-batches-bin", List.of(),
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")),
    CIFAR100("cifar-100", 100, new long[] {3, 32, 32},
            List.of(new RemoteFile("cifar-100-binary.tar.gz", "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec")),
            "https://www.cs.toronto.edu/~kriz/", "cifar-100-binary", List.of(), List.of());

    /** A file as published, with its SHA-256 sum. */
    public record RemoteFile(String name, String sha256) {}

    private final String directory;
    private final int classes;
    private final long[] exampleShape;
    private final List<RemoteFile> downloads;
    private final String baseUrl;
    private final String archiveFolder;
    private final List<String> systemDirectories;
    private final List<String> classNames;

    DatasetName(String directory, int classes, long[] exampleShape, List<RemoteFile> downloads, String baseUrl,
                String archiveFolder, List<String> systemDirectories, List<String> classNames) {
        this.directory = directory;
        this.classes = classes;
        this.exampleShape = exampleShape;
        this.downloads = downloads;
        this.baseUrl = baseUrl;
        this.archiveFolder = archiveFolder;
        this.systemDirectories = systemDirectories;
        this.classNames = classNames;
    }

    /** The folder name under {@code data/}. */
    public String directory() { return directory; }
    public int classes() { return classes; }
    /** One example's shape, channels first. */
    public long[] exampleShape() { return exampleShape.clone(); }
    public List<RemoteFile> downloads() { return downloads; }
    public String baseUrl() { return baseUrl; }
    /** For archives: the folder the archive unpacks into; null for plain files. */
    public String archiveFolder() { return archiveFolder; }
    /** The published training split's size: what files CreditLab finds itself (no explicit path) must hold. */
    public int publishedTrainSize() { return isIdx() ? 60_000 : 50_000; }
    /** The published test split's size. */
    public int publishedTestSize() { return 10_000; }
    /** System-wide installs searched before downloading (Debian's dataset packages). */
    public List<String> systemDirectories() { return systemDirectories; }

    public List<String> classNames() {
        if (!classNames.isEmpty()) {
            return classNames;
        }
        return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    }

    /** The dataset as papers and tables name it, e.g. "Fashion-MNIST", "CIFAR-10". */
    public String title() {
        return switch (this) {
            case MNIST -> "MNIST";
            case FASHION_MNIST -> "Fashion-MNIST";
            case CIFAR10 -> "CIFAR-10";
            case CIFAR100 -> "CIFAR-100";
        };
    }

    public boolean isIdx() {
        return archiveFolder == null;
    }

    /** Parses names such as "fashion-mnist", "fashion_mnist", "FASHION_MNIST", "cifar10", "cifar-100". */
    public static DatasetName parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT).replace("_", "-");
        for (DatasetName d : values()) {
            if (d.directory.equals(key) || d.directory.replace("-", "").equals(key.replace("-", ""))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + text + "'; expected one of mnist, fashion-mnist, cifar-10, cifar-100");
    }
}
