package org.creditlab.rules.dfc;

import org.creditlab.util.Level1;
import org.creditlab.util.Tanh;
import org.creditlab.nn.Nonlinearity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * r = φ(v) written into a buffer, without allocating for the nonlinearities DFC uses (tanh, identity); tanh is
 * {@link Tanh}'s, the same bits with or without the Vector API.
 */
final class Rates {
    private Rates() {}

    static INDArray apply(Nonlinearity f, INDArray voltage, INDArray out) {
        if (f instanceof Nonlinearity.Identity) {
            if (out != voltage) {
                Level1.copy(voltage, out);
            }
        } else if (f instanceof Nonlinearity.Tanh) {
            // a rate per unit per Euler step: ND4J's tanh cost as much as the step's matrix products
            Tanh.apply(voltage, out);
        } else {
            out.assign(f.apply(voltage));
        }
        return out;
    }
}
