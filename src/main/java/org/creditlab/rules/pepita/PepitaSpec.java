package org.creditlab.rules.pepita;

import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;

/**
 * PEPITA's settings. The defaults are those of the ICML 2022 code for fully connected networks (GiorgiaD/PEPITA,
 * {@code main.py} and the CIFAR-10 tutorial); {@link #followUp()} gives the ICLR 2024 code's (ravifrancesco/PEPITA).
 * The optimizer (momentum SGD, ×0.1 at epochs 60 and 90, weight decay) belongs to the experiment, not to the rule.
 *
 * @param projectionScale s: F ~ U(±s·√(6/d)) (the code's "Bstd"; 0.05). The error-sign variant of the code uses 0.1·s
 * @param projection      F drawn once ({@link ProjectionKind#UNIFORM}) or as a product of per-layer factors
 *                        ({@link ProjectionKind#PRODUCT}, needed for weight mirroring)
 * @param signal          what is projected: the error e, or its sign (the code's "ERINsign")
 * @param modulationSign  x + F·e (ICML) or x − F·e (ICLR)
 * @param mode            which activities enter the update (original PEPITA, forward, Hebbian, time-local)
 * @param lastLayerError  the error in the output layer's update: the modulated pass's (ICML FC code) or the first
 *                        pass's (ICLR and ICML conv code)
 * @param maskTwice       multiply the hidden difference h − h_err by the dropout mask again, as the numpy code does
 *                        (its kept units learn (1/0.9)² rather than 1/0.9 times faster); default false, as the
 *                        PyTorch tutorial, which reproduces the paper's CIFAR-10 number, and the ICLR code
 * @param mirroring       when the factors of F are trained by weight mirroring (needs the product form)
 */
public record PepitaSpec(double projectionScale, ProjectionKind projection, ErrorSignal signal,
                         ModulationSign modulationSign, UpdateMode mode, LastLayerError lastLayerError,
                         boolean maskTwice, MirrorSchedule mirroring) implements RuleSpec {

    /** How F is drawn. */
    public enum ProjectionKind {
        /** F ~ U(±s·√(6/d)), d × C, fixed (the ICML code; the ICLR code's "uniform"). */
        UNIFORM,
        /** F = B₁B₂⋯B_L with B_ℓ ~ N(0, σ²), σ = (s·√(2/d)/√(Π hidden sizes))^{1/L} (the ICLR code's "normal"). */
        PRODUCT
    }

    /** What the modulation projects. */
    public enum ErrorSignal { ERROR, SIGN }

    /** The sign of the modulation x ± F·e. */
    public enum ModulationSign {
        PLUS(1), MINUS(-1);

        private final int factor;

        ModulationSign(int factor) {
            this.factor = factor;
        }

        public int factor() {
            return factor;
        }
    }

    /** Which pass's error the output layer learns from. */
    public enum LastLayerError { MODULATED, CLEAN }

    public PepitaSpec {
        if (!(projectionScale > 0) || Double.isInfinite(projectionScale)) {
            throw new IllegalArgumentException("PEPITA's projection scale must be finite and > 0, got " + projectionScale);
        }
        projection = projection == null ? ProjectionKind.UNIFORM : projection;
        signal = signal == null ? ErrorSignal.ERROR : signal;
        modulationSign = modulationSign == null ? ModulationSign.PLUS : modulationSign;
        mode = mode == null ? UpdateMode.MODULATED : mode;
        lastLayerError = lastLayerError == null ? LastLayerError.MODULATED : lastLayerError;
        mirroring = mirroring == null ? MirrorSchedule.never() : mirroring;
        if (mirroring.ever() && projection != ProjectionKind.PRODUCT) {
            throw new IllegalArgumentException("weight mirroring trains the factors of F: it needs projection PRODUCT");
        }
    }

    /** The ICML 2022 code's settings: s = 0.05, uniform F, x + F·e, the modulated pass's error in the last layer. */
    public PepitaSpec() {
        this(0.05, ProjectionKind.UNIFORM, ErrorSignal.ERROR, ModulationSign.PLUS, UpdateMode.MODULATED,
                LastLayerError.MODULATED, false, MirrorSchedule.never());
    }

    /**
     * The ICLR 2024 code's original-PEPITA settings (its README: {@code -bi uniform}): x − F·e and the first pass's
     * error in the last layer; weight decay, normalisation and mirroring are added by the experiment.
     */
    public static PepitaSpec followUp() {
        return new PepitaSpec().withModulationSign(ModulationSign.MINUS).withLastLayerError(LastLayerError.CLEAN);
    }

    public PepitaSpec withProjectionScale(double s) { return new PepitaSpec(s, projection, signal, modulationSign, mode, lastLayerError, maskTwice, mirroring); }
    public PepitaSpec withProjection(ProjectionKind p) { return new PepitaSpec(projectionScale, p, signal, modulationSign, mode, lastLayerError, maskTwice, mirroring); }
    public PepitaSpec withSignal(ErrorSignal e) { return new PepitaSpec(projectionScale, projection, e, modulationSign, mode, lastLayerError, maskTwice, mirroring); }
    public PepitaSpec withModulationSign(ModulationSign m) { return new PepitaSpec(projectionScale, projection, signal, m, mode, lastLayerError, maskTwice, mirroring); }
    public PepitaSpec withMode(UpdateMode m) { return new PepitaSpec(projectionScale, projection, signal, modulationSign, m, lastLayerError, maskTwice, mirroring); }
    public PepitaSpec withLastLayerError(LastLayerError e) { return new PepitaSpec(projectionScale, projection, signal, modulationSign, mode, e, maskTwice, mirroring); }
    public PepitaSpec withMaskTwice(boolean t) { return new PepitaSpec(projectionScale, projection, signal, modulationSign, mode, lastLayerError, t, mirroring); }

    /** Weight mirroring on this schedule, with F in product form. */
    public PepitaSpec withMirroring(MirrorSchedule m) { return new PepitaSpec(projectionScale, ProjectionKind.PRODUCT, signal, modulationSign, mode, lastLayerError, maskTwice, m); }

    @Override
    public LearningRule create(Network network, long seed) {
        return new Pepita(network, this, seed);
    }
}
