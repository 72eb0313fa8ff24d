package org.creditlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.creditlab.nn.Network;
import org.creditlab.nn.Parameter;
import org.creditlab.optim.Optimizers;
import org.creditlab.rules.LearningRule;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The arrays a checkpoint holds, by name: network parameters and buffers, the rule's own state, optimizer state. */
final class RunState {
    private RunState() {}

    /** Live arrays of the network and rule (optimizer state excluded: it may not exist yet). */
    static Map<String, INDArray> model(Network net, LearningRule rule) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        net.parameters().forEach(p -> m.put("network/" + p.name(), p.value()));
        net.buffers().forEach((k, v) -> m.put("network-buffer/" + k, v));
        rule.parameters().forEach(p -> m.put("rule/" + p.name(), p.value()));
        rule.buffers().forEach((k, v) -> m.put("rule-buffer/" + k, v));
        return m;
    }

    static Map<String, INDArray> all(Network net, LearningRule rule, Optimizers optimizers) {
        Map<String, INDArray> m = model(net, rule);
        optimizers.state().forEach((k, v) -> m.put("optimizer/" + k, v));
        return m;
    }

    static Map<String, INDArray> optimizerPart(Map<String, INDArray> saved) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        saved.forEach((k, v) -> {
            if (k.startsWith("optimizer/")) {
                out.put(k.substring("optimizer/".length()), v);
            }
        });
        return out;
    }

    static List<Parameter> parameters(Network net, LearningRule rule) {
        List<Parameter> ps = new ArrayList<>(net.parameters());
        ps.addAll(rule.parameters());
        return ps;
    }
}
