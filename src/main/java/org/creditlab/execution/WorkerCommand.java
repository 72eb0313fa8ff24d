package org.creditlab.execution;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.creditlab.util.VectorModule;

/**
 * The command that runs one entry of a manifest in a fresh JVM: {@code java -cp <CreditLab's classpath>
 * org.creditlab.cli.CreditLab run <manifest> --index <i>}. Local workers start it directly; a SLURM job script runs
 * the same line with the array task's index.
 */
final class WorkerCommand {
    /** The command line's main class (named, not imported: the command line depends on this package). */
    static final String MAIN_CLASS = "org.creditlab.cli.CreditLab";

    /** JVM settings of this process that workers inherit (ND4J's off-heap limits). */
    private static final List<String> INHERITED_PROPERTIES = List.of(
            "org.bytedeco.javacpp.maxbytes", "org.bytedeco.javacpp.maxphysicalbytes");

    private WorkerCommand() {}

    /** JVM options for every worker, e.g. {@code -Xmx4g}, separated by spaces. */
    static final String OPTIONS_VARIABLE = "CREDITLAB_WORKER_JVM_OPTIONS";

    /** The command for run {@code index} (a number, or the job array's variable), with extra JVM options. */
    static List<String> of(Path manifest, String index, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String p : INHERITED_PROPERTIES) {
            String v = System.getProperty(p);
            if (v != null) {
                cmd.add("-D" + p + "=" + v);
            }
        }
        String env = System.getenv(OPTIONS_VARIABLE);
        if (env != null && !env.isBlank()) {
            cmd.addAll(List.of(env.strip().split("\\s+")));
        }
        cmd.addAll(jvmOptions);
        if (VectorModule.loaded()) {
            cmd.add(VectorModule.JVM_OPTION); // a speed-up only: the numbers are the same without it
        }
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(MAIN_CLASS);
        cmd.add("run");
        cmd.add(manifest.toAbsolutePath().normalize().toString());
        cmd.add("--index");
        cmd.add(index);
        return cmd;
    }

    /**
     * Where CreditLab's classes come from. From the jar (the command line, a notebook kernel) that is the jar, whose
     * manifest lists its dependencies; from a classes folder (tests, an IDE) it is this JVM's whole classpath.
     */
    static String classpath() {
        Path source;
        try {
            source = Path.of(WorkerCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where CreditLab's classes were loaded from, so worker processes "
                    + "cannot be started; use CREDITLAB_EXECUTOR=serial", e);
        }
        if (Files.isRegularFile(source)) {
            return source.toString();
        }
        // Maven's test runner puts its classpath behind a booter jar and names it in this property.
        String own = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return own.isEmpty() ? source.toString() : own + File.pathSeparator + source;
    }
}
