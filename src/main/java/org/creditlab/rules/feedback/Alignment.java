package org.creditlab.rules.feedback;

import java.util.ArrayList;
import java.util.List;
import org.creditlab.nn.WeightLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer-wise regulariser R = Σ cᵢ·Primitiveᵢ that a learned feedback matrix B descends. Any composition is a rule:
 *
 * <pre>{@code
 * Alignment mine = Alignment.of(1e-3, Primitive.DECAY).plus(5e-4, Primitive.AMP).plus(1e-4, Primitive.NULL);
 * }</pre>
 *
 * @param terms the weighted primitives
 */
public record Alignment(List<Term> terms) {

    /** One weighted primitive. */
    public record Term(Primitive primitive, double coefficient) {
        public Term {
            if (primitive == null || !Double.isFinite(coefficient)) {
                throw new IllegalArgumentException("an alignment term needs a primitive and a finite coefficient");
            }
        }
    }

    public Alignment {
        terms = List.copyOf(terms);
    }

    public static Alignment none() {
        return new Alignment(List.of());
    }

    public static Alignment of(double coefficient, Primitive p) {
        return none().plus(coefficient, p);
    }

    public Alignment plus(double coefficient, Primitive p) {
        List<Term> t = new ArrayList<>(terms);
        t.add(new Term(p, coefficient));
        return new Alignment(t);
    }

    /** The coefficient of a primitive (0 if absent). */
    public double coefficient(Primitive p) {
        return terms.stream().filter(t -> t.primitive() == p).mapToDouble(Term::coefficient).sum();
    }

    /**
     * Whether B's update needs only activity at its own synapses: true if every term is a local primitive (weight
     * mirror, information alignment), false with Self or Sparse (symmetric and activation alignment).
     */
    public boolean local() {
        return terms.stream().allMatch(t -> t.primitive().local());
    }

    /** ∇_B R = Σ cᵢ ∇_B Primitiveᵢ, as a new array (zeros for an empty composition). */
    public INDArray gradient(WeightLayer w, INDArray b, Primitive.Activity a) {
        INDArray g = b.ulike().assign(0);
        for (Term t : terms) {
            g.addi(t.primitive().gradient(w, b, a).muli(t.coefficient()));
        }
        return g;
    }

    public double value(WeightLayer w, INDArray b, Primitive.Activity a) {
        return terms.stream().mapToDouble(t -> t.coefficient() * t.primitive().value(w, b, a)).sum();
    }

    /** e.g. "1e-3·DECAY + 2e-3·SELF". */
    public String describe() {
        return terms.isEmpty() ? "none" : String.join(" + ", terms.stream().map(t -> t.coefficient() + "·" + t.primitive()).toList());
    }
}
