package org.creditlab.rules.dfc;

/**
 * Which samples of a simulated mini-batch count as converged, and so contribute to the update unless
 * {@link DfcSpec#includeNonConverged()}. Both tests require the controlled output to have settled, ‖r_L − (r_L* −
 * α u)‖ / ‖r_L^-‖ &lt; 1e-5; they differ in the error criterion ‖e(T)‖ &lt; ε²·(start error).
 */
public enum ConvergenceTest {
    /** Each sample's end error against its own start error ‖r_L*_b − r_L^-_b‖ (the paper's criterion; the default). */
    PER_SAMPLE,
    /**
     * The reference code's efficient controller ({@code DFCNetwork.controller_efficient}, used by its DFC-SS runs):
     * its start error is {@code dist(output_target, r_target[-1][0, :])}, sample b's target against sample 0's
     * feedforward output, ‖r_L*_b − r_L^-_0‖. Exact for sample 0; for the others the threshold has nothing to do with
     * their own start, so a sample can pass or fail on another sample's distance. For comparisons with the published
     * runs only.
     */
    REFERENCE_CODE
}
