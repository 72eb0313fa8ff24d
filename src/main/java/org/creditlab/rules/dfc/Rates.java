package org.creditlab.rules.dfc;

import org.creditlab.util.Level1;
import org.creditlab.nn.Nonlinearity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/** r = φ(v) written into a buffer, without allocating for the nonlinearities DFC uses (tanh, identity). */
final class Rates {
    private Rates() {}

    static INDArray apply(Nonlinearity f, INDArray voltage, INDArray out) {
        if (f instanceof Nonlinearity.Identity) {
            if (out != voltage) {
                Level1.copy(voltage, out);
            }
        } else if (f instanceof Nonlinearity.Tanh) {
            Nd4j.exec(new Tanh(voltage, out));
        } else {
            out.assign(f.apply(voltage));
        }
        return out;
    }
}
