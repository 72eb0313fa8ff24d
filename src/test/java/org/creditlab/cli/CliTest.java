package org.creditlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.creditlab.data.DatasetName;
import org.creditlab.data.Datasets;
import org.creditlab.experiment.CaseLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Bad flags give a message that names the flag and the reason, and a non-zero exit; good ones parse. */
class CliTest {
    @TempDir
    Path tmp;
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        err = new StringWriter();
        CommandLine cl = CreditLab.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    /** What a successful command prints (the commands print to System.out). */
    private String printed(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, run(args), err::toString);
        } finally {
            System.setOut(stdout);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Exit code 2, and the message holds every fragment (the flag as typed, the reason, what to do). */
    private void assertRefused(String args, String... fragments) {
        assertEquals(2, run(args.split(" ")), args + " -> " + err);
        for (String f : fragments) {
            assertTrue(err.toString().contains(f), args + ": expected '" + f + "' in: " + err);
        }
        CaseLog.record("command line", "creditlab " + args,
                "refused, exit 2: " + err.toString().lines().findFirst().orElse(""));
    }

    @Test
    void unknownFlagGivesUsageAndExitCode2() {
        assertEquals(2, run("train", "--epochz", "3"));
        assertTrue(err.toString().contains("'--epochz'") && err.toString().contains("Usage:"), err.toString());
    }

    @Test
    void badNumberGivesUsageAndExitCode2() {
        assertEquals(2, run("train", "--epochs", "three"));
        assertTrue(err.toString().contains("--epochs"), err.toString());
    }

    @Test
    void unknownRuleIsNamedWithTheKnownOnes() {
        assertEquals(2, run("train", "--rule", "magic", "--print-config"));
        assertTrue(err.toString().contains("unknown rule 'magic'") && err.toString().contains("bp"), err.toString());
    }

    @Test
    void invalidValuesAreRejectedWithTheReason() {
        assertEquals(2, run("train", "--dropout", "1.5", "--print-config"));
        assertTrue(err.toString().contains("dropout"), err.toString());
        assertEquals(2, run("train", "--dataset", "imagenet", "--print-config"));
        assertTrue(err.toString().contains("unknown dataset"), err.toString());
    }

    @Test
    void missingCommandIsAnError() {
        assertEquals(2, run());
    }

    // Issue 17: nested settings, as JSON merged into the defaults or by a dotted path, and enums by name.
    @Test
    void nestedRuleOptionsSetOneSettingInAGroup() {
        String byJson = printed("train", "--rule", "fa", "--rule-option", "feedback={\"init\":\"HE_NORMAL\"}", "--print-config");
        assertTrue(byJson.contains("\"kind\" : \"HE_NORMAL\"") && byJson.contains("\"scale\" : 1.0"), byJson);
        String byPath = printed("train", "--rule", "fa", "--rule-option", "feedback.init.kind=HE_NORMAL", "--print-config");
        assertEquals(byJson, byPath);
        // an object is merged into the defaults: the scale the option leaves out keeps its default
        String merged = printed("train", "--rule", "fa", "--rule-option", "feedback={\"init\":{\"kind\":\"HE_NORMAL\"}}", "--print-config");
        assertEquals(byJson, merged);
        String scaled = printed("train", "--rule", "fa", "--rule-option", "feedback.init=uniform:0.05", "--print-config");
        assertTrue(scaled.contains("\"kind\" : \"UNIFORM\"") && scaled.contains("\"scale\" : 0.05"), scaled);
        String variant = printed("train", "--rule", "sign-symmetry", "--rule-option", "variant=FRSF", "--print-config");
        assertTrue(variant.contains("\"variant\" : \"FRSF\""), variant);
        String dfc = printed("train", "--rule", "dfc", "--rule-option", "sleep.sigma=0.01", "--rule-option", "variant=DFC", "--print-config");
        assertTrue(dfc.contains("\"variant\" : \"DFC\""), dfc);
        // settings whose default stays out of a run's JSON (to keep earlier run ids) can still be set
        String single = printed("train", "--rule", "dfc", "--rule-option", "sleepPrecision=FLOAT32", "--rule-option",
                "convergenceTest=REFERENCE_CODE", "--print-config");
        assertTrue(single.contains("\"sleepPrecision\" : \"FLOAT32\"") && single.contains("\"convergenceTest\" : \"REFERENCE_CODE\""),
                single);
        assertRefused("train --rule dfc --rule-option sleepPrecision=FLOAT16 --print-config", "sleepPrecision", "FLOAT32", "FLOAT64");
    }

    @Test
    void goodFlagsParse() {
        assertEquals(0, run("train", "--rule", "bp", "--hidden", "128,64", "--epochs", "2", "--lr-steps", "1", "--print-config"));
        assertEquals(0, run("train", "--rule", "pepita", "--rule-option", "projectionScale=0.1", "--rule-option", "mode=MIXED",
                "--optimizer", "ADAM", "--clip", "0", "--print-config"));
    }

    // Case 1: a subset larger than the split quietly meant "all". DatasetLoadingTest covers --test-limit and --validation.
    @Test
    void trainLimitOverTheSplitIsRefused() {
        assumeTrue(Datasets.isPresent(DatasetName.FASHION_MNIST), "Fashion-MNIST is not installed");
        assertRefused("train --train-limit 70000 --no-store --epochs 1",
                "train limit 70000 (--train-limit", "more than the 60000 training examples of fashion-mnist", "use at most 60000 or 0 for all");
    }

    // Case 2: zero epochs stored a "complete" run with no epochs.
    @Test
    void zeroEpochsAreRefused() {
        assertRefused("train --epochs 0 --print-config", "--epochs 0", "at least 1 epoch");
    }

    // Case 3: ".." wrote outside results/.
    @ParameterizedTest
    @MethodSource("hiddenOrParentFolders")
    void experimentNamesOutsideResultsAreRefused(String name) {
        assertRefused("train --experiment " + name + " --print-config", "'" + name + "' (--experiment", "not starting with '.'");
    }

    static Stream<String> hiddenOrParentFolders() {
        return Stream.of(".", "..", ".hidden");
    }

    // Case 4: values that cannot be right, or that the library refused without naming the flag.
    @ParameterizedTest(name = "{0}")
    @MethodSource("impossibleValues")
    void impossibleValuesNameTheFlag(String args, String typed, String reason) {
        assertRefused("train " + args + " --print-config", typed + ":", reason);
    }

    static Stream<Arguments> impossibleValues() {
        return Stream.of(
                Arguments.of("--clip -1", "--clip -1", "or 0 for no clipping"),
                Arguments.of("--clip NaN", "--clip NaN", "finite number > 0"),
                Arguments.of("--lr NaN", "--lr NaN", "finite number > 0"),
                Arguments.of("--lr 0", "--lr 0", "finite number > 0"),
                Arguments.of("--lr -0.1", "--lr -0.1", "finite number > 0"),
                Arguments.of("--momentum 1", "--momentum 1", "in [0, 1)"),
                Arguments.of("--momentum -0.5", "--momentum -0.5", "in [0, 1)"),
                Arguments.of("--weight-decay -1e-4", "--weight-decay -1e-4", ">= 0"),
                Arguments.of("--lr-gamma 0 --lr-steps 2", "--lr-gamma 0", "> 0"),
                Arguments.of("--lr-steps -1", "--lr-steps -1", "increasing"),
                Arguments.of("--lr-steps 3,1", "--lr-steps 3,1", "increasing"),
                Arguments.of("--lr-steps 2,2", "--lr-steps 2,2", "each given once"),
                Arguments.of("--epochs 5 --lr-steps 9", "--lr-steps 9", "never reached in 5 epochs"),
                Arguments.of("--init-scale 0", "--init-scale 0", "> 0"),
                Arguments.of("--init-scale -1", "--init-scale -1", "> 0"),
                Arguments.of("--batch-size 0", "--batch-size 0", "at least 1 example"),
                Arguments.of("--hidden 16,0", "--hidden 16,0", "at least 1 unit"),
                Arguments.of("--dropout 1", "--dropout 1", "in [0, 1)"),
                Arguments.of("--activation relu:0.5", "--activation relu:0.5", "only leaky_relu takes a parameter"),
                Arguments.of("--activation leaky_relu:x", "--activation leaky_relu:x", "not a number"),
                Arguments.of("--dataset imagenet", "--dataset imagenet", "expected one of"));
    }

    @Test
    void negativeSubsetSizesNameTheFlag() {
        assertRefused("train --train-limit -5 --print-config", "train limit -5 (--train-limit", "negative", "0 for all");
        assertRefused("train --validation -1 --print-config", "validation -1 (--validation", "negative", "0 for none");
    }

    // Case 5: a flag that the other flags make ineffective.
    @Test
    void flagsTheOthersIgnoreAreRefused() {
        assertRefused("train --optimizer ADAM --momentum 0.5 --print-config", "--momentum 0.5", "--optimizer ADAM", "only SGD uses momentum");
        assertRefused("train --lr-gamma 0.5 --print-config", "--lr-gamma 0.5", "without --lr-steps");
        assertRefused("train --init ZEROS --init-scale 2 --print-config", "--init-scale 2", "--init ZEROS");
        assertEquals(0, run("train", "--optimizer", "ADAM", "--print-config"), err.toString()); // the default momentum is fine
    }

    // Case 6: --results was ignored under --no-store.
    @Test
    void resultsWithNoStoreOrOnAFileAreRefused() throws IOException {
        assertRefused("train --no-store --results X --print-config", "--results X", "--no-store");
        assertRefused("train --no-store --refuse-stale --print-config", "--refuse-stale", "--no-store");
        Path file = Files.writeString(tmp.resolve("file"), "");
        assertRefused("train --results " + file + " --print-config", "--results " + file + ": not a folder");
    }

    // Case 7: a repeated list option was joined silently.
    @Test
    void repeatedListFlagsAreRefused() {
        assertRefused("train --hidden 16 --hidden 8 --print-config", "--hidden is given 2 times", "once, comma separated: --hidden 16,8");
        assertRefused("train --lr-steps 1 --lr-steps 2 --print-config", "--lr-steps is given 2 times", "--lr-steps 1,2");
    }

    // Case 8: --config errors name the file and the reason; flags it would ignore are refused.
    @Test
    void configFileProblemsNameTheFileAndReason() throws IOException {
        Path missing = tmp.resolve("missing.json");
        assertRefused("train --config " + missing, "--config " + missing + ": no such file", "--print-config");
        assertRefused("train --config " + tmp, "--config " + tmp + ": is a directory");
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{ \"name\": ");
        assertRefused("train --config " + bad, "--config " + bad + ": invalid Experiment JSON", "line 1");
        Path nullJson = Files.writeString(tmp.resolve("null.json"), "null");
        assertRefused("train --config " + nullJson, "--config " + nullJson + ": holds null");
    }

    @Test
    void aRelativeDataFolderIsStoredAbsolute() {
        // the run id hashes the path: "mnist" typed in two folders names two datasets, so it must not give one id
        org.creditlab.experiment.Experiment e = org.creditlab.experiment.Experiment.fromJson(
                printed("train", "--dataset", "mnist", "--data-dir", "rel/mnist", "--print-config"));
        assertEquals(Path.of("rel/mnist").toAbsolutePath().normalize().toString(), e.data().path());
    }

    @Test
    void configWithFlagsItWouldIgnoreIsRefused() throws IOException {
        Path config = Files.writeString(tmp.resolve("config.json"), printed("train", "--epochs", "2", "--print-config"));
        assertRefused("train --config " + config + " --epochs 3 --lr 0.1 --no-store", "--epochs 3, --lr 0.1 would be ignored");
        assertTrue(printed("train", "--config", config.toString(), "--no-store", "--print-config").contains("\"epochs\" : 2"));
    }

    // Case 10: Jackson's conversion errors become the key, the value and what the setting accepts.
    @ParameterizedTest(name = "{0}")
    @MethodSource("badRuleOptions")
    void badRuleOptionsNameKeyValueAndAllowedValues(String args, String reason) {
        assertRefused("train " + args + " --print-config", reason);
    }

    static Stream<Arguments> badRuleOptions() {
        return Stream.of(
                Arguments.of("--rule pepita --rule-option mode=FOO", "--rule-option mode=FOO: rule 'pepita' needs one of [MODULATED, FORWARD, MIXED, TIME_LOCAL] for 'mode'"),
                Arguments.of("--rule pepita --rule-option projectionScale=abc", "--rule-option projectionScale=abc: rule 'pepita' needs a number"),
                Arguments.of("--rule copi --rule-option decorrelationOnlyEpochs=1.5", "needs a whole number for 'decorrelationOnlyEpochs'"),
                Arguments.of("--rule copi --rule-option outputDerivative=maybe", "needs true or false"),
                Arguments.of("--rule pepita --rule-option mirroring=x", "--rule-option mirroring=x: 'mirroring' is a group of settings",
                        "give it as JSON", "mirroring.<setting>=<value>"),
                Arguments.of("--rule fa --rule-option feedback.init.kind=HE_NORMALX",
                        "--rule-option feedback.init.kind=HE_NORMALX: rule 'fa' needs one of [HE_UNIFORM, HE_NORMAL", "for 'feedback.init.kind'"),
                Arguments.of("--rule fa --rule-option feedback={\"innit\":\"HE_NORMAL\"}",
                        "rule 'fa' has no setting 'feedback.innit'; the settings of 'feedback' are [init]"),
                Arguments.of("--rule fa --rule-option feedback.innit=HE_NORMAL",
                        "--rule-option feedback.innit=HE_NORMAL: rule 'fa' has no setting 'feedback.innit'; the settings of 'feedback' are [init]"),
                Arguments.of("--rule fa --rule-option feedback={\"init\":\"MAGIC\"}", "unknown initialiser 'MAGIC'", "HE_NORMAL"),
                Arguments.of("--rule fa --rule-option feedback={init:1}", "not valid JSON", "quote the value"),
                Arguments.of("--rule usf --rule-option variant.x=1", "'variant' of rule 'usf' is a single value"),
                Arguments.of("--rule dfc --rule-option sleep.sigmaa=0.1", "has no setting 'sleep.sigmaa'; the settings of 'sleep' are ["),
                Arguments.of("--rule pepita --rule-option projectionScale=-1", "--rule-option projectionScale=-1: rule 'pepita' refuses this setting: PEPITA's projection scale"),
                Arguments.of("--rule pepita --rule-option projectionScale=1 --rule-option projectionScale=2", "given twice (1 and 2)"),
                Arguments.of("--rule pepita --rule-option projectionScale=", "no value"),
                Arguments.of("--rule copi --rule-option rule=bp", "choose the rule with --rule"),
                Arguments.of("--rule pepita --rule-option nope=1", "has no setting 'nope'"),
                Arguments.of("--rule-option nope", "expects key=value"));
    }

    // The other commands.
    @Test
    void benchFlagsAreChecked() {
        assertRefused("bench --network cnn --hidden 64", "--hidden 64 has no effect with --network cnn");
        assertRefused("bench --network rnn", "--network rnn: give mlp or cnn");
        assertRefused("bench --epochs 0", "--epochs 0:");
        assertRefused("bench --rules bp,magic", "--rules magic: unknown rule 'magic'");
        assertRefused("bench-dfc --train-limit 100", "--train-limit 100:", "at least 128");
        assertRefused("bench-dfc --methods bp,xx", "--methods xx:");
        assertRefused("bench-dfc --methods bp --sleep-batches 2", "--sleep-batches 2 has no effect");
        assertRefused("bench-dfc --methods bp --sleep-precision float32", "--sleep-precision float32 has no effect");
        assertRefused("bench-dfc --methods bp,dfc-ssa-fixed --sleep-precision float32", "--sleep-precision float32 has no effect",
                "trains its feedback");
        assertRefused("bench-dfc --sleep-precision float16", "--sleep-precision float16:", "float64", "float32");
    }

    @Test
    void kernelFlagsAreChecked() throws IOException {
        Path json = Files.writeString(tmp.resolve("kernel.json"), "{}");
        assertRefused("kernel --extend " + json + " --dir " + tmp, "--dir " + tmp + " has no effect with --extend");
        assertRefused("kernel --extend " + tmp.resolve("none.json"), "none.json: no such file", "kernel.json");
        assertRefused("kernel --kind IJAVA --dir " + tmp + " --kernel-jar x.jar", "--kind IJAVA has no effect without --extend");
        assertRefused("kernel --dir " + tmp + " --kernel-jar " + tmp.resolve("x.jar"), "x.jar: no such file");
        assertRefused("kernel --dir " + tmp, "--kernel-jar is missing");
    }
}
