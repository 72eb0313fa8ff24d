import java.util.Arrays;
import java.util.List;
import org.creditlab.data.DatasetName;
import org.creditlab.experiment.Runner;
import org.creditlab.notebook.Profile;
import org.creditlab.papers.kunin.FeedbackStability;
import org.creditlab.papers.kunin.KuninStudy;
import org.creditlab.papers.kunin.Scale;
import org.creditlab.sweep.SearchResult;
import org.creditlab.train.ConsoleProgress;
import org.creditlab.papers.copi.CopiPresets;
import org.creditlab.papers.copi.CopiStudy;
import org.creditlab.diagnostics.ControllerTrace;
import org.creditlab.papers.dfc.DfcStudy;
import org.creditlab.papers.pepita.Method;
import org.creditlab.papers.pepita.PepitaStudy;
import org.creditlab.sweep.SeedRuns;

/**
 * Trains one paper-scale study into results/ without executing its whole notebook, so that its runs can be recorded
 * (environment/record-runs.sh) while the next study trains. The notebook at the same profile then loads them.
 *
 *   java -Xmx3g -Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.maxphysicalbytes=10G \
 *       --add-modules=jdk.incubator.vector -cp 'target/creditlab.jar:target/lib/*' environment/paper-scale/RunStudy.java STUDY
 *
 * (the kernel's memory limits: without them ND4J's off-heap arrays can outgrow the machine before the heap collects;
 * the module lets DFC's tanh run on vectors, util.Tanh, with the same numbers)
 *
 * Studies:
 * <ul>
 *   <li>pepita-compare: the ICML fully connected table on Fashion-MNIST (BP, FA, DFA, DRTP and PEPITA, 100 epochs with
 *       the published learning-rate steps, 3 seeds);</li>
 *   <li>pepita-stable-rate: PEPITA's 3 seeds of that comparison again at PepitaStudy.STABLE_LR, the rate Fashion-MNIST
 *       trains it stably at;</li>
 *   <li>pepita-scales: the sensitivity to F's scale at that rate, PepitaStudy.projectionScales (the default scale's
 *       runs are pepita-stable-rate's; the other four scales 3 seeds each);</li>
 *   <li>pepita-follow-up [MAX_DEPTH]: the ICLR 2024 follow-up's variants (PEPITA, + WD, + norm, + WM, BP) and then
 *       its update modes (forward, Hebbian, time-local), 3 seeds each, with 1 to MAX_DEPTH hidden layers of 1024 units
 *       (default: all three depths);</li>
 *   <li>dfc-table1 [ROWS]: Table 1's Fashion-MNIST column, the rows named (comma-separated, e.g. bp,dfa,dfc-ssa-fixed)
 *       or all eight, 3 seeds each, in the order given;</li>
 *   <li>dfc-figure1d: Fig. 1D's one run (the controller's trace after the feedback pre-training)</li>
 *   <li>copi-fig2: the COPI notebook's runs on Fashion-MNIST (784-500×6-10): the five methods with 3 seeds each (the
 *       notebook's order), then the learning-rate sweeps' other four trials;</li>
 *   <li>kunin-zoo: Kunin et al.'s rule zoo on Fashion-MNIST (784-256-256-10, 20 epochs, 5 seeds of every rule);</li>
 *   <li>kunin-claims: the runs behind claims 1-4 of the Kunin notebook: the sensitivity searches of weight mirror and
 *       information alignment, their transfer to the deeper network, backprop beside both, and the depth and noise
 *       studies (the ResNet depth study is left to the notebook).</li>
 * </ul>
 */
public final class RunStudy {
    public static void main(String[] args) {
        String study = args.length >= 1 ? args[0] : "";
        switch (study) {
            case "pepita-compare" -> {
                // the runs of PepitaStudy.compare, the paper's own rule and its baseline first, so that a session that
                // ends early has recorded the pairs that matter most
                PepitaStudy pepita = PepitaStudy.of(Profile.FULL);
                SeedRuns.Batch<Method> batch = SeedRuns.batch(PepitaStudy.runner());
                for (Method m : List.of(Method.PEPITA, Method.BP, Method.FA, Method.DFA, Method.DRTP)) {
                    batch.add(m, m.label(), pepita.experiment(DatasetName.FASHION_MNIST, m), pepita.seeds());
                }
                batch.run().forEach((m, r) -> System.out.println(m.label() + ": " + r.summary("test_acc")));
            }
            case "pepita-stable-rate" -> System.out.println("PEPITA at η = " + PepitaStudy.STABLE_LR + ": "
                    + PepitaStudy.of(Profile.FULL).stableRate(DatasetName.FASHION_MNIST).summary("test_acc"));
            case "pepita-scales" -> {
                PepitaStudy pepita = PepitaStudy.of(Profile.FULL);
                pepita.projectionScales(DatasetName.FASHION_MNIST, pepita.projectionScales())
                        .forEach((s, r) -> System.out.println("s = " + s + ": " + r.summary("test_acc")));
            }
            case "pepita-follow-up" -> {
                // the follow-up's variants, then its update modes, with 1 to MAX_DEPTH hidden layers
                int maxDepth = args.length > 1 ? Integer.parseInt(args[1]) : PepitaStudy.FOLLOW_UP_DEPTHS;
                PepitaStudy pepita = PepitaStudy.of(Profile.FULL);
                pepita.followUp(DatasetName.FASHION_MNIST, maxDepth).forEach((v, byDepth) -> byDepth.forEach((k, r) ->
                        System.out.println(v + ", " + k + " hidden: " + r.summary("test_acc"))));
                pepita.modes(DatasetName.FASHION_MNIST, maxDepth).forEach((m, byDepth) -> byDepth.forEach((k, r) ->
                        System.out.println(m + ", " + k + " hidden: " + r.summary("test_acc"))));
            }
            case "dfc-table1" -> {
                List<org.creditlab.papers.dfc.Method> rows = args.length > 1
                        ? Arrays.stream(args[1].split(",")).map(org.creditlab.papers.dfc.Method::of).toList()
                        : DfcStudy.table1Methods(Profile.FULL);
                DfcStudy.table1(Profile.FULL, "fmnist", rows).forEach((m, runs) -> System.out.println(m + ": "
                        + runs.size() + " run(s) finished"));
            }
            case "dfc-figure1d" -> {
                // one stored run (its forward rate 0): the controller's trace after the feedback pre-training
                ControllerTrace trace = DfcStudy.figure1D(Profile.FULL);
                System.out.println("Fig. 1D: " + (trace == null ? "no trace (not stored or diverged)" : "trace kept"));
            }
            case "copi-fig2" -> {
                CopiPresets.Setup setup = CopiPresets.analysisSetup(Profile.FULL);
                CopiStudy.runAll(setup).forEach((m, r) -> System.out.println(m.label() + ": " + r.summary("test_acc")));
                CopiStudy.copiSweep(setup).run(CopiStudy.runner());
                CopiStudy.adamSweep(setup).run(CopiStudy.runner());
            }
            case "kunin-zoo" -> KuninStudy.runZoo(Scale.of(Profile.FULL), kuninRunner())
                    .forEach((m, r) -> System.out.println(m.label() + ": " + r.summary("test_acc")));
            case "kunin-claims" -> {
                // the calls of the notebook's sections 2-4, in its order, so that their runs are the notebook's
                Scale scale = Scale.of(Profile.FULL);
                Runner runner = kuninRunner();
                FeedbackStability stability = KuninStudy.searchStability(scale);
                for (var rule : List.of(org.creditlab.papers.kunin.Method.WM, org.creditlab.papers.kunin.Method.IA)) {
                    SearchResult search = KuninStudy.sensitivity(rule, scale, stability).run(runner);
                    KuninStudy.transfer(search, scale, runner);
                }
                KuninStudy.backprop("search", 2, 128, scale, runner);
                KuninStudy.backprop("transfer", KuninStudy.TRANSFER_DEPTH, 128, scale, runner);
                KuninStudy.runDepth(scale, runner);
                KuninStudy.runNoise(scale, runner);
            }
            default -> {
                System.err.println("unknown study '" + study + "'; one of: pepita-compare, pepita-stable-rate, pepita-scales, pepita-follow-up [MAX_DEPTH], dfc-table1 [ROWS], dfc-figure1d, copi-fig2, "
                        + "kunin-zoo, kunin-claims");
                System.exit(2);
            }
        }
    }

    /** The Kunin notebook's runner: stored runs, one line per epoch. */
    private static Runner kuninRunner() {
        return Runner.standard().progress(ConsoleProgress.epochsOnly());
    }
}
