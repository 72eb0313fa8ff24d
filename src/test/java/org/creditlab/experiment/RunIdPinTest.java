package org.creditlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Run ids of stored experiments do not move. Each file under {@code pinned-runs/} is the {@code config.json} of a run
 * stored by the notebooks (copied from results/, named by its run id; the DFC one written by the code of the same
 * commit), covering every rule family, MLPs, CNNs and decorrelated networks: read back, it must hash to the same run
 * id and write the same text. A failure here means that stored runs would be retrained; if the change of meaning is
 * intended, it needs a versioned migration.
 */
class RunIdPinTest {

    static Stream<Path> pinned() throws IOException, URISyntaxException {
        Path dir = Path.of(RunIdPinTest.class.getResource("pinned-runs").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("pinned")
    void storedConfigurationKeepsItsRunId(Path config) throws IOException {
        String json = Files.readString(config).strip();
        Experiment e = Experiment.fromJson(json);
        assertEquals(config.getFileName().toString().replace(".json", ""), e.runId());
        assertEquals(json, e.toJson());
    }
}
