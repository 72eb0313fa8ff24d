package org.creditlab.execution;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.creditlab.diagnostics.Analyses;
import org.creditlab.diagnostics.Diagnostics;
import org.creditlab.experiment.Experiment;
import org.creditlab.experiment.Runner;

/**
 * Whether a run can train in another process. A fresh JVM knows the rules, diagnostics and analyses on CreditLab's
 * classpath; it does not know a rule class, diagnostic or analysis defined in a notebook cell, nor listener objects attached to a runner.
 * Such runs train in this process, and the executor says so once.
 */
final class Portability {
    private final Set<Path> classpath;

    Portability() {
        classpath = Arrays.stream(WorkerCommand.classpath().split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().normalize()).collect(Collectors.toSet());
    }

    /** Why {@code e} must train in this process, or null if a worker can train it. */
    String whyLocal(Experiment e, Runner runner) {
        if (runner.hasListeners()) {
            return "the runner has listeners attached, which exist only in this process (name the measurements with "
                    + "Experiment.Builder.addDiagnostics to record them in workers)";
        }
        if (!onClasspath(e.rule().getClass())) {
            return "its rule " + e.rule().getClass().getName() + " is not on CreditLab's classpath (defined in a notebook?)";
        }
        for (String d : e.diagnostics()) {
            if (!Diagnostics.isBuiltIn(d)) {
                return "its diagnostic '" + d + "' is registered in this process only";
            }
        }
        for (String a : e.analyses()) {
            if (!Analyses.isBuiltIn(a)) {
                return "its analysis '" + a + "' is registered in this process only";
            }
        }
        return null;
    }

    private boolean onClasspath(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return false;
        }
        try {
            return classpath.contains(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }
}
