package org.creditlab.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.creditlab.data.DatasetName;
import org.creditlab.nn.CnnSpec;
import org.creditlab.nn.MlpSpec;
import org.creditlab.nn.Network;
import org.creditlab.notebook.Profile;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class BenchmarkScaleTest {

    @Test
    void theChosenSettingRunsOnSeedsTheSearchDidNotUse() {
        for (Profile p : Profile.values()) {
            for (Architecture a : Architecture.values()) {
                BenchmarkScale s = BenchmarkScale.of(p, a);
                long[] seeds = s.seedList();
                assertArrayEquals(new long[0], Arrays.stream(seeds).filter(x -> x == BenchmarkPresets.TRIAL_SEED).toArray(),
                        p + ": the search's seed is not reused");
                assertArrayEquals(Arrays.stream(seeds).distinct().toArray(), seeds, p + ": distinct seeds");
                assertEquals(s.seeds(), seeds.length, p.toString());
            }
        }
    }

    @Test
    void bothTasksHaveTheSameBudgetAtEachProfile() {
        for (Profile p : Profile.values()) {
            BenchmarkScale mlp = BenchmarkScale.of(p, Architecture.MLP);
            BenchmarkScale cnn = BenchmarkScale.of(p, Architecture.CNN);
            assertEquals(mlp.toBuilder().architecture(Architecture.CNN).hidden(List.of()).build(), cnn,
                    p + ": only the network differs");
        }
        assertEquals(BenchmarkScale.of(Profile.FULL), BenchmarkScale.of(Profile.FULL, Architecture.MLP));
    }

    @Test
    void theCnnTaskTrainsTheSmallCnnOnImagesInItsOwnFolder() {
        BenchmarkScale s = BenchmarkScale.of(Profile.FULL, Architecture.CNN);
        assertInstanceOf(CnnSpec.class, NetworkForm.PLAIN.build(s));
        assertEquals(CnnSpec.small(1, 28, 28), NetworkForm.PLAIN.build(s));
        Network float64 = NetworkForm.FLOAT64.build(s).build(1);
        assertEquals(DataType.DOUBLE, float64.dataType());
        assertFalse(BenchmarkPresets.data(s).flatten(), "the CNN reads 1×28×28 images");
        assertTrue(BenchmarkPresets.data(BenchmarkScale.of(Profile.FULL)).flatten(), "the MLP reads flat vectors");
        assertEquals("benchmark-cnn-20ep", BenchmarkPresets.experimentName(s));
        assertEquals("benchmark-256x256-20ep", BenchmarkPresets.experimentName(BenchmarkScale.of(Profile.FULL)));
        assertTrue(s.describe().startsWith("CNN conv16-pool-conv32-pool-10, 20 epochs"), s.describe());
        // the short label names the layers the network has
        String layers = Architecture.smallCnn(DatasetName.FASHION_MNIST).describe();
        assertTrue(layers.contains("conv16@3x3-maxpool2-conv32@3x3-maxpool2-10"), layers);
        assertTrue(BenchmarkScale.of(Profile.FULL).describe().startsWith("MLP 784-256-256-10, 20 epochs"));
        assertInstanceOf(MlpSpec.class, NetworkForm.PLAIN.build(BenchmarkScale.of(Profile.QUICK)));
    }

    @Test
    void aFormWithoutAConvolutionalNetworkIsRefusedWithItsReason() {
        BenchmarkScale s = BenchmarkScale.of(Profile.QUICK, Architecture.CNN);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> NetworkForm.DECORRELATED.build(s));
        assertTrue(x.getMessage().contains("no convolutional form"), x.getMessage());
        assertThrows(IllegalStateException.class, s::sizes, "the CNN has no MLP sizes");
    }

    @Test
    void hiddenWidthsMustFitTheArchitecture() {
        BenchmarkScale quick = BenchmarkScale.of(Profile.QUICK);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> quick.toBuilder().hidden(List.of()).build());
        assertTrue(none.getMessage().contains("at least one hidden layer"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> quick.toBuilder().hidden(List.of(64, 0)).build());
        IllegalArgumentException cnn = assertThrows(IllegalArgumentException.class,
                () -> quick.toBuilder().architecture(Architecture.CNN).build());
        assertTrue(cnn.getMessage().contains("the CNN's layers are fixed"), cnn.getMessage());
        assertThrows(IllegalArgumentException.class, () -> quick.toBuilder().architecture(null).build());
    }

    @Test
    void architecturesAreNamedAsOnTheCommandLine() {
        assertEquals(Architecture.CNN, Architecture.of(" CNN "));
        assertEquals(Architecture.MLP, Architecture.of("mlp"));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> Architecture.of("resnet"));
        assertTrue(x.getMessage().contains("give mlp or cnn"), x.getMessage());
    }
}
