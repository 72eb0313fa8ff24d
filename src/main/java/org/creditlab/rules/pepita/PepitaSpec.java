package org.creditlab.rules.pepita;

import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.creditlab.nn.Network;
import org.creditlab.rules.LearningRule;
import org.creditlab.rules.RuleSpec;
import org.creditlab.rules.RuleTraits;

/**
 * PEPITA's settings. The defaults are those of the ICML 2022 code for fully connected networks (GiorgiaD/PEPITA,
 * {@code main.py} and the CIFAR-10 tutorial); {@link #followUp()} gives the ICLR 2024 code's (ravifrancesco/PEPITA).
 * The optimizer (momentum SGD, ×0.1 at epochs 60 and 90, weight decay) belongs to the experiment, not to the rule.
 *
 * @param projectionScale s: F ~ U(±s·√(6/d)) (the code's "Bstd"; 0.05). The numpy code's error-sign variant uses
 *                        0.1·s; the rule does not apply that factor itself ({@code PepitaPresets.errorSign} does)
 * @param projection      F drawn once ({@link ProjectionKind#UNIFORM}) or as a product of per-layer factors
 *                        ({@link ProjectionKind#PRODUCT}, needed for weight mirroring)
 * @param signal          what is projected: the error e, or its sign (the code's "ERINsign")
 * @param modulationSign  x + F·e (ICML) or x − F·e (ICLR)
 * @param mode            which activities enter the update (original PEPITA, forward, Hebbian, time-local)
 * @param lastLayerError  the error in the output layer's update: the modulated pass's (ICML FC code) or the first
 *                        pass's (ICLR and ICML conv code)
 * @param maskTwice       multiply the hidden difference h − h_err by the dropout mask again, as the numpy code does
 *                        (its kept units learn (1/0.9)² rather than 1/0.9 times faster; the MNIST presets); default
 *                        false, as the PyTorch tutorial, which reproduces the paper's CIFAR-10 number, and the ICLR code
 * @param mirroring       when the factors of F are trained by weight mirroring (needs the product form)
 * @param conv            the sign and scaling of a convolution's update ({@link ConvUpdate}): the default is the
 *                        weight-gradient convolution with the dense layers' conventions; {@link ConvUpdate#authors()}
 *                        is the ICML conv code's (opposite sign, mean over positions, 1/N twice). Left out of the
 *                        JSON when it is the default, so configurations written before it existed keep their run ids
 */
public record PepitaSpec(double projectionScale, ProjectionKind projection, ErrorSignal signal,
                         ModulationSign modulationSign, UpdateMode mode, LastLayerError lastLayerError,
                         boolean maskTwice, MirrorSchedule mirroring,
                         @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = StandardConv.class)
                         ConvUpdate conv) implements RuleSpec {

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
        conv = conv == null ? ConvUpdate.standard() : conv;
        if (mirroring.ever() && projection != ProjectionKind.PRODUCT) {
            throw new IllegalArgumentException("weight mirroring trains the factors of F: it needs projection PRODUCT");
        }
    }

    /** The settings without {@link #conv()} (its default). */
    public PepitaSpec(double projectionScale, ProjectionKind projection, ErrorSignal signal, ModulationSign modulationSign,
                      UpdateMode mode, LastLayerError lastLayerError, boolean maskTwice, MirrorSchedule mirroring) {
        this(projectionScale, projection, signal, modulationSign, mode, lastLayerError, maskTwice, mirroring, null);
    }

    /** The ICML 2022 code's settings: s = 0.05, uniform F, x + F·e, the modulated pass's error in the last layer. */
    public PepitaSpec() {
        this(0.05, ProjectionKind.UNIFORM, ErrorSignal.ERROR, ModulationSign.PLUS, UpdateMode.MODULATED,
                LastLayerError.MODULATED, false, MirrorSchedule.never());
    }

    /**
     * The ICML 2022 conv code's settings ({@code main_pytorch.py} with {@code Net1conv1fcXL}): the first pass's error in
     * the output layer and the code's convolutional update ({@link ConvUpdate#authors()}).
     */
    public static PepitaSpec convolutional() {
        return new PepitaSpec().toBuilder().lastLayerError(LastLayerError.CLEAN).conv(ConvUpdate.authors()).build();
    }

    /**
     * The ICLR 2024 code's original-PEPITA settings (its README: {@code -bi uniform}): x − F·e and the first pass's
     * error in the last layer; weight decay, normalisation and mirroring are added by the experiment.
     */
    public static PepitaSpec followUp() {
        return new PepitaSpec().toBuilder().modulationSign(ModulationSign.MINUS).lastLayerError(LastLayerError.CLEAN)
                .build();
    }

    /** A builder that starts from these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets the fields by name, so that two settings of one type cannot be swapped unnoticed, e.g.
     * {@code new PepitaSpec().toBuilder().projectionScale(0.1).maskTwice(true).build()};
     * {@link #build()} checks them in the canonical constructor.
     */
    public static final class Builder {
        private double projectionScale;
        private ProjectionKind projection;
        private ErrorSignal signal;
        private ModulationSign modulationSign;
        private UpdateMode mode;
        private LastLayerError lastLayerError;
        private boolean maskTwice;
        private MirrorSchedule mirroring;
        private ConvUpdate conv;

        private Builder(PepitaSpec s) {
            projectionScale = s.projectionScale;
            projection = s.projection;
            signal = s.signal;
            modulationSign = s.modulationSign;
            mode = s.mode;
            lastLayerError = s.lastLayerError;
            maskTwice = s.maskTwice;
            mirroring = s.mirroring;
            conv = s.conv;
        }

        public Builder projectionScale(double value) { projectionScale = value; return this; }
        public Builder projection(ProjectionKind value) { projection = value; return this; }
        public Builder signal(ErrorSignal value) { signal = value; return this; }
        public Builder modulationSign(ModulationSign value) { modulationSign = value; return this; }
        public Builder mode(UpdateMode value) { mode = value; return this; }
        public Builder lastLayerError(LastLayerError value) { lastLayerError = value; return this; }
        public Builder maskTwice(boolean value) { maskTwice = value; return this; }
        /** Mirroring trains the factors of F, so it needs {@code projection(ProjectionKind.PRODUCT)} too. */
        public Builder mirroring(MirrorSchedule value) { mirroring = value; return this; }
        public Builder conv(ConvUpdate value) { conv = value; return this; }

        public PepitaSpec build() {
            return new PepitaSpec(projectionScale, projection, signal, modulationSign, mode, lastLayerError, maskTwice,
                    mirroring, conv);
        }
    }

    /** Leaves the default {@link ConvUpdate} out of the JSON (see {@link #conv()}). */
    static final class StandardConv {
        @Override
        public boolean equals(Object other) {
            return other == null || (other instanceof ConvUpdate c && c.isStandard());
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    @Override
    public Optional<RuleTraits> traits() {
        return Optional.of(RuleTraits.twoForwardPasses(RuleTraits.Transport.NONE, "input modulated by F·e"));
    }

    @Override
    public LearningRule create(Network network, long seed) {
        return new Pepita(network, this, seed);
    }
}
