package org.creditlab.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.creditlab.data.DataSpec;
import org.creditlab.diagnostics.Analyses;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.optim.Optimizers;
import org.creditlab.results.Json;
import org.creditlab.rules.RuleSpec;
import org.creditlab.train.TrainingOptions;

/**
 * Everything that determines a training run: data, network, rule, optimizers, loop options and seed. Immutable and
 * serialisable; its canonical JSON (minus the name) hashes to the run id, so the same configuration always finds the
 * same stored run and a changed one never does.
 *
 * @param name       the experiment, i.e. the folder under {@code results/} (letters, digits, '.', '_' and '-', not
 *                   starting with '.')
 * @param optimizers  optimizer per parameter group; "default" serves groups without one
 * @param diagnostics the measurements the run records besides its metrics ({@link Diagnostics}); left out of the
 *                    JSON when empty, so that the run ids of experiments without them stay what they were
 * @param analyses    what the run keeps about its trained network, measured when training ends ({@link Analyses});
 *                    left out of the JSON when empty, like the diagnostics
 */
public record Experiment(String name, DataSpec data, NetworkSpec network, RuleSpec rule,
                         Map<String, OptimizerSpec> optimizers, TrainingOptions training, long seed,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> diagnostics,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> analyses) {

    public Experiment {
        // The name is a folder under results/: "." and ".." would write outside it, and a leading '.' hides it.
        if (name == null || !name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("experiment name " + (name == null ? "null" : "'" + name + "'")
                    + " (--experiment, Experiment.name) cannot name a folder under results/: use letters, digits, '.', '_'"
                    + " and '-', not starting with '.', e.g. 'fmnist-bp'");
        }
        if (data == null || network == null || rule == null || training == null) {
            throw new IllegalArgumentException("an experiment needs data, network, rule and training options");
        }
        optimizers = new TreeMap<>(optimizers);
        if (!optimizers.containsKey(Optimizers.DEFAULT)) {
            throw new IllegalArgumentException("an experiment needs a '" + Optimizers.DEFAULT + "' optimizer");
        }
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
        diagnostics.forEach(Diagnostics::check);
        analyses = analyses == null ? List.of() : List.copyOf(analyses);
        analyses.forEach(Analyses::check);
        if (analyses.stream().distinct().count() < analyses.size()) {
            throw new IllegalArgumentException("an experiment names each analysis once, got " + analyses);
        }
    }

    public Experiment(String name, DataSpec data, NetworkSpec network, RuleSpec rule,
                      Map<String, OptimizerSpec> optimizers, TrainingOptions training, long seed) {
        this(name, data, network, rule, optimizers, training, seed, List.of(), List.of());
    }

    public static Experiment of(String name, DataSpec data, NetworkSpec network, RuleSpec rule, OptimizerSpec optimizer,
                                TrainingOptions training, long seed) {
        return new Experiment(name, data, network, rule, Map.of(Optimizers.DEFAULT, optimizer), training, seed);
    }

    /** The same experiment with another seed (the one setting sweeps vary). */
    public Experiment withSeed(long s) {
        return toBuilder().seed(s).build();
    }

    /** The same configuration under another name (the name is not part of the run id). */
    public Experiment withName(String n) {
        return toBuilder().name(n).build();
    }

    /** A builder that starts from this experiment, to change some of its settings by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets an experiment's parts by name, e.g. {@code e.toBuilder().rule(new BackpropSpec()).optimizer("feedback",
     * OptimizerSpec.sgd(0.01)).build()}; {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private String name;
        private DataSpec data;
        private NetworkSpec network;
        private RuleSpec rule;
        private final Map<String, OptimizerSpec> optimizers;
        private TrainingOptions training;
        private long seed;
        private final List<String> diagnostics;
        private final List<String> analyses;

        private Builder(Experiment e) {
            name = e.name;
            data = e.data;
            network = e.network;
            rule = e.rule;
            optimizers = new TreeMap<>(e.optimizers);
            training = e.training;
            seed = e.seed;
            diagnostics = new ArrayList<>(e.diagnostics);
            analyses = new ArrayList<>(e.analyses);
        }

        public Builder name(String value) { name = value; return this; }
        public Builder data(DataSpec value) { data = value; return this; }
        public Builder network(NetworkSpec value) { network = value; return this; }
        public Builder rule(RuleSpec value) { rule = value; return this; }
        public Builder training(TrainingOptions value) { training = value; return this; }
        public Builder seed(long value) { seed = value; return this; }

        /** The optimizer of the "default" group. */
        public Builder optimizer(OptimizerSpec o) {
            return optimizer(Optimizers.DEFAULT, o);
        }

        /** The optimizer of one parameter group; the other groups keep theirs. */
        public Builder optimizer(String group, OptimizerSpec o) {
            optimizers.put(group, o);
            return this;
        }

        /** These diagnostics too, e.g. {@code addDiagnostics("update-alignment:256")}; one named already stays once. */
        public Builder addDiagnostics(String... specs) {
            for (String spec : specs) {
                if (!diagnostics.contains(spec)) {
                    diagnostics.add(spec);
                }
            }
            return this;
        }

        /**
         * These analyses of the trained network too ({@link Analyses}), e.g. {@code addAnalyses("copi-compression")};
         * one named already stays once.
         */
        public Builder addAnalyses(String... names) {
            for (String n : names) {
                if (!analyses.contains(n)) {
                    analyses.add(n);
                }
            }
            return this;
        }

        public Experiment build() {
            return new Experiment(name, data, network, rule, optimizers, training, seed, diagnostics, analyses);
        }
    }

    public OptimizerSpec optimizer() {
        return optimizers.get(Optimizers.DEFAULT);
    }

    /** The rule's name, e.g. "bp" or "wm". */
    public String ruleName() {
        return rule.ruleName();
    }

    /** e.g. "bp-s1-3f9a0c2d1e": rule, seed and a hash of the whole configuration except the name. */
    public String runId() {
        return ruleName() + "-s" + seed + "-" + hash().substring(0, 10);
    }

    /** Trains this experiment, or loads it if it is stored already (see {@link Runner#standard()}). */
    public RunResult run() {
        return Runner.standard().run(this);
    }

    /** The full configuration as canonical JSON. */
    public String toJson() {
        return Json.write(this);
    }

    public static Experiment fromJson(String json) {
        return Json.read(json, Experiment.class);
    }

    private String hash() {
        String identity = Json.write(withName("_"));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
