package org.creditlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.results.Json;
import org.creditlab.train.TrainingOptions;
import org.creditlab.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class AugmentationTest {

    @Test
    void cropsAndFlipsFollowTheDrawsOfTheStepStream() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Rng.of(1).uniform(type, 0.5, 1, 6, 2, 5, 4);
            Augmentation a = Augmentation.cropAndFlip(2);
            INDArray out = a.apply(x, Rng.of(7));
            // the same draws, in the documented order: row offset, column offset, flip, per example
            Rng draws = Rng.of(7);
            for (int n = 0; n < 6; n++) {
                int dy = draws.nextInt(5) - 2;
                int dx = draws.nextInt(5) - 2;
                boolean flip = draws.nextInt(2) == 1;
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < 5; i++) {
                        for (int j = 0; j < 4; j++) {
                            int y = i + dy;
                            int col = (flip ? 3 - j : j) + dx;
                            double expected = y < 0 || col < 0 || y >= 5 || col >= 4 ? 0 : x.getDouble(n, c, y, col);
                            assertEquals(expected, out.getDouble(n, c, i, j), 0, type + " example " + n);
                        }
                    }
                }
            }
            assertEquals(out, a.apply(x, Rng.of(7)), "the same stream gives the same batch");
            assertNotEquals(out, a.apply(x, Rng.of(8)));
        }
    }

    @Test
    void flipsOnlyMirrorAndNoneIsTheIdentity() {
        INDArray x = Rng.of(2).normal(DataType.FLOAT, 0, 1, 20, 1, 3, 3);
        INDArray out = new Augmentation(0, true).apply(x, Rng.of(3));
        int flipped = 0;
        for (int n = 0; n < 20; n++) {
            INDArray mirrored = x.slice(n).dup();
            for (int j = 0; j < 3; j++) {
                mirrored.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(j)).assign(x.slice(n).get(
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(2 - j)));
            }
            boolean same = out.slice(n).equals(x.slice(n));
            boolean mirror = out.slice(n).equals(mirrored);
            assertTrue(same || mirror, "example " + n + " is the image or its mirror");
            flipped += mirror ? 1 : 0;
        }
        assertTrue(flipped > 3 && flipped < 17, "about half are flipped: " + flipped);
        assertSame(x, Augmentation.none().apply(x, Rng.of(4)));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.cropAndFlip(4).apply(x.reshape(20, 9), Rng.of(4)));
    }

    @Test
    void trainingOptionsOmitNoAugmentationFromTheirJson() {
        TrainingOptions plain = TrainingOptions.of(2, 64);
        String json = Json.write(plain);
        assertTrue(!json.contains("augmentation"), "configurations without augmentation keep their JSON, so their run ids");
        assertEquals(plain, Json.read(json, TrainingOptions.class));
        TrainingOptions augmented = plain.toBuilder().augmentation(Augmentation.cropAndFlip(4)).build();
        assertEquals(augmented, Json.read(Json.write(augmented), TrainingOptions.class));
        assertEquals(Augmentation.cropAndFlip(4), augmented.toBuilder().epochs(3).build().augmentation());
    }
}
