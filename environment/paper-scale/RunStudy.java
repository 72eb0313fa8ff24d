import java.util.Map;
import org.creditlab.data.DatasetName;
import org.creditlab.notebook.Profile;
import org.creditlab.papers.pepita.Method;
import org.creditlab.papers.pepita.PepitaStudy;
import org.creditlab.sweep.SeedRuns;

/**
 * Trains one paper-scale study into results/ without executing its whole notebook, so that its runs can be recorded
 * (environment/record-runs.sh) while the next study trains. The notebook at the same profile then loads them.
 *
 *   java -cp 'target/creditlab.jar:target/lib/*' environment/paper-scale/RunStudy.java STUDY
 *
 * Studies: pepita-compare (the ICML fully connected table on Fashion-MNIST: BP, FA, DFA, DRTP and PEPITA, 100 epochs
 * with the published learning-rate steps, 3 seeds).
 */
public final class RunStudy {
    public static void main(String[] args) {
        String study = args.length == 1 ? args[0] : "";
        switch (study) {
            case "pepita-compare" -> {
                Map<Method, SeedRuns> runs = PepitaStudy.of(Profile.FULL).compare(DatasetName.FASHION_MNIST);
                runs.forEach((m, r) -> System.out.println(m.label() + ": " + r.summary("test_acc")));
            }
            default -> {
                System.err.println("unknown study '" + study + "'; one of: pepita-compare");
                System.exit(2);
            }
        }
    }
}
