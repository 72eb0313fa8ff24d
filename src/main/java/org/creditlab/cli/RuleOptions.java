package org.creditlab.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.creditlab.results.Json;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.Rules;

/**
 * {@code --rule-option} overrides applied to a rule's defaults, through the rule's JSON form:
 *
 * <ul>
 *   <li>{@code key=value} sets a setting; a value in braces or brackets is JSON and is merged into the setting's
 *       defaults, so {@code feedback='{"init":"HE_NORMAL"}'} changes FA's initialiser and nothing else;</li>
 *   <li>{@code a.b.c=value} reaches into a group of settings, e.g. {@code feedback.init.kind=HE_NORMAL} or DFC's
 *       {@code sleep.sigma=0.01}.</li>
 * </ul>
 *
 * Every refusal names the option as typed, the setting (by its dotted path) and what it accepts: the enum's values,
 * a number, a group's settings.
 */
final class RuleOptions {
    private final String rule;
    private final Rules.Entry entry;
    private final ObjectMapper json = Json.mapper();
    /** The options as typed, by key. */
    private final Map<String, String> given = new LinkedHashMap<>();

    RuleOptions(String rule, Rules.Entry entry) {
        this.rule = rule;
        this.entry = entry;
    }

    /**
     * Every setting of the rule at its default, as JSON. Some settings leave their default out of a run's JSON, so that
     * the run ids of earlier runs do not move (DFC's convergence test and sleep precision); they are put back here, so
     * that {@code --rule-option} can set them and {@code rules} lists them.
     */
    static ObjectNode defaults(Rules.Entry entry) {
        ObjectMapper json = Json.mapper();
        RuleSpec spec = entry.defaults().get();
        ObjectNode tree = json.valueToTree(spec);
        RecordComponent[] components = spec.getClass().getRecordComponents();
        for (RecordComponent c : components == null ? new RecordComponent[0] : components) {
            // only a setting that the JSON form left out at its value; one that Jackson ignores stays out
            if (tree.has(c.getName()) || c.isAnnotationPresent(JsonIgnore.class) || !c.getAccessor().trySetAccessible()) {
                continue;
            }
            try {
                tree.set(c.getName(), json.valueToTree(c.getAccessor().invoke(spec)));
            } catch (ReflectiveOperationException | IllegalArgumentException x) {
                // a setting this cannot read is left out, as the JSON form leaves it: --rule-option then names it unknown
            }
        }
        return tree;
    }

    /** The rule's defaults with {@code options} applied, validated by its record. */
    RuleSpec apply(List<String> options) {
        ObjectNode tree = defaults(entry);
        for (String kv : options) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--rule-option expects key=value, got '" + kv + "'; e.g. --rule-option "
                        + example());
            }
            String key = kv.substring(0, eq);
            String value = kv.substring(eq + 1);
            if (key.equals("rule")) { // the JSON type name, which would swap the settings class under the rule
                throw new IllegalArgumentException("--rule-option " + kv + ": choose the rule with --rule, not as a setting");
            }
            if (value.isEmpty()) { // Jackson would read "" as 0 or false
                throw new IllegalArgumentException("--rule-option " + kv + ": no value; give " + key + "=<value>");
            }
            String before = given.put(key, value);
            if (before != null) {
                throw new IllegalArgumentException("--rule-option " + key + " is given twice (" + before + " and " + value
                        + "); give each setting once");
            }
            set(tree, key, parse(kv, value));
        }
        try {
            return json.treeToValue(tree, entry.spec());
        } catch (JsonProcessingException | IllegalArgumentException x) {
            throw new IllegalArgumentException(explain(x), x);
        }
    }

    /** A setting that exists in the defaults, e.g. "projectionScale=0.05" for PEPITA; for the help and errors. */
    private String example() {
        ObjectNode d = defaults(entry);
        d.remove("rule");
        Iterator<Map.Entry<String, JsonNode>> it = d.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isValueNode()) {
                return f.getKey() + "=" + f.getValue().asText();
            }
        }
        return "<setting>=<value>";
    }

    private JsonNode parse(String kv, String value) {
        String v = value.strip();
        if (!v.startsWith("{") && !v.startsWith("[")) {
            return TextNode.valueOf(value); // Jackson reads numbers, booleans and enum names from text
        }
        try {
            return json.readTree(v);
        } catch (JsonProcessingException x) {
            throw new IllegalArgumentException("--rule-option " + kv + ": not valid JSON (" + x.getOriginalMessage()
                    + "); quote the value for the shell, e.g. --rule-option 'feedback={\"init\":\"HE_NORMAL\"}'", x);
        }
    }

    /** Puts {@code value} at the dotted {@code key}, merging a JSON object into the group it replaces. */
    private void set(ObjectNode tree, String key, JsonNode value) {
        String[] path = key.split("\\.", -1);
        ObjectNode at = tree;
        for (int i = 0; i < path.length; i++) {
            String name = path[i];
            String dotted = String.join(".", Arrays.copyOf(path, i + 1));
            JsonNode old = at.get(name);
            if (old == null || (i == 0 && name.equals("rule"))) {
                throw new IllegalArgumentException("--rule-option " + key + "=" + given.get(key) + ": rule '" + rule
                        + "' has no setting '" + dotted + "'; " + settings(at, i == 0 ? null : String.join(".", Arrays.copyOf(path, i))));
            }
            if (i == path.length - 1) {
                at.set(name, old.isObject() && value.isObject() ? merged((ObjectNode) old.deepCopy(), (ObjectNode) value) : value);
            } else if (old.isObject()) {
                at = (ObjectNode) old;
            } else {
                throw new IllegalArgumentException("--rule-option " + key + "=" + given.get(key) + ": '" + dotted
                        + "' of rule '" + rule + "' is a single value (" + old + "), not a group of settings; give " + dotted + "=<value>");
            }
        }
    }

    private static ObjectNode merged(ObjectNode base, ObjectNode over) {
        over.fields().forEachRemaining(f -> {
            JsonNode old = base.get(f.getKey());
            base.set(f.getKey(), old != null && old.isObject() && f.getValue().isObject()
                    ? merged((ObjectNode) old.deepCopy(), (ObjectNode) f.getValue()) : f.getValue());
        });
        return base;
    }

    private static String settings(ObjectNode group, String name) {
        List<String> names = new ArrayList<>();
        group.fieldNames().forEachRemaining(n -> {
            if (name != null || !n.equals("rule")) {
                names.add(n);
            }
        });
        String whose = name == null ? "its settings" : "the settings of '" + name + "'";
        return names.isEmpty() ? (name == null ? "it has no settings" : "'" + name + "' has no settings") : whose + " are " + names;
    }

    /** Jackson's failure, told as which --rule-option is wrong and what that setting accepts. */
    private String explain(Exception x) {
        if (x instanceof UnrecognizedPropertyException u) {
            String group = dotted(u, u.getPath().size() - 1);
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return option(dotted(u, u.getPath().size())) + ": rule '" + rule + "' has no setting '" + dotted(u, u.getPath().size())
                    + "'; the settings of '" + group + "' are " + known;
        }
        if (x instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String path = dotted(m, m.getPath().size());
            return option(path) + ": " + accepted(path, m.getTargetType());
        }
        // The rule's own checks (a value out of range, settings that do not go together) reach us wrapped by Jackson.
        Throwable why = x instanceof ValueInstantiationException v && v.getCause() != null ? v.getCause() : x;
        String message = why instanceof JsonProcessingException j ? j.getOriginalMessage() : why.getMessage();
        String options = given.entrySet().stream().map(o -> "--rule-option " + o.getKey() + "=" + o.getValue())
                .collect(Collectors.joining(" "));
        return options + ": rule '" + rule + "' refuses " + (given.size() == 1 ? "this setting" : "these settings") + ": " + message;
    }

    /** The first {@code n} names of the exception's path, dotted. */
    private static String dotted(JsonMappingException x, int n) {
        return x.getPath().subList(0, n).stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** The options as typed that set {@code path} or a group holding it. */
    private String option(String path) {
        String hit = given.entrySet().stream()
                .filter(o -> path.equals(o.getKey()) || path.startsWith(o.getKey() + ".") || o.getKey().startsWith(path + "."))
                .map(o -> "--rule-option " + o.getKey() + "=" + o.getValue()).collect(Collectors.joining(" "));
        return hit.isEmpty() ? "--rule-option " + path : hit;
    }

    private String accepted(String key, Class<?> type) {
        String needs = "rule '" + rule + "' needs ";
        if (type == null) {
            return needs + "another value for '" + key + "'";
        }
        if (type.isEnum()) {
            return needs + "one of " + Arrays.toString(type.getEnumConstants()) + " for '" + key + "'";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return needs + "a number for '" + key + "'";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return needs + "a whole number for '" + key + "'";
        }
        if (type == boolean.class || type == Boolean.class) {
            return needs + "true or false for '" + key + "'";
        }
        if (type == String.class) {
            return needs + "a text for '" + key + "'";
        }
        return "'" + key + "' is a group of settings (" + type.getSimpleName() + "): give it as JSON, which is merged into its"
                + " defaults, e.g. --rule-option '" + key + "=" + defaultsOf(key) + "', or one setting in it as " + key
                + ".<setting>=<value>";
    }

    /** The default JSON of the group at {@code key}, compact. */
    private String defaultsOf(String key) {
        JsonNode n = json.valueToTree(entry.defaults().get());
        for (String name : key.split("\\.")) {
            n = n == null ? null : n.get(name);
        }
        return n == null ? "{...}" : n.toString();
    }
}
