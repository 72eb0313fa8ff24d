package org.creditlab.util;

import java.lang.module.ModuleFinder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Whether this JVM runs the JDK's incubating Vector API: it does when started with
 * {@code --add-modules=jdk.incubator.vector} ({@link #JVM_OPTION}). Classes that use the API are loaded only where this
 * says so, and every such path has a scalar twin that gives the same bits: the option changes the speed, never the
 * numbers.
 */
public final class VectorModule {
    /** The JVM option that loads the module. */
    public static final String JVM_OPTION = "--add-modules=jdk.incubator.vector";

    private static final boolean LOADED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    /** Whether the JDK has the module, loaded or not. */
    private static final boolean AVAILABLE = ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent();
    private static final Set<String> HINTED = ConcurrentHashMap.newKeySet();

    private VectorModule() {}

    /** Whether the module is loaded in this JVM. */
    public static boolean loaded() {
        return LOADED;
    }

    /** Whether the JDK has the module, so that a JVM started with {@link #JVM_OPTION} loads it. */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * Says once per JVM and {@code what}, to {@code say}, that {@code what} runs one element at a time here and how to
     * run it on vectors, when the module is not loaded but the JDK has it.
     */
    public static void hintOnce(String what, Consumer<String> say) {
        if (!LOADED && AVAILABLE && HINTED.add(what)) {
            say.accept("note: " + what + " runs one element at a time in this JVM; start java with " + JVM_OPTION
                    + " for its vector path (the numbers are the same)");
        }
    }
}
