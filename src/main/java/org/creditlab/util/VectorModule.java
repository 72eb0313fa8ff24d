package org.creditlab.util;

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
    private static final java.util.Set<String> HINTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private VectorModule() {}

    /** Whether the module is loaded in this JVM. */
    public static boolean loaded() {
        return LOADED;
    }

    /**
     * Says once per JVM and {@code what}, to {@code say}, that {@code what} runs one element at a time here and how to
     * run it on vectors, when the module is not loaded but the JDK has it.
     */
    public static void hintOnce(String what, java.util.function.Consumer<String> say) {
        if (!LOADED && java.lang.module.ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent() && HINTED.add(what)) {
            say.accept("note: " + what + " runs one element at a time in this JVM; start java with " + JVM_OPTION
                    + " for its vector path (the numbers are the same)");
        }
    }
}
