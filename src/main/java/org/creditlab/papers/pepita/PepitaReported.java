package org.creditlab.papers.pepita;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.creditlab.data.DatasetName;

/**
 * A number the PEPITA papers report, as data, with where it comes from. Only {@link Status#VERIFIED} numbers (read in
 * the authors' saved notebook outputs) are reproduction targets; the others are recollections of the paper text,
 * tagged [unverified] in the notes, shown beside ours for orientation only.
 *
 * @param method  "PEPITA", "BP", "FA", "DRTP"
 * @param dataset the dataset
 * @param mean    test accuracy in percent (a range's midpoint when the notes give a range)
 * @param std     its standard deviation over runs, or NaN when not known
 * @param text    the value as the notes give it, e.g. "≈53–55" or "98.01 ± 0.09"
 * @param status  how far it can be trusted
 * @param note    where it comes from
 */
public record PepitaReported(String method, DatasetName dataset, double mean, double std, String text, Status status,
                       String note) {

    /** How a reported number is known. */
    public enum Status {
        /** Read in the authors' saved outputs. */
        VERIFIED,
        /** Recalled from the paper; not a target. */
        UNVERIFIED
    }

    private static final String TABLE = "ICML 2022 main table, FC 1×1024, 100 epochs";

    /** The ICML paper's main accuracy table (notes §3.1), all [unverified]. */
    public static final List<PepitaReported> ICML_TABLE = List.of(
            new PepitaReported("PEPITA", DatasetName.MNIST, 98.01, 0.09, "98.01 ± 0.09", Status.UNVERIFIED, TABLE),
            new PepitaReported("PEPITA", DatasetName.CIFAR10, 52.57, 0.36, "52.57 ± 0.36", Status.UNVERIFIED,
                    TABLE + "; corroborated by the authors' tutorial run, which ends at 52.58%"),
            new PepitaReported("PEPITA", DatasetName.CIFAR100, 24.91, 0.22, "≈24.9 (24.91 ± 0.22?)", Status.UNVERIFIED, TABLE),
            new PepitaReported("BP", DatasetName.MNIST, 98.63, 0.03, "≈98.6 (98.63 ± 0.03?)", Status.UNVERIFIED, TABLE),
            new PepitaReported("BP", DatasetName.CIFAR10, 54, Double.NaN, "≈53–55", Status.UNVERIFIED, TABLE),
            new PepitaReported("BP", DatasetName.CIFAR100, 26, Double.NaN, "≈24–28", Status.UNVERIFIED, TABLE),
            new PepitaReported("FA", DatasetName.MNIST, 98.42, 0.07, "≈98.4 (98.42 ± 0.07?)", Status.UNVERIFIED, TABLE),
            new PepitaReported("FA", DatasetName.CIFAR10, 53.8, Double.NaN, "≈53.8", Status.UNVERIFIED, TABLE),
            new PepitaReported("FA", DatasetName.CIFAR100, 22, Double.NaN, "≈20–24", Status.UNVERIFIED, TABLE),
            new PepitaReported("DRTP", DatasetName.MNIST, 95.04, 0.13, "≈95.0 (95.04 ± 0.13?)", Status.UNVERIFIED, TABLE),
            new PepitaReported("DRTP", DatasetName.CIFAR10, 45.9, Double.NaN, "≈45.9", Status.UNVERIFIED, TABLE),
            new PepitaReported("DRTP", DatasetName.CIFAR100, 20, Double.NaN, "≈20", Status.UNVERIFIED, TABLE));

    private static final String CONV = "ICML 2022 conv table, 1 conv layer + FC (Net1conv1fcXL)";

    /** The ICML paper's convolutional table (notes §3.1), all [unverified]; BP's values are not known, only "higher". */
    public static final List<PepitaReported> ICML_CONV_TABLE = List.of(
            new PepitaReported("PEPITA", DatasetName.MNIST, 98.3, Double.NaN, "≈98.3", Status.UNVERIFIED, CONV),
            new PepitaReported("PEPITA", DatasetName.CIFAR10, 56, Double.NaN, "≈56", Status.UNVERIFIED, CONV),
            new PepitaReported("PEPITA", DatasetName.CIFAR100, 27.5, Double.NaN, "≈27.5", Status.UNVERIFIED, CONV),
            new PepitaReported("BP", DatasetName.CIFAR10, Double.NaN, Double.NaN, "several points above PEPITA", Status.UNVERIFIED, CONV),
            new PepitaReported("BP", DatasetName.CIFAR100, Double.NaN, Double.NaN, "several points above PEPITA", Status.UNVERIFIED, CONV));

    /** The authors' CIFAR-10 tutorial run (one run, PEPITA, 3072-1024-10): (epoch, test accuracy %), verified. */
    public static final double[][] TUTORIAL_CIFAR10_CURVE = {
            {1, 35.12}, {5, 41.40}, {10, 45.05}, {20, 48.61}, {30, 49.77}, {40, 51.68}, {50, 51.36}, {60, 50.92},
            {61, 52.45}, {70, 52.57}, {80, 52.93}, {90, 52.37}, {100, 52.58}};

    /**
     * The slowness fit's saved example output (plot_compute_slowness.ipynb): the numbers are read there (verified);
     * which run it fits is not said, most likely BP on MNIST (A ≈ 98.6%), a guess.
     */
    public static final double SLOWNESS_EXAMPLE_ASYMPTOTE = 0.98643;
    public static final double SLOWNESS_EXAMPLE_S = 0.0260;

    /** The reported number for a method and dataset, if the table has one. */
    public static Optional<PepitaReported> of(String method, DatasetName dataset) {
        return ICML_TABLE.stream().filter(r -> r.method.equals(method) && r.dataset == dataset).findFirst();
    }

    /** The conv table's number for a method and dataset, if it has one. */
    public static Optional<PepitaReported> conv(String method, DatasetName dataset) {
        return ICML_CONV_TABLE.stream().filter(r -> r.method.equals(method) && r.dataset == dataset).findFirst();
    }

    /** e.g. "52.57 ± 0.36 [unverified]". */
    public String describe() {
        return text + " [" + status.name().toLowerCase(Locale.ROOT) + "]";
    }
}
