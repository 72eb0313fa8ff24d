package org.creditlab.papers.copi;

/**
 * The methods of the authors' run script ({@code _run.sh}): the four of the paper's performance figure, in its order
 * and colours, and COPI (BP) with the "bio" decorrelation rule, which the script also runs but the authors' notebook
 * does not plot.
 */
public enum Method {
    BP_ADAM("BP (Adam)", "bp_adam"),
    BP_DECORRELATION("BP (decorrelation)", "bp_decorr_boosted"),
    COPI_BP("COPI (BP)", "copi_bp_boosted"),
    COPI_FA("COPI (FA)", "copi_fa_boosted"),
    /** ΔR = −η·R·C instead of −η·C·R ({@code bio_decorr: True}). */
    COPI_BIO_BP("COPI (BP), bio decorrelation", "copi_bio_bp_boosted");

    private final String label;
    private final String config;

    Method(String label, String config) {
        this.label = label;
        this.config = config;
    }

    /** The paper's legend label (ours for the bio rule, which has no legend). */
    public String label() {
        return label;
    }

    /** The reference code's configuration file, {@code configs/<dataset>/<config>.yml}. */
    public String config() {
        return config;
    }
}
