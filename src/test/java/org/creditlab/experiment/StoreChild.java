package org.creditlab.experiment;

import java.nio.file.Path;
import org.creditlab.results.RunStore;

/**
 * A separate JVM that runs {@link TestData#small} against a store, for the tests that crash or race processes:
 * {@code StoreChild <results-root> <experiment-name>}. It prints {@code loaded=<true|false> epochs=<n>}.
 */
public final class StoreChild {
    private StoreChild() {}

    public static void main(String[] args) {
        RunResult r = Runner.standard().quiet().store(new RunStore(Path.of(args[0]))).run(TestData.small(args[1]));
        System.out.println("loaded=" + r.loaded() + " epochs=" + r.metrics().epochs());
    }
}
