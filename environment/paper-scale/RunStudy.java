import java.util.Arrays;
import java.util.List;
import org.creditlab.data.DatasetName;
import org.creditlab.notebook.Profile;
import org.creditlab.papers.copi.CopiPresets;
import org.creditlab.papers.copi.CopiStudy;
import org.creditlab.papers.dfc.DfcStudy;
import org.creditlab.papers.pepita.Method;
import org.creditlab.papers.pepita.PepitaStudy;
import org.creditlab.sweep.SeedRuns;

/**
 * Trains one paper-scale study into results/ without executing its whole notebook, so that its runs can be recorded
 * (environment/record-runs.sh) while the next study trains. The notebook at the same profile then loads them.
 *
 *   java -Xmx3g -Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.maxphysicalbytes=10G \
 *       -cp 'target/creditlab.jar:target/lib/*' environment/paper-scale/RunStudy.java STUDY
 *
 * (the kernel's memory limits: without them ND4J's off-heap arrays can outgrow the machine before the heap collects)
 *
 * Studies:
 * <ul>
 *   <li>pepita-compare: the ICML fully connected table on Fashion-MNIST (BP, FA, DFA, DRTP and PEPITA, 100 epochs with
 *       the published learning-rate steps, 3 seeds);</li>
 *   <li>dfc-table1 [ROWS]: Table 1's Fashion-MNIST column, the rows named (comma-separated, e.g. bp,dfa,dfc-ssa-fixed)
 *       or all eight, 3 seeds each, in the order given;</li>
 *   <li>copi-fig2: the COPI notebook's runs on Fashion-MNIST (784-500×6-10): the five methods with 3 seeds each (the
 *       notebook's order), then the learning-rate sweeps' other four trials.</li>
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
            case "dfc-table1" -> {
                List<org.creditlab.papers.dfc.Method> rows = args.length > 1
                        ? Arrays.stream(args[1].split(",")).map(org.creditlab.papers.dfc.Method::of).toList()
                        : DfcStudy.table1Methods(Profile.FULL);
                DfcStudy.table1(Profile.FULL, "fmnist", rows).forEach((m, runs) -> System.out.println(m + ": "
                        + runs.size() + " run(s) finished"));
            }
            case "copi-fig2" -> {
                CopiPresets.Setup setup = CopiPresets.analysisSetup(Profile.FULL);
                CopiStudy.runAll(setup).forEach((m, r) -> System.out.println(m.label() + ": " + r.summary("test_acc")));
                CopiStudy.copiSweep(setup).run(CopiStudy.runner());
                CopiStudy.adamSweep(setup).run(CopiStudy.runner());
            }
            default -> {
                System.err.println("unknown study '" + study + "'; one of: pepita-compare, dfc-table1 [ROWS], copi-fig2");
                System.exit(2);
            }
        }
    }
}
