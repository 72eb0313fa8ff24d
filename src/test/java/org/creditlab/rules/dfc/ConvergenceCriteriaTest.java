package org.creditlab.rules.dfc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.nn.Network;
import org.creditlab.nn.Updates;
import org.creditlab.results.Json;
import org.creditlab.rules.RuleSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-sample convergence test (the default) against the reference code's, whose start error pairs every sample's
 * target with sample 0's feedforward output ({@code controller_efficient}: {@code dist(output_target,
 * r_target[-1][0, :])}).
 */
class ConvergenceCriteriaTest {

    /**
     * Sample 1's target is sample 0's feedforward output, a small nudge from its own. It settles like the others, so
     * the per-sample test keeps it; the reference code's start error for it is ‖r_L*_1 − r_L^-_0‖ = 0, which no end
     * error is below, so that test drops it. Sample 0's verdict is the same under both.
     */
    private static ForwardLearning.Problem problem(ControlledNetwork net, FeedbackWeights q) {
        INDArray x = DfcFixtures.normal(1, 1, 4, 6);
        x.getRow(1).assign(x.getRow(0).add(DfcFixtures.normal(9, 1e-3, 1, 6)));
        NetworkState ff = net.feedforward(x);
        INDArray y = DfcFixtures.normal(2, 1, 4, 3);
        INDArray nudge = net.network().loss().gradient(ff.output(), y).mul(-1e-4);
        nudge.getRow(1).assign(ff.output().getRow(0).sub(ff.output().getRow(1)));
        return new ForwardLearning.Problem(net, q, ff, nudge);
    }

    private static final Controller CONTROLLER = Controller.of(0.3, 2, 0.02, 1500, 0.2, true);

    @Test
    void theTwoTestsDifferWhereASamplesTargetIsSampleZerosOutput() {
        Network network = DfcFixtures.tanh(11, 6, 5, 4, 3);
        ControlledNetwork net = ControlledNetwork.of(network);
        FeedbackWeights q = FeedbackWeights.weightProduct(net);
        ForwardLearning.Problem p = problem(net, q);
        assertTrue(p.nudge().getRow(1).norm2Number().doubleValue() > 0, "sample 1 has a nudge of its own");
        Dynamics d = new Dynamics(net, 4);
        d.run(q, CONTROLLER, p.feedforward(), p.target(), null, null);
        Convergence c = d.convergence(p.feedforward(), CONTROLLER.alpha(), Convergence.EPSILON);
        assertTrue(c.allConverged(), "every sample converged by its own start error");
        assertTrue(c.perSample()[1]);
        assertFalse(c.referenceCode()[1], "sample 1's reference start error is 0");
        assertEquals(c.perSample()[0], c.referenceCode()[0], "both tests are the same for sample 0");
        assertEquals(0, c.notConvergedCount(ConvergenceTest.PER_SAMPLE));
        assertTrue(c.notConvergedCount(ConvergenceTest.REFERENCE_CODE) >= 1);
        Convergence reference = d.convergence(p.feedforward(), CONTROLLER.alpha(), Convergence.EPSILON,
                ConvergenceTest.REFERENCE_CODE);
        assertFalse(reference.converged()[1], "the chosen test decides");
        assertEquals(c.notConvergedCount(ConvergenceTest.REFERENCE_CODE), reference.notConvergedCount(ConvergenceTest.REFERENCE_CODE));
    }

    @Test
    void theReferenceTestDropsThatSampleFromTheSteadyStateUpdate() {
        ControlledNetwork net = ControlledNetwork.of(DfcFixtures.tanh(11, 6, 5, 4, 3));
        FeedbackWeights q = FeedbackWeights.weightProduct(net);
        ForwardLearning.Problem p = problem(net, q);
        Updates perSample = new Updates();
        Convergence a = new SteadyStateUpdate(CONTROLLER, new DynamicsCache(net), false, Convergence.EPSILON,
                ConvergenceTest.PER_SAMPLE).directions(p, perSample);
        Updates reference = new Updates();
        Convergence b = new SteadyStateUpdate(CONTROLLER, new DynamicsCache(net), false, Convergence.EPSILON,
                ConvergenceTest.REFERENCE_CODE).directions(p, reference);
        assertTrue(a.converged()[1]);
        assertFalse(b.converged()[1]);
        INDArray w = net.dense(0).weight().value();
        assertNotEquals(perSample.get(net.dense(0).weight()), reference.get(net.dense(0).weight()),
                "sample 1 contributes under one test only (" + w.length() + " weights)");
        // with non-converged samples included, the test no longer matters
        Updates all1 = new Updates();
        new SteadyStateUpdate(CONTROLLER, new DynamicsCache(net), true, Convergence.EPSILON, ConvergenceTest.PER_SAMPLE)
                .directions(p, all1);
        Updates all2 = new Updates();
        new SteadyStateUpdate(CONTROLLER, new DynamicsCache(net), true, Convergence.EPSILON, ConvergenceTest.REFERENCE_CODE)
                .directions(p, all2);
        assertEquals(all1.get(net.dense(0).weight()), all2.get(net.dense(0).weight()));
    }

    @Test
    void theReferenceTestIsANamedOptionLeftOutOfTheJsonByDefault() {
        DfcSpec plain = new DfcSpec();
        assertEquals(ConvergenceTest.PER_SAMPLE, plain.convergenceTest());
        assertFalse(Json.write(plain).contains("convergenceTest"));
        DfcSpec reference = plain.toBuilder().convergenceTest(ConvergenceTest.REFERENCE_CODE).build();
        String json = Json.write(reference);
        assertTrue(json.contains("\"convergenceTest\" : \"REFERENCE_CODE\""), json);
        assertEquals(reference, Json.read(json, RuleSpec.class));
        assertEquals(plain, Json.read(Json.write(plain), RuleSpec.class));
    }
}
