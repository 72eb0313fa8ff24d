package org.creditlab.diagnostics;

import java.util.List;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Angles and norms between tensors, as pure functions. Angles are in degrees, between flattened tensors:
 * arccos(⟨a, b⟩ / (‖a‖‖b‖)); 0° is perfect alignment, 90° orthogonality, 180° opposition. They are computed in double
 * precision whatever the arrays' type.
 */
public final class Angles {
    private Angles() {}

    /** The angle between two tensors of equal length (NaN if either is zero). */
    public static double degrees(INDArray a, INDArray b) {
        if (a.length() != b.length()) {
            throw new IllegalArgumentException("cannot take the angle between tensors of " + a.length() + " and " + b.length() + " elements");
        }
        double dot = dot(a, b);
        double na = norm(a);
        double nb = norm(b);
        return cosineToDegrees(dot, na, nb);
    }

    /**
     * The angle between two sets of update directions over the same parameters, taken as one concatenated vector
     * (the "network" angle of the papers).
     */
    public static double degrees(Updates a, Updates b, List<Parameter> parameters) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (Parameter p : parameters) {
            INDArray x = a.get(p);
            INDArray y = b.get(p);
            dot += dot(x, y);
            na += sq(norm(x));
            nb += sq(norm(y));
        }
        return cosineToDegrees(dot, Math.sqrt(na), Math.sqrt(nb));
    }

    /** ‖a‖ / ‖b‖ (Frobenius norms). */
    public static double normRatio(INDArray a, INDArray b) {
        return norm(a) / norm(b);
    }

    /** ⟨a, b⟩ of the flattened tensors, in double precision. */
    public static double dot(INDArray a, INDArray b) {
        INDArray x = a.reshape(a.length()).castTo(DataType.DOUBLE);
        INDArray y = b.reshape(b.length()).castTo(DataType.DOUBLE);
        return x.mul(y).sumNumber().doubleValue();
    }

    /** The Frobenius norm, in double precision. */
    public static double norm(INDArray a) {
        return a.castTo(DataType.DOUBLE).norm2Number().doubleValue();
    }

    private static double cosineToDegrees(double dot, double na, double nb) {
        if (na == 0 || nb == 0) {
            return Double.NaN;
        }
        double c = Math.max(-1, Math.min(1, dot / (na * nb)));
        return Math.toDegrees(Math.acos(c));
    }

    private static double sq(double v) {
        return v * v;
    }
}
