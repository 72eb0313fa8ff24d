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

    public Controller withSteps(int t) { return new Controller(alpha, kp, dt, t, tauRatio, apicalTau, proactive, instantaneous, sigma, sigmaOutput); }
    public Controller withDt(double d) { return new Controller(alpha, kp, d, steps, tauRatio, apicalTau, proactive, instantaneous, sigma, sigmaOutput); }
    public Controller withAlpha(double a) { return new Controller(a, kp, dt, steps, tauRatio, apicalTau, proactive, instantaneous, sigma, sigmaOutput); }
    public Controller withKp(double k) { return new Controller(alpha, k, dt, steps, tauRatio, apicalTau, proactive, instantaneous, sigma, sigmaOutput); }
    public Controller withNoise(double s, double sOut) { return new Controller(alpha, kp, dt, steps, tauRatio, apicalTau, proactive, instantaneous, s, sOut); }
    public Controller withApicalTau(double t) { return new Controller(alpha, kp, dt, steps, tauRatio, t, proactive, instantaneous, sigma, sigmaOutput); }
    public Controller withProactive(boolean p) { return new Controller(alpha, kp, dt, steps, tauRatio, apicalTau, p, instantaneous, sigma, sigmaOutput); }
    public Controller withInstantaneous(boolean i) { return new Controller(alpha, kp, dt, steps, tauRatio, apicalTau, proactive, i, sigma, sigmaOutput); }
}
