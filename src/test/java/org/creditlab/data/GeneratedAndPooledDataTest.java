package org.creditlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.results.Json;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synthetic, pooled and autoencoder data are {@link DataSpec}s: serialisable descriptions from which the data are
 * regenerated, never the arrays; and a spec without them writes the JSON it always wrote.
 */
class GeneratedAndPooledDataTest {

    private static DataSpec task(long seed) {
        return DataSpec.of(StudentTeacher.of(15, 5, List.of(50, 50), 100, 20, 30, seed));
    }

    @Test
    void aStudentTeacherSpecRegeneratesTheSameDataFromItsFieldsAfterAJsonRoundTrip() {
        DataSpec spec = task(7);
        String json = Json.write(spec);
        assertTrue(json.contains("\"student-teacher\"") && json.length() < 2000, "fields, not arrays: " + json);
        DataSpec back = Json.read(json, DataSpec.class);
        assertEquals(spec, back);
        DataSplits a = Datasets.load(spec);
        Datasets.clearCache();
        DataSplits b = Datasets.load(back);
        assertEquals(a.train().features(), b.train().features());
        assertEquals(a.train().targets(), b.train().targets());
        assertEquals(a.test().targets(), b.test().targets());
        assertEquals(List.of(100, 20, 30), List.of(a.train().size(), a.validation().size(), a.test().size()));
        assertEquals(5, a.train().targets().columns());
        INDArray x = a.train().features();
        assertTrue(x.maxNumber().doubleValue() <= 1 && x.minNumber().doubleValue() >= -1, "inputs in [-1, 1]");
        assertTrue(a.train().targets().stdNumber().doubleValue() > 0);
        assertNotEquals(a.train().features(), Datasets.load(task(8)).train().features(), "another seed, other data");
    }

    @Test
    void theReferenceTeacherIsTheCodesReluNetworkWithGainThree() {
        StudentTeacher t = StudentTeacher.reference(15, 5, 1000, 0, 500, 42);
        assertEquals(List.of(1000, 1000, 1000, 1000), ((org.creditlab.nn.MlpSpec) t.teacher()).hidden());
        assertEquals("relu", ((org.creditlab.nn.MlpSpec) t.teacher()).activation().label());
        assertEquals(3.0, ((org.creditlab.nn.MlpSpec) t.teacher()).weightInit().scale());
        assertNull(Datasets.load(DataSpec.of(StudentTeacher.of(15, 1, List.of(8), 10, 0, 5, 1))).validation());
    }

    @Test
    void syntheticDataRefusesTheOptionsOfFileDatasets() {
        assertThrows(IllegalArgumentException.class, () -> task(1).toBuilder().trainLimit(10).build());
        assertThrows(IllegalArgumentException.class, () -> task(1).toBuilder().standardize(true).build());
        assertThrows(IllegalArgumentException.class, () -> task(1).toBuilder().autoencoder(true).build());
        assertThrows(IllegalArgumentException.class, () -> DataSpec.of(DatasetName.MNIST).toBuilder().pool(1).build());
    }

    @Test
    void poolingAveragesBlocksOfEachChannel() {
        int n = 2;
        float[] px = new float[n * 2 * 8 * 8];
        for (int i = 0; i < px.length; i++) {
            px[i] = i % 97;
        }
        Dataset d = new Dataset("t", Nd4j.create(px, new long[] {n, 128}, 'c'), new int[n], 10, List.of(), new long[] {2, 8, 8}, null);
        Dataset pooled = d.averagePooled(4);
        assertEquals(List.of(2L, 2L, 2L), List.of(pooled.exampleShape()[0], pooled.exampleShape()[1], pooled.exampleShape()[2]));
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < 2; c++) {
                for (int br = 0; br < 2; br++) {
                    for (int bc = 0; bc < 2; bc++) {
                        double sum = 0;
                        for (int r = 0; r < 4; r++) {
                            for (int col = 0; col < 4; col++) {
                                sum += px[s * 128 + c * 64 + (br * 4 + r) * 8 + bc * 4 + col];
                            }
                        }
                        assertEquals(sum / 16, pooled.features().getDouble(s, c * 4 + br * 2 + bc), 1e-4);
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> d.averagePooled(3));
        assertThrows(IllegalArgumentException.class, () -> d.flattened().averagePooled(2));
    }

    @Test
    void aPooledAutoencoderSpecLoadsImagesPooledAndAsTheirOwnTargets() {
        DataSpec plain = DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(200).testLimit(100).download(false).build();
        DataSpec spec = plain.toBuilder().pool(4).autoencoder(true).build();
        assertEquals(spec, Json.read(Json.write(spec), DataSpec.class));
        DataSplits full = Datasets.load(plain);
        DataSplits pooled = Datasets.load(spec);
        assertEquals(49, pooled.train().featureCount());
        assertEquals(pooled.train().features(), pooled.train().targets(), "each image is its own target");
        assertEquals(pooled.test().features(), pooled.test().targets());
        double block = 0;
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                block += full.train().features().getDouble(3, r * 28 + 4 + c);
            }
        }
        assertEquals(block / 16, pooled.train().features().getDouble(3, 1), 1e-6, "row 0, column 1 of image 3");
        assertEquals(full.train().features(), Datasets.load(plain.toBuilder().autoencoder(true).build()).train().targets());
    }

    @Test
    void aSpecWithoutTheNewOptionsWritesTheJsonItAlwaysWrote() {
        String json = Json.write(DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().trainLimit(10).build());
        for (String key : List.of("pool", "autoencoder", "synthetic")) {
            assertFalse(json.contains("\"" + key + "\""), key + " is left out when unset: " + json);
        }
        assertTrue(Json.write(DataSpec.of(DatasetName.FASHION_MNIST).toBuilder().pool(4).autoencoder(true).build())
                .matches("(?s).*\"autoencoder\" : true.*\"pool\" : 4.*"));
    }
}
