package org.creditlab.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.creditlab.experiment.Experiment;
import org.creditlab.optim.OptimizerSpec;
import org.creditlab.results.Json;
import org.creditlab.rules.RuleSpec;
import org.creditlab.sweep.Trial;

/**
 * What the benchmark's random search draws for one rule: its learning rate, and at most two metaparameters of its
 * own, each log-uniform in a declared range. A metaparameter is either a setting of the rule (a dotted path into its
 * JSON form, as {@code --rule-option} takes) or the learning rate of one of its parameter groups (learned feedback B,
 * COPI's decorrelation R). Every rule gets the same number of trials whatever its dimensions, so the budget is equal.
 *
 * @param learningRate the forward weights' learning rate (the "default" optimizer group)
 * @param extra        the rule's own metaparameters, at most {@link #MAX_EXTRA}
 */
public record SearchSpace(Range learningRate, List<Dimension> extra) {
    /** The declared metaparameters besides the learning rate: "one or two key ones", to keep budgets comparable. */
    public static final int MAX_EXTRA = 2;
    /** The name of the learning rate's dimension in trial tables. */
    public static final String LEARNING_RATE = "lr";

    /** A log-uniform range [low, high]. */
    public record Range(double low, double high) {
        public Range {
            if (!(low > 0 && high >= low) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("a log-uniform range needs 0 < low <= high < ∞, got [" + low + ", " + high + "]");
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[%.3g, %.3g]", low, high);
        }
    }

    /**
     * One metaparameter: {@code name} in the trial table, the range, and what it sets: {@code setting} (a dotted path
     * into the rule's JSON, e.g. "projectionScale") or, when {@code group} is not null, that optimizer group's
     * learning rate.
     */
    public record Dimension(String name, Range range, String setting, String group) {
        public Dimension {
            if (name == null || name.isBlank() || name.equals(LEARNING_RATE)) {
                throw new IllegalArgumentException("a search dimension needs a name other than '" + LEARNING_RATE + "', got " + name);
            }
            if ((setting == null) == (group == null)) {
                throw new IllegalArgumentException("search dimension '" + name + "' sets either a rule setting or an optimizer group's learning rate");
            }
        }

        /** A setting of the rule, by its dotted path in the rule's JSON, e.g. "projectionScale" or "forward.alpha". */
        public static Dimension setting(String path, double low, double high) {
            return setting(path, path, low, high);
        }

        /** A setting of the rule called {@code name} in trial tables, e.g. "amp" for "alignment.terms.1.coefficient". */
        public static Dimension setting(String name, String path, double low, double high) {
            return new Dimension(name, new Range(low, high), path, null);
        }

        /** The learning rate of the rule's parameter group {@code group}, e.g. "feedback". */
        public static Dimension groupRate(String group, double low, double high) {
            return new Dimension("lr_" + group, new Range(low, high), null, group);
        }

        @Override
        public String toString() {
            return name + " " + range;
        }
    }

    public SearchSpace {
        extra = List.copyOf(extra);
        if (learningRate == null) {
            throw new IllegalArgumentException("a search space needs a learning-rate range");
        }
        if (extra.size() > MAX_EXTRA) {
            throw new IllegalArgumentException("a rule declares at most " + MAX_EXTRA + " metaparameters besides the learning rate, got " + extra);
        }
        if (extra.stream().map(Dimension::name).distinct().count() < extra.size()) {
            throw new IllegalArgumentException("search dimensions need distinct names, got " + extra);
        }
    }

    /** The learning rate alone. */
    public static SearchSpace learningRate(double low, double high) {
        return new SearchSpace(new Range(low, high), List.of());
    }

    /** This space with one more metaparameter. */
    public SearchSpace and(Dimension d) {
        List<Dimension> more = new ArrayList<>(extra);
        more.add(d);
        return new SearchSpace(learningRate, more);
    }

    /**
     * {@code base} with the trial's draws: the default optimizer's learning rate, each group's, each setting. The
     * group optimizers are the default one with their own rate.
     */
    public Experiment apply(Experiment base, Trial t) {
        OptimizerSpec forward = base.optimizer();
        Experiment.Builder b = base.toBuilder().optimizer(forward.toBuilder()
                .learningRate(t.logUniform(LEARNING_RATE, learningRate.low(), learningRate.high())).build());
        RuleSpec rule = base.rule();
        for (Dimension d : extra) {
            double v = t.logUniform(d.name(), d.range().low(), d.range().high());
            if (d.group() != null) {
                b.optimizer(d.group(), forward.toBuilder().learningRate(v).build());
            } else {
                rule = withSetting(rule, d.setting(), v);
            }
        }
        return b.rule(rule).build();
    }

    /**
     * {@code spec} with the number at the dotted {@code path} of its JSON replaced by {@code value}; a list's element is
     * named by its index, e.g. "alignment.terms.1.coefficient".
     */
    static RuleSpec withSetting(RuleSpec spec, String path, double value) {
        ObjectNode tree = Json.mapper().valueToTree(spec);
        JsonNode at = tree;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length; i++) {
            JsonNode next = child(at, names[i]);
            boolean last = i == names.length - 1;
            if (next == null || names[i].equals("rule") || (last ? !next.isNumber() : !next.isContainerNode())) {
                throw new IllegalArgumentException("the benchmark's search space of rule '" + spec.ruleName() + "' names the setting '"
                        + path + "', but " + (next == null ? "the rule has no '" + names[i] + "'" : "'" + names[i] + "' is "
                        + (last ? "not a number" : "not a group of settings")) + " (its settings: " + tree + ")");
            }
            if (last && next.isIntegralNumber()) {
                // Jackson would truncate a drawn 3.7 to 3 without a word: the search draws real numbers only
                throw new IllegalArgumentException("the benchmark's search space of rule '" + spec.ruleName() + "' names the setting '"
                        + path + "', a whole number (" + next + "), but its search draws real numbers log-uniformly; search a "
                        + "real-valued setting, or give this one a fixed value");
            }
            if (!last) {
                at = next;
            } else if (at instanceof ArrayNode list) {
                list.set(Integer.parseInt(names[i]), DoubleNode.valueOf(value));
            } else {
                ((ObjectNode) at).set(names[i], DoubleNode.valueOf(value));
            }
        }
        try {
            return Json.mapper().treeToValue(tree, spec.getClass());
        } catch (JsonProcessingException | IllegalArgumentException x) {
            throw new IllegalArgumentException("rule '" + spec.ruleName() + "' refuses " + path + " = " + value + ": " + x.getMessage(), x);
        }
    }

    /** A field of an object, or an element of a list by its index; null if there is none. */
    private static JsonNode child(JsonNode container, String name) {
        if (container instanceof ArrayNode list) {
            return name.matches("\\d{1,9}") ? list.get(Integer.parseInt(name)) : null;
        }
        return container.get(name);
    }

    /** e.g. "lr [0.001, 0.3]; projectionScale [0.01, 0.2]". */
    public String describe() {
        StringBuilder s = new StringBuilder(LEARNING_RATE + " " + learningRate);
        extra.forEach(d -> s.append("; ").append(d));
        return s.toString();
    }
}
