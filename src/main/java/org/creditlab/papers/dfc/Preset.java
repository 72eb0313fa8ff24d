package org.creditlab.papers.dfc;

import java.util.Map;
import java.util.TreeMap;
import org.creditlab.data.DataSpec;
import org.creditlab.experiment.Experiment;
import org.creditlab.nn.NetworkSpec;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.rules.RuleSpec;
import org.creditlab.train.TrainingOptions;

/**
 * One run's configuration without its data and seed: the network, the rule, the optimizer of each parameter group
 * ("default" for the forward weights, "feedback" and "feedback_init" for DFC's Q) and the training loop.
 *
 * @param label the paper's name of the method, e.g. "DFC-SSA (fixed)"
 */
public record Preset(String label, NetworkSpec network, RuleSpec rule, Map<String, OptimizerSpec> optimizers,
                     TrainingOptions training) {

    public Preset {
        optimizers = new TreeMap<>(optimizers);
    }

    /** A stored experiment on a dataset CreditLab loads itself. */
    public Experiment experiment(String name, DataSpec data, long seed) {
        return new Experiment(name, data, network, rule, optimizers, training, seed);
    }

    /** A builder that starts from this preset, to change some of its parts by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets a preset's parts by name, e.g. {@code DfcPresets.figure3("dfc").toBuilder().epochs(20).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private String label;
        private NetworkSpec network;
        private RuleSpec rule;
        private final Map<String, OptimizerSpec> optimizers;
        private TrainingOptions training;

        private Builder(Preset p) {
            label = p.label;
            network = p.network;
            rule = p.rule;
            optimizers = new TreeMap<>(p.optimizers);
            training = p.training;
        }

        public Builder label(String value) { label = value; return this; }
        public Builder network(NetworkSpec value) { network = value; return this; }
        public Builder rule(RuleSpec value) { rule = value; return this; }
        public Builder training(TrainingOptions value) { training = value; return this; }

        /** The training loop's epochs, its other options kept. */
        public Builder epochs(int value) {
            training = training.toBuilder().epochs(value).build();
            return this;
        }

        /** The optimizer of one parameter group; the other groups keep theirs. */
        public Builder optimizer(String group, OptimizerSpec o) {
            optimizers.put(group, o);
            return this;
        }

        public Preset build() {
            return new Preset(label, network, rule, optimizers, training);
        }
    }
}
