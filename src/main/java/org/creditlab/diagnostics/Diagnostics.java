package org.creditlab.diagnostics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.creditlab.train.TrainingListener;

/**
 * Diagnostics by name, so that an {@link org.creditlab.experiment.Experiment} can say which measurements its run
 * records ({@code Experiment.Builder.addDiagnostics}). A diagnostic is a {@link TrainingListener} that adds columns to each
 * epoch's record. Naming it in the experiment, rather than attaching a listener object to a runner, does three
 * things: the columns are part of what the run id identifies (a run stored without them is not mistaken for one with
 * them); a run trained in another process (a worker, a SLURM task) records them too; and every run gets a fresh
 * listener, so runs can train side by side.
 *
 * <p>A spec is a name, or a name and a probe size: {@code "update-alignment:256"} measures on the first 256 training
 * examples. Built-in names are always known; {@link #register} adds one for the running process only (a notebook's
 * own diagnostic), and runs that use it train in that process.
 */
public final class Diagnostics {
    public static final String UPDATE_ALIGNMENT = "update-alignment";
    public static final String CORRELATION = "correlation";
    public static final String PROJECTION_ALIGNMENT = "projection-alignment";
    public static final String AFA_ALIGNMENT = "afa-alignment";
    public static final String CONTROLLER_CONVERGENCE = "controller-convergence";
    public static final String MEMORY = "memory";
    public static final String PHASE_TIME = "phase-time";

    /** A probe size of 0 means the diagnostic's own default. */
    private static final Map<String, IntFunction<TrainingListener>> BUILT_IN = Map.of(
            UPDATE_ALIGNMENT, probe -> probe == 0 ? new UpdateAlignment() : new UpdateAlignment(probe),
            CORRELATION, probe -> new CorrelationListener(probe == 0 ? 256 : probe),
            PROJECTION_ALIGNMENT, probe -> new ProjectionAlignment(),
            AFA_ALIGNMENT, probe -> probe == 0 ? new AfaAlignment() : new AfaAlignment(probe),
            CONTROLLER_CONVERGENCE, probe -> new ControllerConvergence(),
            MEMORY, probe -> new MemoryFootprint(),
            PHASE_TIME, probe -> new PhaseTime());
    private static final Map<String, IntFunction<TrainingListener>> REGISTERED = new ConcurrentHashMap<>();

    private Diagnostics() {}

    /** The spec string for {@code name} measured on the first {@code probe} training examples. */
    public static String spec(String name, int probe) {
        if (probe <= 0) {
            throw new IllegalArgumentException("a diagnostic's probe size must be positive, got " + probe + " for " + name);
        }
        return name + ":" + probe;
    }

    /**
     * Adds a diagnostic for this process. Runs naming it train in this process: another process would not know it.
     *
     * @param create builds a fresh listener for one run, given the probe size of the spec (0 when it names none)
     */
    public static void register(String name, IntFunction<TrainingListener> create) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("diagnostic name '" + name + "': use lower-case letters, digits and '-'");
        }
        if (BUILT_IN.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is a built-in diagnostic; choose another name");
        }
        REGISTERED.put(name, create);
    }

    /** A fresh listener for one run. */
    public static TrainingListener create(String spec) {
        return factory(spec).apply(probe(spec));
    }

    /** Throws, naming the spec and the known names, unless {@code spec} names a known diagnostic. */
    public static void check(String spec) {
        factory(spec);
        probe(spec);
    }

    /** Whether a fresh process knows {@code spec} without a {@link #register} call. */
    public static boolean isBuiltIn(String spec) {
        return BUILT_IN.containsKey(name(spec));
    }

    private static IntFunction<TrainingListener> factory(String spec) {
        String name = name(spec);
        IntFunction<TrainingListener> f = BUILT_IN.getOrDefault(name, REGISTERED.get(name));
        if (f == null) {
            Map<String, Object> known = new TreeMap<>(BUILT_IN);
            known.putAll(REGISTERED);
            throw new IllegalArgumentException("unknown diagnostic '" + spec + "'; known: " + String.join(", ", known.keySet())
                    + " (optionally with ':<probe size>'); a notebook's own one needs Diagnostics.register first");
        }
        return f;
    }

    private static String name(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }

    private static int probe(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return 0;
        }
        try {
            int p = Integer.parseInt(spec.substring(colon + 1));
            if (p > 0) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("diagnostic '" + spec + "': the part after ':' must be a positive probe size, e.g. '"
                + name(spec) + ":256'");
    }
}
