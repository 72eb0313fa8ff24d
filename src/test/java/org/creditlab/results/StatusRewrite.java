package org.creditlab.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** For tests of stale runs: rewrites a run's committed status as other code would have written it, still sealed. */
public final class StatusRewrite {
    private StatusRewrite() {}

    public static void provenance(Path folder, UnaryOperator<Provenance> change) throws Exception {
        Path f = folder.resolve(RunFolder.STATUS);
        RunStatus s = Json.read(Files.readString(f), RunStatus.class);
        RunStatus o = RunStatus.commit(s.state(), s.epochsDone(), s.message(), s.runId(), s.checkpoint(),
                s.checkpointSha256(), s.metricsSha256(), s.configSha256(), change.apply(s.provenance()), s.analyses());
        Files.writeString(f, Json.write(o) + "\n");
    }
}
