package org.creditlab.experiment;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.creditlab.data.DataSpec;
import org.creditlab.data.DatasetName;
import org.creditlab.nn.MlpSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.backprop.BackpropSpec;
import org.creditlab.train.TrainingOptions;
import org.creditlab.util.BlasInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A short, fixed, seeded training run gives the numbers the previous BLAS build gave, within rounding.
 *
 * <p>The pom replaces ND4J's bundled OpenBLAS 0.3.19 with a newer build (README, "Performance"). Different OpenBLAS
 * versions, and different kernels of one version (AVX2 "Haswell" when {@code OPENBLAS_CORETYPE=Haswell} is set, the
 * AVX-512 ones when OpenBLAS detects the CPU itself), block and sum the products of a gemm in different orders, so
 * float32 results differ in the last bits, and over the 128 SGD steps of this run those differences can grow. A wrong library
 * (a broken kernel, a mismatched binary) would not stay within these tolerances.
 *
 * <p><b>Reference numbers</b> ({@link #REFERENCE}): obtained on 2026-12-05 by running this test on the previous build,
 * {@code mvn -B -o -q test -Dtest=BlasAgreementTest -Dopenblas.version=0.3.19-1.5.7} (the property selects ND4J's
 * bundled OpenBLAS 0.3.19-1.5.7, i.e. the classpath before the change), on the AMD EPYC (Zen 5) 2-core machine, one
 * thread, with the environment as shipped ({@code OPENBLAS_CORETYPE=Haswell}); the test prints its metrics to standard
 * output, and they were copied from there.
 *
 * <p><b>Tolerances</b>, and why. Measured the same way, with each build and each core type:
 * <ul>
 *   <li>0.3.19 Haswell and 0.3.31 Haswell: identical to the 8 digits printed (the AVX2 sgemm kernel did not change);
 *   <li>0.3.19 auto-detected and 0.3.31 auto-detected (Cooperlake, AVX-512) against the reference: losses differ by at
 *       most 2.2e-7, accuracies not at all.
 * </ul>
 * {@link #LOSS_TOLERANCE} (absolute, on losses of about 0.5 to 1.0) is about 500 times the largest of those, room for
 * other CPUs' kernels and summation orders; {@link #ACCURACY_TOLERANCE} lets up to 2 of the 500 test images (or of
 * the 512 training images) change class, which a loss change of that size can do only at a near tie. A broken or
 * mismatched library changes these losses in the first or second decimal, far outside both.
 */
class BlasAgreementTest {
    /** On each epoch's train and test loss; measured differences are at most 2.2e-7 (class comment). */
    static final double LOSS_TOLERANCE = 1e-4;
    /** On each epoch's train and test accuracy: 2 images in 500 (0.004) or 512 (0.0039) may change class. */
    static final double ACCURACY_TOLERANCE = 0.005;

    /** Per epoch: train_loss, train_acc, test_loss, test_acc, from OpenBLAS 0.3.19-1.5.7 (see the class comment). */
    static final double[][] REFERENCE = {
            {0.90013072, 0.63281250, 0.99784744, 0.61200000},
            {0.67401636, 0.73046875, 0.87525351, 0.66800000},
            {0.53021175, 0.80468750, 0.80706158, 0.72000000},
            {0.49030219, 0.83398438, 0.84038458, 0.70400000},
    };

    static Experiment shortRun() {
        return Experiment.of("test-blas-agreement",
                DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(512).testLimit(500).standardize(true)
                        .download(false).build(),
                MlpSpec.of(784, 64, 10), new BackpropSpec(), OptimizerSpec.sgd(0.01).toBuilder().momentum(0.9).build(),
                TrainingOptions.of(4, 16), 11);
    }

    /**
     * The OpenBLAS the pom pins (surefire passes {@code openblas.version} on) is the one loaded, and stored runs
     * record it: no other copy, such as ND4J's bundled 0.3.19, wins on the classpath or in the JavaCPP cache.
     */
    @Test
    void theLoadedOpenBlasIsThePinnedOneAndRunsRecordIt() {
        String pinned = System.getProperty("creditlab.openblas.version");
        assertNotNull(pinned, "surefire passes the pom's openblas.version as creditlab.openblas.version");
        assertEquals(pinned, BlasInfo.build());
        assertTrue(BlasInfo.loadedLibrary().contains("/openblas-" + pinned + "-"), "loaded: " + BlasInfo.loadedLibrary());
        String recorded = CodeVersion.of(shortRun()).blas();
        assertTrue(recorded.startsWith("OPENBLAS " + pinned + ", core type "), "recorded: " + recorded);
    }

    @Test
    void shortTrainingRunMatchesTheOpenBlas0319Build() {
        RunResult r = Runner.standard().noStore().run(shortRun());
        String[] columns = {"train_loss", "train_acc", "test_loss", "test_acc"};
        double[][] got = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            got[c] = r.metrics().column(columns[c]);
        }
        StringBuilder printed = new StringBuilder("BlasAgreementTest on " + BlasInfo.describe() + ":\n");
        for (int e = 0; e < got[0].length; e++) {
            printed.append(String.format(Locale.ROOT, "            {%.8f, %.8f, %.8f, %.8f},%n", got[0][e], got[1][e], got[2][e], got[3][e]));
        }
        System.out.print(printed);

        assertEquals(REFERENCE.length, got[0].length, "epochs");
        List<Executable> checks = new ArrayList<>();
        for (int e = 0; e < REFERENCE.length; e++) {
            for (int c = 0; c < columns.length; c++) {
                double want = REFERENCE[e][c];
                double have = got[c][e];
                double tolerance = columns[c].endsWith("loss") ? LOSS_TOLERANCE : ACCURACY_TOLERANCE;
                String what = String.format(Locale.ROOT, "epoch %d %s: %.6f now, %.6f with OpenBLAS 0.3.19 (tolerance %s)",
                        e + 1, columns[c], have, want, tolerance);
                checks.add(() -> assertTrue(Math.abs(have - want) <= tolerance, what));
            }
        }
        assertAll(checks);
    }
}
