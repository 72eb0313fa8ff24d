package org.creditlab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.creditlab.util.AtomicFiles;
import org.creditlab.util.IoMessages;
import org.creditlab.util.VectorModule;

/**
 * Writes the Jupyter kernelspec {@code java}: rapaio-jupyter-kernel with CreditLab's jar and dependencies on its
 * classpath (RJK_CLASSPATH, ';'-separated globs), the imports of {@code notebooks/creditlab.jshell} run at start-up,
 * and JVM settings for the machine. It can also add the same classpath to an existing IJava or JJava kernelspec,
 * through their own variables.
 */
public final class KernelSpec {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * JVM settings of the kernel. ND4J keeps arrays off the Java heap, so its own limits (JavaCPP's maxbytes and
     * maxphysicalbytes, the latter counting the heap too) matter as much as -Xmx.
     *
     * @param ompThreads OpenMP threads for ND4J; 1 measured fastest on 2 cores (README, "Notebooks")
     * @param executor   the kernel's CREDITLAB_EXECUTOR, or empty to leave it to the environment (local workers)
     */
    public record Jvm(String heap, String maxBytes, String maxPhysicalBytes, int ompThreads, String executor) {
        /** A workstation or CI machine with several GiB to spare. */
        public static Jvm standard() {
            return new Jvm("3g", "6G", "10G", 1, "");
        }

        /** A 2 GB Binder session: the kernel must stay well inside the pod's limit, so runs train in the kernel itself. */
        public static Jvm binder() {
            return new Jvm("600m", "600m", "1400m", 1, "serial");
        }
    }

    private KernelSpec() {}

    /** The files the kernel's classpath holds: the project jar and its runtime dependencies, which must exist. */
    public static List<Path> classpath(Path projectRoot) {
        Path jar = projectRoot.resolve("target/creditlab.jar");
        Path lib = projectRoot.resolve("target/lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("CreditLab is not built: " + jar + " or " + lib
                    + " is missing. Run 'mvn -DskipTests package' (environment/setup.sh does) first.");
        }
        List<Path> out = new ArrayList<>();
        out.add(jar.toAbsolutePath().normalize());
        try (var s = Files.list(lib)) {
            s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> out.add(p.toAbsolutePath().normalize()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Writes {@code kernelDir/kernel.json} for rapaio-jupyter-kernel.
     *
     * @param java the java executable the kernel runs on
     */
    public static Path writeRapaio(Path kernelDir, Path kernelJar, Path projectRoot, Jvm jvm, String java) {
        if (!Files.isRegularFile(kernelJar)) {
            throw new IllegalStateException("the kernel jar " + kernelJar + " does not exist");
        }
        Path root = projectRoot.toAbsolutePath().normalize();
        classpath(root);
        ObjectNode spec = JSON.createObjectNode();
        ArrayNode argv = spec.putArray("argv");
        argv.add(java);
        argv.add("-Xmx" + jvm.heap());
        argv.add("-Dorg.bytedeco.javacpp.maxbytes=" + jvm.maxBytes());
        argv.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + jvm.maxPhysicalBytes());
        Path logging = root.resolve("environment/kernel-logging.properties");
        if (Files.isRegularFile(logging)) {
            argv.add("-Djava.util.logging.config.file=" + logging);
        }
        if (Runtime.version().feature() >= 22) {
            argv.add("--enable-native-access=ALL-UNNAMED");
        }
        if (VectorModule.available()) {
            argv.add(VectorModule.JVM_OPTION); // DFC's tanh, pooling, ReLU and a first convolution run on vectors
        }
        argv.add("-jar");
        argv.add(kernelJar.toAbsolutePath().normalize().toString());
        argv.add("{connection_file}");
        spec.put("display_name", "Java (CreditLab)");
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        ObjectNode env = spec.putObject("env");
        env.put("RJK_CLASSPATH", root.resolve("target/creditlab.jar") + ";" + root.resolve("target/lib") + "/*.jar");
        env.put("RJK_INIT_SCRIPT", root.resolve("notebooks/creditlab.jshell").toString());
        env.put("RJK_TIMEOUT_MILLIS", "-1");
        env.put("RJK_COMPILER_OPTIONS", "");
        env.put("RJK_MIMA_CACHE", root.resolve("target/mima_cache").toString());
        env.put("OMP_NUM_THREADS", String.valueOf(jvm.ompThreads()));
        env.put("CREDITLAB_HOME", root.toString());
        if (!jvm.executor().isEmpty()) {
            env.put("CREDITLAB_EXECUTOR", jvm.executor());
        }
        Path file = kernelDir.resolve("kernel.json");
        AtomicFiles.writeString(file, spec.toPrettyString() + "\n");
        return file;
    }

    /** Which other kernel's kernelspec to extend. */
    public enum Other {
        IJAVA("IJAVA_CLASSPATH", "IJAVA_STARTUP_SCRIPTS_PATH", null),
        JJAVA("JJAVA_CLASSPATH", "JJAVA_STARTUP_SCRIPTS_PATH", "JJAVA_JVM_OPTS");

        final String classpathVariable;
        final String startupVariable;
        final String jvmVariable;

        Other(String classpathVariable, String startupVariable, String jvmVariable) {
            this.classpathVariable = classpathVariable;
            this.startupVariable = startupVariable;
            this.jvmVariable = jvmVariable;
        }
    }

    /** Adds CreditLab's classpath (and start-up imports, and JVM limits for JJava) to an existing kernelspec. */
    public static void extend(Path kernelJson, Other kind, Path projectRoot, Jvm jvm) {
        Path root = projectRoot.toAbsolutePath().normalize();
        classpath(root);
        ObjectNode spec;
        try {
            JsonNode n = JSON.readTree(Files.readString(kernelJson));
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalStateException(kernelJson + " is not a kernelspec (a JSON object)");
            }
            spec = o;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + IoMessages.describe(kernelJson, e), e);
        }
        ObjectNode env = spec.has("env") && spec.get("env").isObject() ? (ObjectNode) spec.get("env") : spec.putObject("env");
        String cp = root.resolve("target/creditlab.jar") + File.pathSeparator + root.resolve("target/lib") + "/*.jar";
        String old = env.path(kind.classpathVariable).asText("");
        env.put(kind.classpathVariable, old.isBlank() ? cp : old.contains(cp) ? old : old + File.pathSeparator + cp);
        env.put(kind.startupVariable, root.resolve("notebooks/creditlab.jshell").toString());
        if (kind.jvmVariable != null) {
            env.put(kind.jvmVariable, "-Xmx" + jvm.heap() + " -Dorg.bytedeco.javacpp.maxbytes=" + jvm.maxBytes()
                    + " -Dorg.bytedeco.javacpp.maxphysicalbytes=" + jvm.maxPhysicalBytes()
                    + (VectorModule.available() ? " " + VectorModule.JVM_OPTION : ""));
        }
        env.put("OMP_NUM_THREADS", String.valueOf(jvm.ompThreads()));
        env.put("CREDITLAB_HOME", root.toString());
        AtomicFiles.writeString(kernelJson, spec.toPrettyString() + "\n");
    }
}
