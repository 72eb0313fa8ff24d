package org.creditlab.papers.dfc;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers Meulemans et al. (NeurIPS 2021) report, as data: Table 1 (mean ± std over 5 seeds). Test errors are in
 * percent; the autoencoder column is the test loss in units of 10⁻²; the last column the training loss after 100
 * epochs (absolute).
 *
 * <p>Every Table 1 number is {@link Status#UNVERIFIED}: the project's notes (shared/papers/dfc.md, §3) copied them from
 * a markdown copy of the submission's main text and ask for a check against the camera-ready, and no copy of the table
 * could be read to do it ({@link #TABLE1_SOURCE} says where we looked). They are shown beside ours with the tag
 * [unverified], and no verdict should rest on a difference smaller than the doubt.
 */
public final class DfcReported {
    private DfcReported() {}

    /** How a reported number is known. */
    public enum Status {
        /** Read in the paper (or the authors' saved results), with the place named. */
        VERIFIED,
        /** Recalled or copied from a secondary copy, not checked against the paper; shown with the tag [unverified]. */
        UNVERIFIED
    }

    /** Where Table 1's numbers come from, and what was done to check them. */
    public static final String TABLE1_SOURCE = "notes §3 (shared/papers/dfc.md), copied from a markdown copy of the "
            + "submission's main text; not checked against the camera-ready: the reference repository "
            + "(meulemansalex/deep_feedback_control, configs and README) and its successor (mariacer/strong_dfc) hold no "
            + "results, and no stored copy of the paper's Table 1 could be read";

    /**
     * A reported mean ± std.
     *
     * @param status how far it can be trusted
     */
    public record Reported(double mean, double std, Status status) {
        @Override
        public String toString() {
            return tagged(String.format(Locale.ROOT, "%.3g ± %.2g", mean, std));
        }

        /** {@code text} (this number as formatted by the caller) with " [unverified]" appended when it is. */
        public String tagged(String text) {
            return status == Status.UNVERIFIED ? text + " [unverified]" : text;
        }

        public boolean verified() {
            return status == Status.VERIFIED;
        }
    }

    private static final Map<Method, Map<String, Reported>> TABLE1 = new EnumMap<>(Method.class);

    static {
        row(Method.BP, 2.08, 0.15, 10.60, 0.34, 9.42, 0.09, 1.53e-7, 0.19e-7);
        row(Method.DFC, 2.25, 0.094, 11.17, 0.27, 11.28, 0.18, 7.61e-8, 0.65e-8);
        row(Method.DFC_SSA, 2.18, 0.16, 11.28, 0.27, 11.27, 0.09, 4.89e-8, 1.26e-8);
        row(Method.DFC_SS, 2.29, 0.097, 11.15, 0.32, 11.21, 0.04, 4.80e-8, 0.70e-8);
        row(Method.DFC_FIXED, 2.47, 0.12, 11.62, 0.30, 33.37, 0.60, 1.30e-6, 0.15e-6);
        row(Method.DFC_SSA_FIXED, 2.46, 0.11, 11.44, 0.14, 31.90, 0.77, 1.73e-6, 0.39e-6);
        row(Method.DFC_SS_FIXED, 2.39, 0.22, 11.55, 0.42, 32.31, 0.37, 1.67e-6, 0.70e-6);
        row(Method.DFA, 2.69, 0.11, 11.38, 0.25, 29.95, 0.36, 7.09e-7, 1.11e-7);
    }

    /** One row of Table 1: mean and std of each column of {@link DfcPresets#DATASETS}, in turn. */
    private static void row(Method method, double... v) {
        Map<String, Reported> row = new LinkedHashMap<>();
        for (int c = 0; c < DfcPresets.DATASETS.size(); c++) {
            row.put(DfcPresets.DATASETS.get(c), new Reported(v[2 * c], v[2 * c + 1], Status.UNVERIFIED));
        }
        TABLE1.put(method, row);
    }

    /**
     * Table 1's entry for {@code dataset} (mnist, fmnist, mnist-autoencoder, mnist-train) and {@code method}: test error
     * in %, autoencoder test loss in 10⁻², or training loss.
     */
    public static Reported table1(String dataset, Method method) {
        Reported r = TABLE1.get(method).get(dataset);
        if (r == null) {
            throw new IllegalArgumentException("Table 1 has columns " + DfcPresets.DATASETS + ", not '" + dataset + "'");
        }
        return r;
    }
}
