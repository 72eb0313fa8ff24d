package org.creditlab.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.creditlab.nn.Network;
import org.creditlab.rules.RuleSpec;
import org.creditlab.util.Sha256;

/**
 * A fingerprint of the code of a rule written outside the project, so that a run it made is flagged stale once that
 * code changes, without its author having to remember {@link RuleSpec#algorithmVersion()}.
 *
 * <p>The project's own rules are versioned by hand (their classes change with refactorings that keep the numbers),
 * so they have none. For another rule, the fingerprint is the SHA-256 of the class files of its settings class and
 * of every class nested with it (its nest: the enclosing class, the other nested classes and the bodies of its
 * lambdas), and of the class {@code create} declares it returns, with that one's nest, when it is a concrete class of
 * the same author: the rule and its settings in one file, as the example rule writes them, are covered whole. Code
 * elsewhere (a helper class the rule calls) is not: bump {@code algorithmVersion()} when that changes. Classes
 * defined in JShell (a notebook cell) carry a cell counter in their names that changes each time a cell runs, so they
 * get no fingerprint; their runs are told apart by {@code algorithmVersion()} alone.
 */
public final class RuleCode {
    private RuleCode() {}

    /** The fingerprint of {@code spec}'s code, or null for the project's rules, JShell's classes and unreadable ones. */
    public static String fingerprint(Class<? extends RuleSpec> spec) {
        if (!fingerprinted(spec)) {
            return null;
        }
        Set<Class<?>> classes = new LinkedHashSet<>(List.of(spec.getNestHost().getNestMembers()));
        Class<?> created = createdClass(spec);
        if (created != null && fingerprinted(created) && created.getClassLoader() == spec.getClassLoader()) {
            classes.addAll(List.of(created.getNestHost().getNestMembers()));
        }
        MessageDigest digest = Sha256.digest();
        for (Class<?> c : classes.stream().sorted(Comparator.comparing(Class::getName)).toList()) {
            byte[] bytes = classFile(c);
            if (bytes == null) {
                return null;
            }
            digest.update(c.getName().getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        }
        return Sha256.hex(digest.digest()).substring(0, 16);
    }

    private static boolean fingerprinted(Class<?> c) {
        return !c.getName().startsWith("org.creditlab.") && !c.getName().contains("$JShell$") && c.getClassLoader() != null;
    }

    /** The concrete class {@code create} declares it returns, or null when it declares only {@code LearningRule}. */
    private static Class<?> createdClass(Class<? extends RuleSpec> spec) {
        try {
            Method create = spec.getMethod("create", Network.class, long.class);
            Class<?> type = create.getReturnType();
            return type.isInterface() || Modifier.isAbstract(type.getModifiers()) ? null : type;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static byte[] classFile(Class<?> c) {
        try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
