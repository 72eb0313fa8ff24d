package org.creditlab.util;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/** Service providers ({@code META-INF/services}) of CreditLab's class loader and the thread's context class loader. */
public final class Services {
    private Services() {}

    /**
     * One instance of each class that provides {@code type}: the library's class loader finds those on the command
     * line's class path, the context class loader those a notebook kernel or a test adds.
     */
    public static <T> List<T> load(Class<T> type) {
        List<T> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ClassLoader loader : new ClassLoader[] {Services.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
            if (loader != null) {
                try {
                    for (T p : ServiceLoader.load(type, loader)) {
                        if (seen.add(p.getClass().getName())) {
                            found.add(p);
                        }
                    }
                } catch (ServiceConfigurationError broken) {
                    throw new IllegalStateException("a file META-INF/services/" + type.getName() + " on the class path"
                            + " names a provider that cannot be used (" + broken.getMessage() + "). Each of its lines must"
                            + " name a public class with a public no-argument constructor that implements "
                            + type.getSimpleName() + ", compiled onto the same class path (e.g. java -cp"
                            + " 'target/creditlab.jar:target/lib/*:<your classes>' org.creditlab.cli.CreditLab ...)", broken);
                }
            }
        }
        return found;
    }
}
