package org.creditlab.benchmark;

import java.util.List;
import java.util.Optional;
import org.creditlab.data.DatasetName;

/**
 * BioTorch's published benchmark, for the rules it covers: BP, FA, DFA and the three sign-symmetry variants. BioTorch
 * is the code of Sanfiz and Akrout, "Benchmarking the Accuracy and Robustness of Feedback Alignment Algorithms"
 * (arXiv 2108.13446, 2021; cited in the repository's README). The numbers are top-1 error rates in percent, read from
 * {@link #SOURCE} (the repository's newest commit; the table was last changed in commit 536ea21), checked against that
 * file; the preprint's own tables were not compared with it. An earlier README of the same repository listed other numbers (e.g. BP 8.88 and FA 12.77 on
 * Fashion-MNIST); Benchmarks.md supersedes it, and these are its numbers.
 *
 * <p>Their set-up differs from ours, so their numbers stand beside ours for orientation only: LeNet (a convolutional
 * network) on images resized to 32×32, SGD with momentum 0.9 and weight decay 1e-3, batch 64, 100 epochs with the rate
 * ×0.1 at epochs 50 and 75, hyperparameters per method from their configuration files; on MNIST and Fashion-MNIST the
 * error is measured on the 10,000-image validation split that also chose the model. The gap to BP is the comparable
 * quantity, not the accuracy.
 */
public final class BenchmarkReported {
    public static final String SOURCE = "github.com/jsalbert/biotorch, Benchmarks.md at commit 74fad0d (2021-09-29)";

    /**
     * One BioTorch method's errors (%).
     *
     * @param rule        our rule's name
     * @param method      BioTorch's name for it
     * @param mnist       LeNet on MNIST
     * @param fashion     LeNet on Fashion-MNIST
     * @param cifarResNet ResNet-20 (SGD) on CIFAR-10
     */
    public record Reported(String rule, String method, double mnist, double fashion, double cifarResNet) {}

    /** Benchmarks.md's rows, in its order; the numbers checked against the file, none [unverified]. */
    public static final List<Reported> BIOTORCH = List.of(
            new Reported("bp", "BP", 0.91, 9.2, 8.63),
            new Reported("fa", "FA", 1.7, 13.06, 32.16),
            new Reported("usf", "uSF", 0.94, 9.69, 10.05),
            new Reported("brsf", "brSF", 0.91, 10.02, 11.02),
            new Reported("frsf", "frSF", 0.97, 9.61, 11.2),
            new Reported("dfa", "DFA", 1.61, 12.81, 45.94));

    private BenchmarkReported() {}

    /** BioTorch's row for our rule {@code rule}, if it has one. */
    public static Optional<Reported> of(String rule) {
        return BIOTORCH.stream().filter(r -> r.rule().equals(rule)).findFirst();
    }

    /**
     * BioTorch's gap to BP of {@code rule} on {@code dataset}, in points: LeNet's on MNIST and Fashion-MNIST, ResNet-20's
     * on CIFAR-10 (BioTorch has no CIFAR-10 LeNet); empty for a rule or dataset it does not cover.
     */
    public static Optional<Double> gap(String rule, DatasetName dataset) {
        Reported bp = of(BenchmarkTable.REFERENCE).orElseThrow();
        return of(rule).flatMap(r -> error(r, dataset).map(e -> e - error(bp, dataset).orElseThrow()));
    }

    /** How {@link #gap}'s column is headed for {@code dataset}, e.g. "BioTorch F-MNIST gap". */
    public static String gapHeader(DatasetName dataset) {
        return switch (dataset) {
            case FASHION_MNIST -> "BioTorch F-MNIST gap";
            case CIFAR10 -> "BioTorch CIFAR-10 gap (ResNet-20)";
            default -> "BioTorch " + dataset.title() + " gap";
        };
    }

    /** BioTorch's error (%) of {@code r} on {@code dataset}, if it ran there. */
    public static Optional<Double> error(Reported r, DatasetName dataset) {
        return switch (dataset) {
            case MNIST -> Optional.of(r.mnist());
            case FASHION_MNIST -> Optional.of(r.fashion());
            case CIFAR10 -> Optional.of(r.cifarResNet());
            case CIFAR100 -> Optional.empty();
        };
    }
}
