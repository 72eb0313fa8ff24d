package org.creditlab.util;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which BLAS ND4J runs on: the build of the {@code org.bytedeco:openblas} preset (pinned in the pom), the kernels
 * OpenBLAS chose for this CPU, and the native library file the process loaded. Stored runs record
 * {@link #describe()}; {@code creditlab bench} prints all three, so that a benchmark says what it measured.
 */
public final class BlasInfo {
    private static volatile String description;

    private BlasInfo() {}

    /**
     * e.g. "OPENBLAS 0.3.31-1.5.13, core type Cooperlake, ND4J natives with oneDNN" (the kernels OpenBLAS detected,
     * and the build of ND4J's own library, {@link Nd4jNatives}), or "..., core type Haswell (OPENBLAS_CORETYPE), ..."
     * when the environment forces them. Builds whose preset cannot report the core type say what the environment asks
     * for, or "auto".
     */
    public static String describe() {
        String d = description;
        if (d == null) {
            String vendor = Nd4j.factory().blas().getBlasVendor().toString(); // also loads ND4J's natives first
            String forced = System.getenv("OPENBLAS_CORETYPE");
            String core = coreName().orElse(forced == null ? "auto" : forced);
            d = vendor + " " + build() + ", core type " + core + (forced == null ? "" : " (OPENBLAS_CORETYPE)")
                    + ", " + Nd4jNatives.describe();
            description = d;
        }
        return d;
    }

    /** The version of the openblas preset on the classpath, e.g. "0.3.31-1.5.13" (OpenBLAS 0.3.31, JavaCPP 1.5.13). */
    public static String build() {
        String v = openblas.class.getPackage().getImplementationVersion();
        return v == null ? "unknown build" : v;
    }

    /**
     * The kernels OpenBLAS chose at load time ({@code openblas_get_corename()}), e.g. "Cooperlake" or "Haswell".
     * Presets from 1.5.13 expose it (in {@code openblas_full}, which binds the same loaded library); older ones do
     * not, hence the reflection, which also keeps this compiling against the 0.3.19 build used for reference runs.
     */
    public static Optional<String> coreName() {
        try {
            Method m = Class.forName("org.bytedeco.openblas.global.openblas_full").getMethod("openblas_get_corename");
            BytePointer p = (BytePointer) m.invoke(null);
            return p == null || p.isNull() ? Optional.empty() : Optional.of(p.getString().strip());
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The OpenBLAS library ND4J links, as this process mapped it (Linux: from /proc/self/maps), or "unknown". */
    public static String loadedLibrary() {
        Nd4j.factory().blas(); // the library is loaded with ND4J's backend
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(f -> f.matches(".*/libopenblas\\.so[.0-9]*")) // what libnd4jcpu links (JavaCPP adds a _nolapack copy)
                    .distinct().sorted().reduce((a, b) -> a + ", " + b).orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
