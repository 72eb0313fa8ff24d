package org.creditlab.papers.dfc;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.creditlab.rules.dfc.DfcSpec;

/**
 * The methods of the DFC paper's comparison, in the order of Table 1's rows: backprop, the three DFC variants with
 * trained feedback, the same with the feedback fixed to the weight product ("fixed"), and DFA. The key names a method
 * in {@code dfc-presets.json} ("fmnist/dfc-ssa"), in stored results' tables and on the command line
 * ({@code bench-dfc --methods bp,dfc-ssa}).
 */
public enum Method {
    BP("bp", "BP", null, false),
    DFC("dfc", "DFC", DfcSpec.Variant.DFC, true),
    DFC_SSA("dfc-ssa", "DFC-SSA", DfcSpec.Variant.DFC_SSA, true),
    DFC_SS("dfc-ss", "DFC-SS", DfcSpec.Variant.DFC_SS, true),
    DFC_FIXED("dfc-fixed", "DFC (fixed)", DfcSpec.Variant.DFC, false),
    DFC_SSA_FIXED("dfc-ssa-fixed", "DFC-SSA (fixed)", DfcSpec.Variant.DFC_SSA, false),
    DFC_SS_FIXED("dfc-ss-fixed", "DFC-SS (fixed)", DfcSpec.Variant.DFC_SS, false),
    DFA("dfa", "DFA", null, false);

    private final String key;
    private final String label;
    private final DfcSpec.Variant variant;
    private final boolean trainedFeedback;

    Method(String key, String label, DfcSpec.Variant variant, boolean trainedFeedback) {
        this.key = key;
        this.label = label;
        this.variant = variant;
        this.trainedFeedback = trainedFeedback;
    }

    /** The method named {@code key} ("dfc-ssa-fixed"); the error names every key. */
    public static Method of(String key) {
        for (Method m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown DFC method '" + key + "'; known: " + keys());
    }

    /** Every key, comma-separated, in Table 1's order. */
    public static String keys() {
        return Arrays.stream(values()).map(Method::key).collect(Collectors.joining(", "));
    }

    /** The name in {@code dfc-presets.json} and on the command line, e.g. "dfc-ssa-fixed". */
    public String key() {
        return key;
    }

    /** The paper's name, in tables and legends, e.g. "DFC-SSA (fixed)". */
    public String label() {
        return label;
    }

    /** Whether this is a DFC variant (not backprop or DFA). */
    public boolean isDfc() {
        return variant != null;
    }

    /** The DFC variant (how the controller's update is computed); only for {@link #isDfc()} methods. */
    public DfcSpec.Variant variant() {
        if (variant == null) {
            throw new IllegalStateException(label + " is not a DFC variant");
        }
        return variant;
    }

    /** Whether this is a DFC variant whose feedback Q is trained (not fixed to the weight product). */
    public boolean trainedFeedback() {
        return trainedFeedback;
    }

    /** The same variant with fixed feedback, e.g. DFC_SSA → DFC_SSA_FIXED; only for trained-feedback methods. */
    public Method fixed() {
        if (!trainedFeedback) {
            throw new IllegalStateException(label + " has no fixed-feedback counterpart");
        }
        return Arrays.stream(values()).filter(m -> m.isDfc() && m.variant == variant && !m.trainedFeedback).findFirst()
                .orElseThrow();
    }
}
