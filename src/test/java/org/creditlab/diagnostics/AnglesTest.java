package org.creditlab.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.creditlab.nn.Parameter;
import org.creditlab.nn.Updates;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class AnglesTest {
    @Test
    void anglesOfKnownVectors() {
        assertEquals(0, Angles.degrees(Nd4j.createFromArray(1.0, 2.0), Nd4j.createFromArray(2.0, 4.0)), 1e-5);
        assertEquals(90, Angles.degrees(Nd4j.createFromArray(1.0, 0.0), Nd4j.createFromArray(0.0, 3.0)), 1e-9);
        assertEquals(180, Angles.degrees(Nd4j.createFromArray(1f, 1f), Nd4j.createFromArray(-2f, -2f)), 1e-3);
        assertEquals(45, Angles.degrees(Nd4j.createFromArray(new double[][] {{1, 0}}), Nd4j.createFromArray(1.0, 1.0)), 1e-9);
        assertTrue(Double.isNaN(Angles.degrees(Nd4j.createFromArray(0.0, 0.0), Nd4j.createFromArray(1.0, 0.0))));
        assertEquals(2, Angles.normRatio(Nd4j.createFromArray(3.0, 4.0), Nd4j.createFromArray(0.0, 2.5)), 1e-12);
    }

    @Test
    void networkAngleConcatenatesParameters() {
        Parameter a = Parameter.forward("a", Nd4j.zeros(2));
        Parameter b = Parameter.forward("b", Nd4j.zeros(1));
        Updates u = new Updates();
        Updates v = new Updates();
        u.of(a).assign(Nd4j.createFromArray(1.0, 0.0));
        u.of(b).assign(Nd4j.createFromArray(0.0));
        v.of(a).assign(Nd4j.createFromArray(0.0, 0.0));
        v.of(b).assign(Nd4j.createFromArray(1.0));
        assertEquals(90, Angles.degrees(u, v, List.of(a, b)), 1e-9);
    }
}
