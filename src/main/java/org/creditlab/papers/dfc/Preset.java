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

    public Preset withTraining(TrainingOptions t) { return new Preset(label, network, rule, optimizers, t); }
    public Preset withNetwork(NetworkSpec n) { return new Preset(label, n, rule, optimizers, training); }
    public Preset withRule(RuleSpec r) { return new Preset(label, network, r, optimizers, training); }
    public Preset withEpochs(int epochs) { return withTraining(training.withEpochs(epochs)); }

    /** The same preset with one group's optimizer replaced. */
    public Preset withOptimizer(String group, OptimizerSpec o) {
        Map<String, OptimizerSpec> m = new TreeMap<>(optimizers);
        m.put(group, o);
        return new Preset(label, network, rule, m, training);
    }
}
