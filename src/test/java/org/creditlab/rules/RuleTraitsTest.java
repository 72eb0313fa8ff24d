package org.creditlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.creditlab.results.Json;
import org.creditlab.rules.RuleTraits.Transport;
import org.creditlab.rules.dfc.DfcSpec;
import org.junit.jupiter.api.Test;

/** Every built-in rule declares what it needs, the declarations say what the rules do, and none reaches the JSON. */
class RuleTraitsTest {

    private static RuleTraits of(String rule) {
        return Rules.defaults(rule).traits().orElseThrow(() -> new AssertionError(rule + " declares no traits"));
    }

    @Test
    void everyBuiltInRuleDeclaresItsTraitsAndNoneIsInTheJson() {
        Rules.all().forEach((name, entry) -> {
            if (entry.spec().getPackageName().startsWith("org.creditlab.rules.")) {
                assertTrue(entry.defaults().get().traits().isPresent(), name + " is built in but declares no traits");
            }
            assertFalse(Json.write(entry.defaults().get()).contains("traits"), name + "'s JSON (its run ids) must not change");
        });
    }

    @Test
    void theDeclarationsSayWhatTheRulesDo() {
        assertEquals(new RuleTraits(Transport.EXACT, true, false, ""), of("bp"));
        assertEquals(Transport.NONE, of("fa").weightTransport());
        assertTrue(of("fa").backwardPass());
        assertFalse(of("dfa").backwardPass(), "DFA projects the error to every layer at once");
        assertFalse(of("drtp").backwardPass());
        assertEquals(Transport.SIGN, of("usf").weightTransport());
        assertTrue(of("pepita").twoForwardPasses() && !of("pepita").backwardPass());
        assertEquals(Transport.NONE, of("dfc").weightTransport(), "trained feedback Q");
        assertEquals(Transport.EXACT, new DfcSpec().toBuilder().trainFeedback(false).build().traits().orElseThrow().weightTransport(),
                "Q fixed at the product of the forward weights transports them");
        assertTrue(of("kp").note().contains("tied"));
        assertTrue(of("sa").note().contains("non-local"), "symmetric alignment's Self term reads W");
        assertTrue(of("wm").note().contains("local terms"));
    }
}
