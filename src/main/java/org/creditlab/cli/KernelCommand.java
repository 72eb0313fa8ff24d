package org.creditlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.creditlab.notebook.KernelSpec;
import org.creditlab.util.ProjectPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the Jupyter kernelspec "java" (rapaio-jupyter-kernel) or extends an IJava/JJava kernelspec. */
@Command(name = "kernel", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Install the Jupyter kernelspec 'java' with CreditLab on its classpath, or add CreditLab to an IJava/JJava kernelspec.")
final class KernelCommand implements Callable<Integer> {
    @Option(names = "--dir", description = "the kernelspec folder to write (e.g. ~/.local/share/jupyter/kernels/java)")
    Path dir;
    @Option(names = "--kernel-jar", description = "the rapaio-jupyter-kernel jar")
    Path kernelJar;
    @Option(names = "--extend", description = "instead: add CreditLab to this existing kernel.json")
    Path extend;
    @Option(names = "--kind", defaultValue = "JJAVA", description = "with --extend: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    KernelSpec.Other kind;
    @Option(names = "--binder", description = "size the JVM for a 2 GB Binder session")
    boolean binder;
    @Option(names = "--java", defaultValue = "java", description = "the java executable the kernel runs on (default: ${DEFAULT-VALUE})")
    String java;

    @Override
    public Integer call() {
        KernelSpec.Jvm jvm = binder ? KernelSpec.Jvm.binder() : KernelSpec.Jvm.standard();
        Path root = ProjectPaths.root();
        if (extend != null) {
            KernelSpec.extend(extend, kind, root, jvm);
            System.out.println("Added CreditLab to " + extend);
            return 0;
        }
        if (dir == null || kernelJar == null) {
            throw new IllegalArgumentException("--dir and --kernel-jar are required (or --extend)");
        }
        System.out.println("Wrote " + KernelSpec.writeRapaio(dir, kernelJar, root, jvm, java));
        return 0;
    }
}
