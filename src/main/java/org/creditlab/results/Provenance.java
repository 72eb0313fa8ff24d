package org.creditlab.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What produced a stored run. The first three fields are versions of the code that can change the numbers: a run
 * whose versions differ from the current code's is <em>stale</em>. The rest describe the build and machine: they can
 * change the last bits (the BLAS and thread count round differently) but not the algorithm.
 *
 * @param format      the run folder's storage format ({@link RunFolder#FORMAT})
 * @param core        the version of the shared training code: loop, layers, optimizers, data pipeline
 * @param ruleVersion the version of the rule's algorithm ({@code RuleSpec.algorithmVersion()})
 * @param rule        the rule's name
 * @param project     the project's version
 * @param commit      the git commit of the code ("+dirty" if it had uncommitted changes), or "unknown"
 * @param threads     the BLAS thread count
 * @param blas        the BLAS library and the kernels it chose
 * @param ruleCode    a fingerprint of the code of a rule written outside the project ({@code RuleCode}), or null: the
 *                    project's rules, and runs stored before it was recorded (left out of the JSON then, so that
 *                    their sealed files still verify)
 */
public record Provenance(int format, int core, int ruleVersion, String rule, String project, String commit,
                         int threads, String blas, @JsonInclude(JsonInclude.Include.NON_NULL) String ruleCode) {

    /** The differences in code versions, e.g. "rule 'kp' version 1 (stored) vs 2 (now)"; empty if none. */
    public List<String> codeDifferences(Provenance now) {
        List<String> d = new ArrayList<>();
        if (format != now.format) {
            d.add("storage format " + format + " (stored) vs " + now.format + " (now)");
        }
        if (core != now.core) {
            d.add("core training code version " + core + " (stored) vs " + now.core + " (now)");
        }
        if (ruleVersion != now.ruleVersion) {
            d.add("rule '" + now.rule + "' version " + ruleVersion + " (stored) vs " + now.ruleVersion + " (now)");
        }
        if (ruleCode != null && now.ruleCode != null && !ruleCode.equals(now.ruleCode)) {
            d.add("rule '" + now.rule + "' code " + ruleCode + " (stored) vs " + now.ruleCode + " (now): its classes changed");
        }
        return d;
    }

    /** Build and machine differences that may change the last bits: threads and BLAS (the commit changes too often). */
    public List<String> bitDifferences(Provenance now) {
        List<String> d = new ArrayList<>();
        if (threads != now.threads) {
            d.add(threads + " BLAS thread(s) (stored) vs " + now.threads + " (now)");
        }
        if (!Objects.equals(blas, now.blas)) {
            d.add("BLAS '" + blas + "' (stored) vs '" + now.blas + "' (now)");
        }
        return d;
    }

    /** e.g. "core 1, rule bp v1, 0.1.0-SNAPSHOT 1bfc7df, 1 thread". */
    public String describe() {
        return "core " + core + ", rule " + rule + " v" + ruleVersion + ", " + project + " " + commit + ", "
                + threads + (threads == 1 ? " thread" : " threads");
    }
}
