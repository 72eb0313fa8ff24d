package org.creditlab.papers.copi;

/** The four methods of the COPI paper's performance figure, in its order and colours. */
public enum Method {
    BP_ADAM("BP (Adam)"),
    BP_DECORRELATION("BP (decorrelation)"),
    COPI_BP("COPI (BP)"),
    COPI_FA("COPI (FA)");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** The paper's legend label. */
    public String label() {
        return label;
    }
}
