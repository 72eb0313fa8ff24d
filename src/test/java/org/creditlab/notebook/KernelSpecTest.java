package org.creditlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecTest {
    @TempDir
    Path tmp;
    private Path root;
    private Path kernelJar;

    @BeforeEach
    void project() throws Exception {
        root = tmp.resolve("project");
        Files.createDirectories(root.resolve("target/lib"));
        Files.writeString(root.resolve("target/creditlab.jar"), "jar");
        Files.writeString(root.resolve("target/lib/nd4j-api.jar"), "jar");
        Files.writeString(root.resolve("target/lib/xchart.jar"), "jar");
        Files.createDirectories(root.resolve("notebooks"));
        Files.writeString(root.resolve("notebooks/creditlab.jshell"), "import org.creditlab.nn.*;\n");
        kernelJar = tmp.resolve("rapaio-jupyter-kernel-3.0.1.jar");
        Files.writeString(kernelJar, "kernel");
    }

    /** Expands one ';'-separated RJK_CLASSPATH entry (a file or a glob) the way the kernel does. */
    private static List<Path> expand(String entry) throws Exception {
        if (!entry.contains("*")) {
            return List.of(Path.of(entry));
        }
        Path dir = Path.of(entry).getParent();
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + entry);
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(m::matches).forEach(out::add);
        }
        return out;
    }

    @Test
    void writesAValidKernelJsonWhoseClasspathPointsAtExistingJars() throws Exception {
        Path file = KernelSpec.writeRapaio(tmp.resolve("kernels/java"), kernelJar, root, KernelSpec.Jvm.binder(), "/usr/bin/java");
        JsonNode spec = new ObjectMapper().readTree(Files.readString(file));
        assertEquals("java", spec.get("language").asText());
        List<String> argv = new ArrayList<>();
        spec.get("argv").forEach(a -> argv.add(a.asText()));
        assertEquals("/usr/bin/java", argv.get(0));
        assertTrue(argv.contains("-Xmx600m") && argv.contains("{connection_file}"), argv.toString());
        assertTrue(argv.contains(kernelJar.toString()), argv.toString());
        assertTrue(argv.stream().anyMatch(a -> a.startsWith("-Dorg.bytedeco.javacpp.maxphysicalbytes=")), argv.toString());
        JsonNode env = spec.get("env");
        assertEquals("1", env.get("OMP_NUM_THREADS").asText());
        assertEquals("serial", env.get("CREDITLAB_EXECUTOR").asText(), "a 2 GB Binder session has no room for a second run");
        assertTrue(Files.isRegularFile(Path.of(env.get("RJK_INIT_SCRIPT").asText())));
        String[] entries = env.get("RJK_CLASSPATH").asText().split(";");
        assertEquals(2, entries.length);
        List<Path> jars = new ArrayList<>();
        for (String e : entries) {
            jars.addAll(expand(e));
        }
        assertEquals(3, jars.size(), jars.toString());
        for (Path j : jars) {
            assertTrue(Files.isRegularFile(j) && j.toString().endsWith(".jar"), j.toString());
        }
    }

    @Test
    void refusesAnUnbuiltProject() throws Exception {
        Files.delete(root.resolve("target/creditlab.jar"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelSpec.writeRapaio(tmp.resolve("k"), kernelJar, root, KernelSpec.Jvm.standard(), "java"));
        assertTrue(e.getMessage().contains("mvn"), e.getMessage());
    }

    @Test
    void extendsAnIJavaKernelspecThroughItsOwnVariables() throws Exception {
        Path json = tmp.resolve("ijava/kernel.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, "{\"argv\":[\"java\",\"-jar\",\"ijava.jar\",\"{connection_file}\"],\"display_name\":\"Java\","
                + "\"language\":\"java\",\"env\":{\"IJAVA_CLASSPATH\":\"/opt/other.jar\"}}");
        KernelSpec.extend(json, KernelSpec.Other.IJAVA, root, KernelSpec.Jvm.standard());
        JsonNode env = new ObjectMapper().readTree(Files.readString(json)).get("env");
        String cp = env.get("IJAVA_CLASSPATH").asText();
        assertTrue(cp.startsWith("/opt/other.jar" + File.pathSeparator), cp);
        assertTrue(cp.contains(root.resolve("target/creditlab.jar").toString()), cp);
        assertTrue(env.get("IJAVA_STARTUP_SCRIPTS_PATH").asText().endsWith("creditlab.jshell"));
        // idempotent: a second run does not add the classpath twice
        KernelSpec.extend(json, KernelSpec.Other.IJAVA, root, KernelSpec.Jvm.standard());
        String again = new ObjectMapper().readTree(Files.readString(json)).get("env").get("IJAVA_CLASSPATH").asText();
        assertEquals(cp, again);
    }

    @Test
    void extendsAJJavaKernelspecWithJvmOptions() throws Exception {
        Path json = tmp.resolve("jjava/kernel.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, "{\"argv\":[\"java\"],\"display_name\":\"Java (jjava)\",\"language\":\"java\"}");
        KernelSpec.extend(json, KernelSpec.Other.JJAVA, root, KernelSpec.Jvm.binder());
        JsonNode env = new ObjectMapper().readTree(Files.readString(json)).get("env");
        assertTrue(env.get("JJAVA_CLASSPATH").asText().contains("creditlab.jar"));
        assertTrue(env.get("JJAVA_JVM_OPTS").asText().contains("-Xmx600m"));
    }
}
