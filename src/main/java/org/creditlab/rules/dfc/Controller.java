package org.creditlab.rules.dfc;

/**
 * The constants of one simulation of the controlled network (Meulemans et al. 2021, eq. 1-4, discretised as in the
 * reference code's {@code DFCNetwork.controller}). Time is measured in units of τ_u.
 *
 * <pre>
 *   e[k] = r_L* − r_L[k]
 *   u^int[k+1] = u^int[k] + dt (e[k] − α u[k]);   u[k+1] = u^int[k+1] + k_p e[k]     (the leak acts on the total u)
 *   v_i^A[k+1] = v_i^A[k] + dt/τ_A (−v_i^A[k] + Q_i u[k or k+1]) + σ √dt/τ_A ξ
 *   v_i[k+1]   = v_i[k] + dt/τ_v (−v_i[k] + W_i r_{i−1}[k+1 or k] + b_i + v_i^A[k+1]);   r_i = φ_i(v_i)
 * </pre>
 *
 * @param alpha           leak α of the controller (at steady state e = α u)
 * @param kp              proportional gain k_p ≥ 0 (0: integral control only)
 * @param dt              Euler step, in units of τ_u
 * @param steps           number of time points T (T−1 Euler steps; the reference code's {@code tmax})
 * @param tauRatio        τ_v/τ_u; clamped to at least dt as in the code (see {@link #tauV()})
 * @param apicalTau       τ_A of the apical compartment; 0 means τ_A = dt, i.e. v^A = Q u instantly (the forward phase)
 * @param proactive       the apical compartment sees u[k+1] instead of u[k] (the code's {@code proactive_controller})
 * @param instantaneous   layer i at step k+1 sees r_{i−1}[k+1] (the code's {@code inst_transmission}); otherwise
 *                        r_{i−1}[k]
 * @param sigma           std of the noise in the apical compartments of the hidden layers (0: noiseless)
 * @param sigmaOutput     std of the noise in the output layer's apical compartment
 */
public record Controller(double alpha, double kp, double dt, int steps, double tauRatio, double apicalTau,
                         boolean proactive, boolean instantaneous, double sigma, double sigmaOutput) {

    public Controller {
        if (!(alpha >= 0) || !(kp >= 0)) {
            throw new IllegalArgumentException("the leak α and the gain k_p must be >= 0, got " + alpha + ", " + kp);
        }
        if (!(dt > 0) || steps < 2) {
            throw new IllegalArgumentException("a simulation needs dt > 0 and at least 2 time points, got dt=" + dt
                    + ", steps=" + steps);
        }
        if (!(tauRatio > 0) || !(apicalTau >= 0)) {
            throw new IllegalArgumentException("time constants must be positive (apicalTau 0 for instantaneous), got τv/τu="
                    + tauRatio + ", τA=" + apicalTau);
        }
        if (!(sigma >= 0) || !(sigmaOutput >= 0)) {
            throw new IllegalArgumentException("noise levels must be >= 0, got " + sigma + ", " + sigmaOutput);
        }
    }

    /** A noiseless forward-phase controller with instantaneous apical compartments and transmission. */
    public static Controller of(double alpha, double kp, double dt, int steps, double tauRatio, boolean proactive) {
        return new Controller(alpha, kp, dt, steps, tauRatio, 0, proactive, true, 0, 0);
    }

    /** τ_v/τ_u as simulated: never below dt (the code's clamp; forward Euler overshoots otherwise). */
    public double tauV() {
        return Math.max(tauRatio, dt);
    }

    /** τ_A as simulated: dt when {@link #apicalTau()} is 0. */
    public double tauA() {
        return apicalTau == 0 ? dt : apicalTau;
    }

    /** Whether noise enters the apical compartments. */
    public boolean noisy() {
        return sigma > 0 || sigmaOutput > 0;
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code controller.toBuilder().alpha(0.01).kp(2).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private double alpha;
        private double kp;
        private double dt;
        private int steps;
        private double tauRatio;
        private double apicalTau;
        private boolean proactive;
        private boolean instantaneous;
        private double sigma;
        private double sigmaOutput;

        private Builder(Controller s) {
            alpha = s.alpha;
            kp = s.kp;
            dt = s.dt;
            steps = s.steps;
            tauRatio = s.tauRatio;
            apicalTau = s.apicalTau;
            proactive = s.proactive;
            instantaneous = s.instantaneous;
            sigma = s.sigma;
            sigmaOutput = s.sigmaOutput;
        }

        public Builder alpha(double value) { alpha = value; return this; }
        public Builder kp(double value) { kp = value; return this; }
        public Builder dt(double value) { dt = value; return this; }
        public Builder steps(int value) { steps = value; return this; }
        public Builder tauRatio(double value) { tauRatio = value; return this; }
        public Builder apicalTau(double value) { apicalTau = value; return this; }
        public Builder proactive(boolean value) { proactive = value; return this; }
        public Builder instantaneous(boolean value) { instantaneous = value; return this; }
        public Builder sigma(double value) { sigma = value; return this; }
        public Builder sigmaOutput(double value) { sigmaOutput = value; return this; }

        public Controller build() {
            return new Controller(alpha, kp, dt, steps, tauRatio, apicalTau, proactive, instantaneous, sigma,
                    sigmaOutput);
        }
    }
}
