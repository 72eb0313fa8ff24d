package org.creditlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.creditlab.notebook.KernelSpec;
import org.creditlab.util.ProjectPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Flags flags = new Flags(spec);
        KernelSpec.Jvm jvm = binder ? KernelSpec.Jvm.binder() : KernelSpec.Jvm.standard();
        Path root = ProjectPaths.root();
        if (extend != null) {
            for (String f : List.of("--dir", "--kernel-jar", "--java")) {
                flags.usedOnlyIf(false, f, "has no effect with --extend, which adds to an existing kernelspec; leave it out");
            }
            flags.require(Files.isRegularFile(extend), "--extend", (Files.isDirectory(extend) ? "a folder" : "no such file")
                    + "; give the kernel.json of an installed IJava or JJava kernel ('jupyter kernelspec list' shows their folders)");
            KernelSpec.extend(extend, kind, root, jvm);
            System.out.println("Added CreditLab to " + extend);
            return 0;
        }
        flags.usedOnlyIf(false, "--kind", "has no effect without --extend; leave it out, or give --extend <kernel.json>");
        if (dir == null || kernelJar == null) {
            throw new IllegalArgumentException((dir == null ? "--dir" : "--kernel-jar") + " is missing: give both --dir and"
                    + " --kernel-jar to write a kernelspec, or --extend to add CreditLab to an existing one");
        }
        flags.require(Files.isRegularFile(kernelJar), "--kernel-jar", (Files.isDirectory(kernelJar) ? "a folder" : "no such file")
                + "; give the path of the rapaio-jupyter-kernel jar");
        flags.require(!Files.exists(dir) || Files.isDirectory(dir), "--dir", "not a folder; give the kernelspec folder to write,"
                + " e.g. ~/.local/share/jupyter/kernels/java");
        System.out.println("Wrote " + KernelSpec.writeRapaio(dir, kernelJar, root, jvm, java));
        return 0;
    }
}
