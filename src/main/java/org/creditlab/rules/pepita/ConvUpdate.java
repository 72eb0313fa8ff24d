package org.creditlab.rules.pepita;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.creditlab.nn.Conv2d;
import org.creditlab.nn.WeightLayer;

/**
 * How PEPITA's update of a convolution is signed and scaled. The update is the filter gradient of the two passes'
 * difference over the modulated input's patches, ΔW = (1/N) Σ_n Σ_positions (h − h^err)[n, :, r, c] ⊗ patch_{r,c}
 * (x + F·e)[n] (a weight-gradient convolution, {@link Conv2d#feedbackGradient}), which is what the dense update
 * (h − h^err)(x + F·e)ᵀ/N becomes when the weights are shared across positions. This record rescales it.
 *
 * <p>The ICML 2022 conv code ({@code main_pytorch.py}, {@code compute_delta_w_conv}) differs from its dense update in
 * three ways, which the notes flag as doubtful: it <em>adds</em> η·ΔW to the kernel where the dense layers subtract it
 * (the opposite sign), it averages over the P output positions instead of summing (or divides by √P with
 * {@code --sqrt_conv}), and it divides its batch mean by N once more when it applies it. {@link #authors()} reproduces
 * all three; the default, {@link #standard()}, is the update above with the dense layers' conventions.
 *
 * @param sign       DESCENT (W moves against ΔW, as dense layers; default) or ASCENT (the ICML conv code's sign)
 * @param positions  the sum over output positions (SUM, default), its mean (MEAN, the code) or ÷√P (SQRT)
 * @param batchTwice divide by the batch size N a second time, as the ICML conv code (default false)
 */
public record ConvUpdate(Sign sign, Positions positions, boolean batchTwice) {

    /** The direction the optimizer moves a kernel against: +ΔW (as dense layers) or −ΔW (the ICML conv code). */
    public enum Sign {
        DESCENT(1), ASCENT(-1);

        private final int factor;

        Sign(int factor) {
            this.factor = factor;
        }
    }

    /** How the sum over a convolution's P output positions is normalised. */
    public enum Positions {
        SUM {
            @Override
            double divisor(long p) {
                return 1;
            }
        },
        MEAN {
            @Override
            double divisor(long p) {
                return p;
            }
        },
        SQRT {
            @Override
            double divisor(long p) {
                return Math.sqrt(p);
            }
        };

        abstract double divisor(long p);
    }

    public ConvUpdate {
        sign = sign == null ? Sign.DESCENT : sign;
        positions = positions == null ? Positions.SUM : positions;
    }

    /** The weight-gradient convolution with the dense layers' sign and 1/N (the default). */
    public static ConvUpdate standard() {
        return new ConvUpdate(Sign.DESCENT, Positions.SUM, false);
    }

    /** The ICML 2022 conv code: opposite sign, mean over positions, batch size divided out twice. */
    public static ConvUpdate authors() {
        return new ConvUpdate(Sign.ASCENT, Positions.MEAN, true);
    }

    @JsonIgnore
    public boolean isStandard() {
        return equals(standard());
    }

    /** What multiplies the standard update of {@code layer} (1 for layers that are not convolutions). */
    double factor(WeightLayer layer, double batchSize) {
        if (!(layer instanceof Conv2d)) {
            return 1;
        }
        long[] out = layer.outputShape();
        return sign.factor / positions.divisor(out[1] * out[2]) / (batchTwice ? batchSize : 1);
    }
}
