package org.creditlab.diagnostics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Analyses by name, so that an {@link org.creditlab.experiment.Experiment} can say what its run keeps about the trained
 * network ({@code Experiment.Builder.addAnalyses}). An analysis is measured once, when training ends
 * ({@link AnalysisListener}), and stored beside the run's metrics ({@code analyses/<name>.json}), so a figure that
 * needs the trained network can be drawn from a run record, which keeps no weights. Naming it in the experiment, like
 * a diagnostic, makes it part of the run id and lets a worker process or cluster task make it too.
 *
 * <p>Built-in names are always known; {@link #register} adds one for the running process only (a notebook's own
 * analysis), and runs that use it train in that process.
 */
public final class Analyses {
    /** COPI's decorrelated input R₁x of the first training images (the paper's Fig. 3A). */
    public static final String COPI_DECORRELATED_INPUT = "copi-decorrelated-input";
    /** COPI's linear-readout receptive fields of layer-2 units (Fig. 3B). */
    public static final String COPI_RECEPTIVE_FIELDS = "copi-receptive-fields";
    /** COPI's network compression with both readouts (Fig. 3C). */
    public static final String COPI_COMPRESSION = "copi-compression";
    /** DFC's controller at work on one sample of the trained network (Fig. 1D): a {@link ControllerTrace}. */
    public static final String DFC_CONTROLLER_TRACE = "dfc-controller-trace";

    private static final Map<String, Supplier<Analysis>> BUILT_IN = Map.of(
            COPI_DECORRELATED_INPUT, CopiAnalyses::decorrelatedInput,
            COPI_RECEPTIVE_FIELDS, CopiAnalyses::receptiveFields,
            COPI_COMPRESSION, CopiAnalyses::compression,
            DFC_CONTROLLER_TRACE, DfcAnalyses::controllerTrace);
    private static final Map<String, Supplier<Analysis>> REGISTERED = new ConcurrentHashMap<>();

    private Analyses() {}

    /**
     * Adds an analysis for this process. Runs naming it train in this process: another process would not know it.
     * The name is also a file name ({@code analyses/<name>.json}).
     */
    public static void register(String name, Supplier<Analysis> create) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("analysis name '" + name + "': use lower-case letters, digits and '-'");
        }
        if (BUILT_IN.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is a built-in analysis; choose another name");
        }
        REGISTERED.put(name, create);
    }

    /** A fresh analysis. */
    public static Analysis create(String name) {
        return factory(name).get();
    }

    /** Throws, naming the analysis and the known names, unless {@code name} is known. */
    public static void check(String name) {
        factory(name);
    }

    /** Whether a fresh process knows {@code name} without a {@link #register} call. */
    public static boolean isBuiltIn(String name) {
        return BUILT_IN.containsKey(name);
    }

    private static Supplier<Analysis> factory(String name) {
        Supplier<Analysis> f = name == null ? null : BUILT_IN.getOrDefault(name, REGISTERED.get(name));
        if (f == null) {
            Map<String, Object> known = new TreeMap<>(BUILT_IN);
            known.putAll(REGISTERED);
            throw new IllegalArgumentException("unknown analysis '" + name + "'; known: " + String.join(", ", known.keySet())
                    + "; a notebook's own one needs Analyses.register first");
        }
        return f;
    }
}
