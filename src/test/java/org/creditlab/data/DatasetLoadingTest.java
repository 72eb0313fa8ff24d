package org.creditlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetLoadingTest {
    @TempDir
    Path tmp;
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    @BeforeEach
    void clearCache() {
        Datasets.clearCache();
    }

    private DataSplits load(DatasetName name, Path dir) {
        return Datasets.load(DataSpec.of(name).toBuilder().path(dir.toString()).download(false).build(), tmp.resolve("project-data"), quiet);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {true, false})
    void readsIdxFilesGzippedOrRaw(boolean gz) throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 30, 20, gz);
        DataSplits d = load(DatasetName.MNIST, dir);
        assertEquals(30, d.train().size());
        assertEquals(20, d.test().size());
        assertArrayEquals(new long[] {16}, d.train().exampleShape());
        assertEquals(3, d.train().label(13));
        // pixel k of example i is (i*7 + k) mod 256, scaled to [0,1]
        assertEquals((5 * 7 + 9) / 255.0, d.train().features().getDouble(5, 9), 1e-6);
        assertEquals(1.0, d.train().targets().getDouble(13, 3));
        assertEquals(1.0, d.train().targets().sumNumber().doubleValue() / 30, 1e-9);
    }

    @Test
    void imagesCanStayImages() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 10, 10, true);
        DataSplits d = Datasets.load(DataSpec.of(DatasetName.MNIST).toBuilder().path(dir.toString()).flatten(false).build(), tmp, quiet);
        assertArrayEquals(new long[] {1, 4, 4}, d.train().exampleShape());
        assertArrayEquals(new long[] {10, 1, 4, 4}, d.train().inputs().shape());
    }

    @Test
    void truncatedFileIsReported() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 30, 20, false);
        byte[] full = Files.readAllBytes(dir.resolve("train-images-idx3-ubyte"));
        Files.write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(full, full.length - 100));
        DatasetException e = assertThrows(DatasetException.class, () -> load(DatasetName.MNIST, dir));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void damagedGzipIsReported() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 30, 20, true);
        byte[] full = Files.readAllBytes(dir.resolve("t10k-images-idx3-ubyte.gz"));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), Arrays.copyOf(full, full.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> load(DatasetName.MNIST, dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz") && e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void wrongMagicIsReported() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 30, 20, false);
        byte[] b = Files.readAllBytes(dir.resolve("train-labels-idx1-ubyte"));
        b[2] = 0x0D; // a float IDX file, not unsigned bytes
        Files.write(dir.resolve("train-labels-idx1-ubyte"), b);
        DatasetException e = assertThrows(DatasetException.class, () -> load(DatasetName.MNIST, dir));
        assertTrue(e.getMessage().contains("magic number"), e.getMessage());
    }

    @Test
    void swappedFilesAreReported() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 30, 20, false);
        Files.copy(dir.resolve("train-labels-idx1-ubyte"), dir.resolve("train-images-idx3-ubyte"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DatasetException e = assertThrows(DatasetException.class, () -> load(DatasetName.MNIST, dir));
        assertTrue(e.getMessage().contains("swapped"), e.getMessage());
    }

    @Test
    void mismatchedCountsAreReported() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 30, 20, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), DatasetFixtures.idxLabels(DatasetFixtures.labels(29, 10)));
        DatasetException e = assertThrows(DatasetException.class, () -> load(DatasetName.MNIST, dir));
        assertTrue(e.getMessage().contains("do not belong together"), e.getMessage());
    }

    @Test
    void trainingAndTestImagesOfDifferentSizesAreReported() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 30, 20, false);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), DatasetFixtures.idxImages(20, 5, 5));
        DatasetException e = assertThrows(DatasetException.class, () -> load(DatasetName.MNIST, dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte") && e.getMessage().contains("[1, 5, 5]")
                && e.getMessage().contains("[1, 4, 4]"), e.getMessage());
    }

    @Test
    void aHeaderWhoseSizeOverflowsIsReportedNamingTheFile() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 30, 20, false);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(bytes);
        d.writeInt(0x00000803);
        d.writeInt(3);
        d.writeInt(Integer.MAX_VALUE);
        d.writeInt(Integer.MAX_VALUE);   // 3·(2³¹−1)² overflows a long
        d.write(new byte[] {1, 2, 3});
        Files.write(dir.resolve("train-images-idx3-ubyte"), bytes.toByteArray());
        DatasetException e = assertThrows(DatasetException.class, () -> load(DatasetName.MNIST, dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte") && e.getMessage().contains("header is corrupt"),
                e.getMessage());
    }

    @Test
    void labelOutOfRangeIsReported() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 30, 20, false);
        int[] y = DatasetFixtures.labels(30, 10);
        y[4] = 12;
        Files.write(dir.resolve("train-labels-idx1-ubyte"), DatasetFixtures.idxLabels(y));
        DatasetException e = assertThrows(DatasetException.class, () -> load(DatasetName.MNIST, dir));
        assertTrue(e.getMessage().contains("label 12"), e.getMessage());
    }

    @Test
    void wrongChecksumInProjectDataIsReported() throws IOException {
        Path projectData = tmp.resolve("project-data");
        DatasetFixtures.writeIdxDataset(projectData.resolve("mnist"), 30, 20, true);
        DatasetException e = assertThrows(DatasetException.class, () ->
                Datasets.load(DataSpec.of(DatasetName.MNIST).toBuilder().download(false).build(), projectData, quiet));
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
    }

    @Test
    void unpackedFilesInProjectDataMustHaveThePublishedSizes() throws IOException {
        // raw IDX files and unpacked CIFAR batches carry no published checksum: their sizes are what is checked
        Path projectData = tmp.resolve("project-data");
        DatasetFixtures.writeIdxDataset(projectData.resolve("mnist"), 30, 20, 28, false);
        DatasetException idx = assertThrows(DatasetException.class, () ->
                Datasets.load(DataSpec.of(DatasetName.MNIST).toBuilder().download(false).build(), projectData, quiet));
        assertTrue(idx.getMessage().contains(projectData.resolve("mnist").toString()) && idx.getMessage().contains("30 images")
                && idx.getMessage().contains("60000") && idx.getMessage().contains("--data-dir"), idx.getMessage());
        DatasetFixtures.writeCifar10(projectData.resolve("cifar-10").resolve("cifar-10-batches-bin"), 1, 1);
        DatasetException cifar = assertThrows(DatasetException.class, () ->
                Datasets.load(DataSpec.of(DatasetName.CIFAR10).toBuilder().download(false).build(), projectData, quiet));
        assertTrue(cifar.getMessage().contains("cifar-10-batches-bin") && cifar.getMessage().contains("5 images")
                && cifar.getMessage().contains("50000"), cifar.getMessage());
        // the same files under an explicit path are the user's to vouch for
        assertEquals(30, load(DatasetName.MNIST, projectData.resolve("mnist")).train().size());
    }

    @Test
    void missingDatasetNamesFilesAndWhereToPutThem() {
        Path projectData = tmp.resolve("empty");
        DatasetException e = assertThrows(DatasetException.class, () ->
                Datasets.load(DataSpec.of(DatasetName.MNIST).toBuilder().download(false).build(), projectData, quiet));
        String m = e.getMessage();
        assertTrue(m.contains("train-images-idx3-ubyte.gz") && m.contains("t10k-labels-idx1-ubyte.gz"), m);
        assertTrue(m.contains(projectData.resolve("mnist").toAbsolutePath().toString()), m);
    }

    @Test
    void readsCifar10Binary() throws IOException {
        Path dir = tmp.resolve("cifar-10-batches-bin");
        DatasetFixtures.writeCifar10(dir, 4, 3);
        DataSplits d = Datasets.load(DataSpec.of(DatasetName.CIFAR10).toBuilder().path(dir.toString()).flatten(false).build(), tmp, quiet);
        assertEquals(20, d.train().size());
        assertEquals(3, d.test().size());
        assertArrayEquals(new long[] {3, 32, 32}, d.train().exampleShape());
        assertEquals(2, d.test().label(2));
        // channel-first: pixel (c=1, row 0, col 5) of test record 2 is byte 1024 + 5
        assertEquals(((2 + 1024 + 5) % 256) / 255.0, d.test().inputs().getDouble(2, 1, 0, 5), 1e-6);
    }

    @Test
    void readsCifar100FineLabels() throws IOException {
        Path dir = tmp.resolve("c100").resolve("cifar-100-binary");
        Files.createDirectories(dir);
        Files.write(dir.resolve("train.bin"), DatasetFixtures.cifarRecords(7, 2, 100));
        Files.write(dir.resolve("test.bin"), DatasetFixtures.cifarRecords(5, 2, 100));
        DataSplits d = Datasets.load(DataSpec.of(DatasetName.CIFAR100).toBuilder().path(tmp.resolve("c100").toString()).build(), tmp, quiet);
        assertEquals(7, d.train().size());
        assertEquals(6, d.train().label(6));
        assertEquals(100, d.train().classes());
        assertEquals(3072, d.train().featureCount());
    }

    @Test
    void truncatedCifarFileIsReported() throws IOException {
        Path dir = tmp.resolve("cifar-10-batches-bin");
        Files.createDirectories(dir);
        for (int i = 1; i <= 5; i++) {
            Files.write(dir.resolve("data_batch_" + i + ".bin"), DatasetFixtures.cifarRecords(2, 1, 10));
        }
        byte[] test = DatasetFixtures.cifarRecords(2, 1, 10);
        Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(test, test.length - 10));
        DatasetException e = assertThrows(DatasetException.class, () -> load(DatasetName.CIFAR10, dir));
        assertTrue(e.getMessage().contains("test_batch.bin") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void subsetsAreStratifiedAndDeterministic() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 200, 100, true);
        DataSpec spec = DataSpec.of(DatasetName.MNIST).toBuilder().path(dir.toString()).trainLimit(50).validation(40).testLimit(30).build();
        DataSplits a = Datasets.load(spec, tmp, quiet);
        DataSplits b = Datasets.load(spec, tmp, quiet);
        assertEquals(50, a.train().size());
        assertEquals(40, a.validation().size());
        assertEquals(30, a.test().size());
        assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, a.train().classCounts());
        assertArrayEquals(new int[] {4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, a.validation().classCounts());
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertEquals(a.train().features(), b.train().features());
        DataSplits c = Datasets.load(spec.toBuilder().validation(0).build(), tmp, quiet);
        assertFalse(c.hasValidation());
    }

    @Test
    void standardisationUsesTrainingStatistics() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 100, 50, true);
        DataSplits d = Datasets.load(DataSpec.of(DatasetName.MNIST).toBuilder().path(dir.toString()).standardize(true).build(), tmp, quiet);
        assertEquals(0, d.train().features().meanNumber().doubleValue(), 1e-5);
        assertEquals(1, d.train().features().stdNumber().doubleValue(), 1e-3);
    }

    // Larger subsets than the splits hold used to mean "all" without a word.
    @Test
    void subsetsLargerThanTheSplitsAreRefused() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 30, 20, true);
        DataSpec spec = DataSpec.of(DatasetName.MNIST).toBuilder().path(dir.toString()).build();
        assertRefused(spec.toBuilder().trainLimit(31).build(), "train limit 31 (--train-limit, DataSpec.trainLimit) is more than the 30 training"
                + " examples of mnist; use at most 30 or 0 for all");
        assertRefused(spec.toBuilder().testLimit(21).build(), "test limit 21 (--test-limit, DataSpec.testLimit) is more than the 20 test examples");
        assertRefused(spec.toBuilder().validation(30).build(), "validation 30 (--validation, DataSpec.validation) leaves none of the 30");
        assertRefused(spec.toBuilder().validation(10).trainLimit(25).build(), "more than the 20 training examples of mnist left after holding"
                + " out 10 for validation");
        assertEquals(30, Datasets.load(spec.toBuilder().trainLimit(30).testLimit(20).build(), tmp, quiet).train().size()); // exactly all is fine
    }

    private void assertRefused(DataSpec spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load(spec, tmp, quiet));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void missingExplicitFolderIsNamed() {
        Path none = tmp.resolve("none");
        DatasetException e = assertThrows(DatasetException.class, () -> load(DatasetName.MNIST, none));
        assertTrue(e.getMessage().contains(none + " (--data-dir, DataSpec.path) does not exist"), e.getMessage());
    }

    @Test
    void unreadableFileSaysPermissionDenied() throws IOException {
        Path dir = tmp.resolve("mnist");
        DatasetFixtures.writeIdxDataset(dir, 30, 20, false);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        assertTrue(labels.toFile().setReadable(false, false));
        assumeFalse(Files.isReadable(labels), "root reads any file");
        DatasetException e = assertThrows(DatasetException.class, () -> load(DatasetName.MNIST, dir));
        assertTrue(e.getMessage().contains(labels + ": permission denied"), e.getMessage());
    }
}
