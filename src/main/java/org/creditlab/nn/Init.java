package org.creditlab.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Locale;
import org.creditlab.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight initialisers used by the papers, each with an explicit scale factor that multiplies the bound (uniform) or
 * the standard deviation (normal).
 *
 * <ul>
 *   <li>He/Kaiming uniform: U(±scale·√(6/fan_in)) &mdash; PEPITA's W and, with scale 0.05, its projection F.</li>
 *   <li>He/Kaiming normal: N(0, (scale·√(2/fan_in))²).</li>
 *   <li>Xavier/Glorot uniform: U(±scale·√(6/(fan_in+fan_out))).</li>
 *   <li>Xavier/Glorot normal: N(0, (scale·√(2/(fan_in+fan_out)))²) &mdash; COPI and DFC.</li>
 *   <li>PyTorch's default for nn.Linear: U(±scale/√fan_in).</li>
 *   <li>Uniform(±scale), Normal(0, scale²), zeros and the identity (scale·I), for biases and rule-owned matrices.</li>
 * </ul>
 *
 * @param kind  the distribution family
 * @param scale multiplies the bound or standard deviation (1 for the textbook initialiser)
 */
public record Init(Kind kind, double scale) {

    public enum Kind { HE_UNIFORM, HE_NORMAL, XAVIER_UNIFORM, XAVIER_NORMAL, PYTORCH_DEFAULT, UNIFORM, NORMAL, ZEROS, IDENTITY }

    public Init {
        if (kind == null) {
            throw new IllegalArgumentException("an initialiser needs a kind");
        }
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("initialiser scale must be finite and >= 0, got " + scale);
        }
    }

    /**
     * An initialiser from text, as a configuration or {@code --rule-option} may give it: the kind, with an optional
     * scale after a colon, e.g. "HE_NORMAL" or "uniform:0.05". JSON reads a string with this; it writes the
     * record's fields.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Init parse(String text) {
        String[] parts = text.strip().split(":", 2);
        Kind kind;
        try {
            kind = Kind.valueOf(parts[0].strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown initialiser '" + parts[0] + "'; give one of " + Arrays.toString(Kind.values())
                    + ", optionally with a scale, e.g. HE_NORMAL or UNIFORM:0.05", e);
        }
        if (parts.length == 1) {
            return new Init(kind, kind == Kind.ZEROS ? 0 : 1);
        }
        try {
            return new Init(kind, Double.parseDouble(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("initialiser '" + text + "': the scale after ':' must be a number, e.g. " + kind + ":0.5", e);
        }
    }

    public static Init heUniform() { return new Init(Kind.HE_UNIFORM, 1); }
    public static Init heNormal() { return new Init(Kind.HE_NORMAL, 1); }
    public static Init xavierUniform() { return new Init(Kind.XAVIER_UNIFORM, 1); }
    public static Init xavierNormal() { return new Init(Kind.XAVIER_NORMAL, 1); }
    public static Init pytorchDefault() { return new Init(Kind.PYTORCH_DEFAULT, 1); }
    public static Init uniform(double bound) { return new Init(Kind.UNIFORM, bound); }
    public static Init normal(double std) { return new Init(Kind.NORMAL, std); }
    public static Init zeros() { return new Init(Kind.ZEROS, 0); }
    public static Init identity() { return new Init(Kind.IDENTITY, 1); }

    /** The same family with its scale multiplied by {@code factor}. */
    public Init scaled(double factor) {
        return new Init(kind, scale * factor);
    }

    /**
     * Draws an array of {@code shape}. Fan-in and fan-out follow PyTorch: for a matrix [out, in] they are in and out;
     * for a kernel [out, in, kh, kw] they are in·kh·kw and out·kh·kw.
     */
    public INDArray sample(Rng rng, DataType type, long fanIn, long fanOut, long... shape) {
        return switch (kind) {
            case HE_UNIFORM -> symmetricUniform(rng, type, scale * Math.sqrt(6.0 / fanIn), shape);
            case HE_NORMAL -> rng.normal(type, 0, scale * Math.sqrt(2.0 / fanIn), shape);
            case XAVIER_UNIFORM -> symmetricUniform(rng, type, scale * Math.sqrt(6.0 / (fanIn + fanOut)), shape);
            case XAVIER_NORMAL -> rng.normal(type, 0, scale * Math.sqrt(2.0 / (fanIn + fanOut)), shape);
            case PYTORCH_DEFAULT -> symmetricUniform(rng, type, scale / Math.sqrt(fanIn), shape);
            case UNIFORM -> symmetricUniform(rng, type, scale, shape);
            case NORMAL -> rng.normal(type, 0, scale, shape);
            case ZEROS -> Nd4j.zeros(type, shape);
            case IDENTITY -> identity(type, shape);
        };
    }

    private INDArray identity(DataType type, long... shape) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("the identity initialiser needs a matrix, got shape " + Arrays.toString(shape));
        }
        INDArray out = Nd4j.zeros(type, shape);
        for (long i = 0; i < Math.min(shape[0], shape[1]); i++) {
            out.putScalar(i, i, scale);
        }
        return out;
    }

    private static INDArray symmetricUniform(Rng rng, DataType type, double bound, long... shape) {
        return rng.uniform(type, -bound, bound, shape);
    }
}
