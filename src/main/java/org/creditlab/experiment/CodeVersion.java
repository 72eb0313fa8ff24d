package org.creditlab.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.creditlab.results.Provenance;
import org.creditlab.results.RunFolder;
import org.creditlab.util.BlasInfo;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The versions of the code that can change a run's numbers, and what describes the build, as recorded in every
 * stored run ({@link Provenance}).
 *
 * <p><b>When to bump.</b> {@link #CORE} when a change to the shared training code (the loop, layers, losses,
 * optimizers, data pipeline) changes any run's numbers; a rule's {@code RuleSpec.algorithmVersion()} when a change to
 * that rule does. A stored run whose versions differ is stale: loading it says so (and a runner set to refuse stale
 * runs stops), and an interrupted one is never resumed with different code.
 */
public final class CodeVersion {
    /** The version of the shared training code. */
    public static final int CORE = 1;

    private static final String PROJECT = readProjectVersion();
    private static final String COMMIT = readCommit();

    private CodeVersion() {}

    /** The provenance a run of {@code e} gets when trained now. */
    public static Provenance of(Experiment e) {
        return new Provenance(RunFolder.FORMAT, CORE, e.rule().algorithmVersion(), e.ruleName(), PROJECT, COMMIT,
                threads(), blas(), RuleCode.fingerprint(e.rule().getClass()));
    }

    private static int threads() {
        return Nd4j.factory().blas().getMaxThreads();
    }

    /**
     * e.g. "OPENBLAS 0.3.31-1.5.13, core type Cooperlake, ND4J natives with oneDNN": the library, its build, the
     * kernels it runs, and the build of ND4J's own library.
     */
    private static String blas() {
        return BlasInfo.describe();
    }

    private static String readProjectVersion() {
        try (InputStream in = CodeVersion.class.getResourceAsStream("/org/creditlab/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The git commit of the clone this code was built in (found from where its classes are, not from the working
     * folder), with "+dirty" if tracked files had changed; "unknown" outside a clone.
     */
    private static String readCommit() {
        Path root = cloneOfTheCode();
        if (root == null) {
            return "unknown";
        }
        String head = git(root, "rev-parse", "--short=12", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        return git(root, "status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "+dirty";
    }

    private static Path cloneOfTheCode() {
        try {
            Path p = Path.of(CodeVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent()) {
                if (Files.exists(p.resolve(".git")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // an unusual class loader: fall through
        }
        return null;
    }

    private static String git(Path root, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = root.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
