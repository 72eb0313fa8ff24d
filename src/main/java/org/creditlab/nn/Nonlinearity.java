package org.creditlab.nn;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A pointwise nonlinearity f and its derivative f'. Used by {@link Activation} layers and by rules that need f'
 * explicitly (DFA's δ = (B e) ⊙ f'(a), COPI's perturbations, DFC's controlled dynamics).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Nonlinearity.Relu.class, name = "relu"),
        @JsonSubTypes.Type(value = Nonlinearity.LeakyRelu.class, name = "leaky_relu"),
        @JsonSubTypes.Type(value = Nonlinearity.Tanh.class, name = "tanh"),
        @JsonSubTypes.Type(value = Nonlinearity.Sigmoid.class, name = "sigmoid"),
        @JsonSubTypes.Type(value = Nonlinearity.Identity.class, name = "identity")})
public sealed interface Nonlinearity {

    /** f(x) as a new array. */
    INDArray apply(INDArray x);

    /** f'(x) as a new array, from the input x and the output y = f(x) (whichever is cheaper to use). */
    INDArray derivative(INDArray x, INDArray y);

    /** A short name for tables and layer names. */
    String label();

    /** δx = f'(x) ⊙ δy as a new array, for a layer's backward pass; a function may fuse the two steps. */
    default INDArray backward(INDArray x, INDArray y, INDArray gradOutput) {
        return derivative(x, y).muli(gradOutput);
    }

    static Nonlinearity relu() { return new Relu(); }
    static Nonlinearity leakyRelu(double slope) { return new LeakyRelu(slope); }
    static Nonlinearity tanh() { return new Tanh(); }
    static Nonlinearity sigmoid() { return new Sigmoid(); }
    static Nonlinearity identity() { return new Identity(); }

    /** Parses "relu", "leaky_relu", "leaky_relu:0.1", "tanh", "sigmoid" or "identity". */
    static Nonlinearity parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", 2);
        Nonlinearity f = switch (parts[0]) {
            case "relu" -> relu();
            case "leaky_relu", "leakyrelu" -> leakyRelu(parts.length > 1 ? slope(text, parts[1]) : 0.01);
            case "tanh" -> tanh();
            case "sigmoid" -> sigmoid();
            case "identity", "linear" -> identity();
            default -> throw new IllegalArgumentException("unknown activation '" + text
                    + "'; expected relu, leaky_relu[:slope], tanh, sigmoid or identity");
        };
        if (parts.length > 1 && !(f instanceof LeakyRelu)) { // "relu:0.1" would otherwise drop the 0.1
            throw new IllegalArgumentException("only leaky_relu takes a parameter (leaky_relu:slope); give '" + parts[0] + "' alone");
        }
        return f;
    }

    private static double slope(String text, String number) {
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the slope '" + number + "' of '" + text + "' is not a number; give e.g. leaky_relu:0.01");
        }
    }

    record Relu() implements Nonlinearity {
        public INDArray apply(INDArray x) {
            if (!FusedRelu.takes(x, x)) {
                return Transforms.relu(x, true);
            }
            return FusedRelu.apply(x);
        }
        public INDArray derivative(INDArray x, INDArray y) { return Transforms.step(x, true); }
        @Override
        public INDArray backward(INDArray x, INDArray y, INDArray gradOutput) {
            if (!FusedRelu.takes(x, gradOutput)) {
                return Nonlinearity.super.backward(x, y, gradOutput);
            }
            return FusedRelu.backward(x, gradOutput);
        }
        public String label() { return "relu"; }
    }

    record LeakyRelu(double slope) implements Nonlinearity {
        public LeakyRelu {
            if (!(slope >= 0 && slope < 1)) {
                throw new IllegalArgumentException("leaky relu slope must be in [0, 1), got " + slope);
            }
        }
        public INDArray apply(INDArray x) { return Transforms.leakyRelu(x, slope, true); }
        public INDArray derivative(INDArray x, INDArray y) {
            // slope + (1 - slope)·step(x): 1 where x > 0, slope elsewhere.
            return Transforms.step(x, true).muli(1 - slope).addi(slope);
        }
        public String label() { return "leaky_relu(" + slope + ")"; }
    }

    record Tanh() implements Nonlinearity {
        public INDArray apply(INDArray x) { return Transforms.tanh(x, true); }
        public INDArray derivative(INDArray x, INDArray y) { return y.mul(y).rsubi(1); }
        public String label() { return "tanh"; }
    }

    record Sigmoid() implements Nonlinearity {
        public INDArray apply(INDArray x) { return Transforms.sigmoid(x, true); }
        public INDArray derivative(INDArray x, INDArray y) { return y.rsub(1).muli(y); }
        public String label() { return "sigmoid"; }
    }

    record Identity() implements Nonlinearity {
        public INDArray apply(INDArray x) { return x.dup(); }
        public INDArray derivative(INDArray x, INDArray y) { return Nd4j.onesLike(x); }
        public String label() { return "identity"; }
    }
}
