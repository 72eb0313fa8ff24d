package org.creditlab.rules.pepita;

import org.creditlab.nn.Parameter;
import org.creditlab.nn.Trace;
import org.creditlab.nn.Updates;
import org.creditlab.nn.WeightLayer;
import org.creditlab.rules.StepContext;
import org.creditlab.util.Level3;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One batch's two passes and the pieces every update mode is made of. The clean pass is the trainer's trace; the
 * modulated pass runs on x ± F·e with the clean pass's dropout masks ({@code forwardLike}), when first asked for (so
 * the time-local mode can run it after its first update). Every activity handed to {@link #write} is already divided
 * by the batch size N, so that the updates are the papers' sums over the batch divided by N. The error is the papers'
 * e = prediction − t (for the softmax cross-entropy, N times the loss gradient).
 *
 * <p>Updates are written per weight layer through {@link org.creditlab.nn.WeightLayer#parameterGradients}, which for
 * a dense layer is postᵀ·pre and for a convolution the filter gradient of post over the patches of pre (a
 * weight-gradient convolution, summed over output positions), then multiplied by the spec's {@link ConvUpdate} factor
 * (1 for dense layers).
 */
final class TwoPasses {
    private final StepContext step;
    private final Pepita rule;
    private final double n;
    private Trace modulated;
    private boolean weightsChanged;
    private INDArray cleanError;

    TwoPasses(StepContext step, Pepita rule) {
        this.step = step;
        this.rule = rule;
        this.n = step.input().size(0);
    }

    Trace clean() {
        return step.trace();
    }

    /**
     * The modulated pass x ± F·e (or x ± F·sign(e)), with the clean pass's dropout masks. While the weights are those
     * of the clean pass, a dense first layer's response is not recomputed: it is the clean response plus the low-rank
     * term ±(W_1F)·e, C input columns instead of N examples (exact up to rounding; a 784-1024-10 step saves ~40% of
     * its multiply-adds). The time-local mode's pass after its first update runs the network in full.
     */
    Trace modulated() {
        if (modulated == null) {
            INDArray e = error(clean());
            boolean sign = rule.spec().signal() == PepitaSpec.ErrorSignal.SIGN;
            INDArray signal = sign ? Transforms.sign(e, true) : e;
            double alpha = rule.spec().modulationSign().factor() * (sign ? 1 : n);
            INDArray x = rule.projection().modulate(step.trace().input(), signal, alpha);
            if (!weightsChanged && step.network().layer(0) instanceof WeightLayer first && first.weight().value().rank() == 2) {
                INDArray response = first.linearResponse(rule.projection().transposed());
                INDArray firstOutput = Level3.gemm(signal, response, clean().record(0).output().dup('c'), false, false, alpha, 1.0);
                modulated = step.network().forwardLike(step.trace(), x, firstOutput);
            } else {
                modulated = step.network().forwardLike(step.trace(), x);
            }
        }
        return modulated;
    }

    /** h_ℓ / N in {@code pass}. */
    INDArray activity(LayerPlan l, Trace pass) {
        return pass.record(l.post()).output().div(n);
    }

    /** (h_ℓ − h_ℓ^err) / N, times the dropout mask once more if the spec asks for the numpy code's double mask. */
    INDArray difference(LayerPlan l) {
        INDArray d = clean().record(l.post()).output().sub(modulated().record(l.post()).output()).divi(n);
        if (rule.spec().maskTwice() && l.dropout() >= 0) {
            INDArray mask = clean().record(l.dropout()).cache();
            if (mask != null) {
                d.muli(mask);
            }
        }
        return d;
    }

    /** The output error of {@code pass} as the papers define it, e = prediction − t (softmax − t), divided by N. */
    INDArray error(Trace pass) {
        if (pass == clean()) {
            if (cleanError == null) {
                cleanError = prediction(pass).subi(target());
            }
            return cleanError;
        }
        return prediction(pass).subi(target());
    }

    /** The network's prediction (softmax) in {@code pass}, divided by N. */
    INDArray prediction(Trace pass) {
        return step.network().loss().predict(pass.output()).divi(n);
    }

    /** The target divided by N (in the network's data type). */
    INDArray target() {
        return step.target().castTo(step.trace().input().dataType()).div(n);
    }

    /** ΔW_ℓ = postᵀ · (the layer's input in {@code pass}). */
    void write(LayerPlan l, INDArray post, Trace pass) {
        gradients(l, post, pass, step.updates());
    }

    /** postᵀ · pre into {@code into}, times the {@link ConvUpdate} factor of a convolution. */
    private void gradients(LayerPlan l, INDArray post, Trace pass, Updates into) {
        l.layer().parameterGradients(pass.record(l.index()), post, into, false); // no error crosses a layer
        double factor = rule.spec().conv().factor(l.layer(), n);
        if (factor != 1) {
            for (Parameter p : l.layer().parameters()) {
                into.get(p).muli(factor);
            }
        }
    }

    /** ΔW_ℓ = postAᵀ·preA − postBᵀ·preB, the second term through the rule's scratch buffers. */
    void writeDifference(LayerPlan l, INDArray postA, Trace a, INDArray postB, Trace b) {
        write(l, postA, a);
        Updates scratch = rule.scratch();
        gradients(l, postB, b, scratch);
        for (Parameter p : l.layer().parameters()) {
            step.updates().get(p).subi(scratch.get(p));
        }
        scratch.clear();
    }

    /** Applies what is written so far (the time-local mode's first update). */
    void applyNow() {
        step.applyNow();
        weightsChanged = true;
    }
}
